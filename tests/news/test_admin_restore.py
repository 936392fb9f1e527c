"""Restoring a version changes that object (and its own links and inline rows) and nothing else.

Measured on the demo content, where one load saves every demo object, and on the bulk actions,
which save many articles at once: each object saved gets a revision of its own, and a restore
writes the chosen version alone.
"""

from __future__ import annotations

import io
import json

import pytest
import reversion
from django.core import serializers
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from news.models import Article
from people.models import Person
from shows.models import Season, Show
from starcity_site.publishing import Status
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Every versioned row (fields and many-to-many links), keyed by (model, pk)."""
    rows = {}
    for model in reversion.get_registered_models():
        for row in json.loads(serializers.serialize("json", model._base_manager.order_by("pk"))):
            rows[(row["model"], row["pk"])] = row["fields"]
    return rows


def changed_between(before: dict, after: dict) -> set:
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def restore(client, obj, version, **changes):
    info = obj._meta.app_label, obj._meta.model_name
    url = reverse("admin:{}_{}_revision".format(*info), args=[obj.pk, version.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    return page


def edit(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


def test_the_demo_load_saves_one_revision_per_object():
    call_command("load_demo", stdout=io.StringIO())
    versions = Version.objects.all()
    assert versions.count() > 10
    for version in versions.select_related("revision"):
        objects = {(v.content_type_id, v.object_id) for v in version.revision.version_set.all()}
        main = (version.content_type_id, version.object_id)
        assert main in objects
    # A revision holds one object and at most the rows that belong to it (a show's seasons).
    articles = Version.objects.get_for_model(Article)
    assert all(v.revision.version_set.count() == 1 for v in articles)


def test_restoring_one_article_to_its_demo_version_changes_nothing_else(editor_client, client):
    call_command("load_demo", stdout=io.StringIO())
    article, other = Article.objects.filter(status=Status.PUBLISHED).order_by("pk")[:2]
    demo_version = Version.objects.get_for_object(article).last()
    demo_title = article.title
    edit(editor_client, article, title="Renamed after the demo load")
    edit(editor_client, other, title="Another article, edited since")
    person = Person.objects.order_by("pk").first()
    edit(editor_client, person, short_bio="Written since the demo load.")
    season = Season.objects.order_by("pk").first()
    edit(editor_client, season, era="An era written since")
    assert "Renamed after the demo load" in client.get(article.get_absolute_url()).content.decode()  # now cached
    versions_before = Version.objects.get_for_object(article).count()
    before = snapshot()

    page = restore(editor_client, article, demo_version)

    assert "and nothing else" in page.content.decode()
    after = snapshot()
    assert changed_between(before, after) == {("news.article", article.pk)}
    article.refresh_from_db()
    assert article.title == demo_title
    assert Version.objects.get_for_object(article).count() == versions_before + 1  # undoable
    public = client.get(article.get_absolute_url()).content.decode()
    assert demo_title in public and "Renamed after the demo load" not in public  # cache invalidated


def test_a_version_from_the_bulk_publish_restores_that_article_only(editor_client):
    first = factories.make_article(title="First draft", status=Status.DRAFT, published_at=None)
    second = factories.make_article(title="Second draft", status=Status.DRAFT, published_at=None)
    changelist = reverse("admin:news_article_changelist")
    response = editor_client.post(changelist, {"action": "publish_now", "_selected_action": [first.pk, second.pk]})
    assert response.status_code == 302
    from_action = Version.objects.get_for_object(first).first()
    assert from_action.revision.version_set.count() == 1
    edit(editor_client, second, title="Second, retitled later", standfirst="A standfirst added later")
    edit(editor_client, first, title="First, retitled later")
    before = snapshot()

    restore(editor_client, first, from_action)

    assert changed_between(before, snapshot()) == {("news.article", first.pk)}
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title == "First draft" and first.is_published
    assert second.title == "Second, retitled later"


def test_a_show_restore_brings_back_its_own_seasons_and_nothing_else(editor_client):
    show = factories.make_show(title="Star City")
    season = factories.make_season(show=show, era="1970s")
    neighbour = factories.make_show(title="For All Mankind")
    edit(editor_client, show, tagline="First tagline")
    old = Version.objects.get_for_object(show).first()
    edit(editor_client, show, tagline="Second tagline", **{"seasons-0-era": "1980s"})
    edit(editor_client, neighbour, tagline="Untouched")
    before = snapshot()

    restore(editor_client, show, old)

    changed = changed_between(before, snapshot())
    assert changed == {("shows.show", show.pk), ("shows.season", season.pk)}
    season.refresh_from_db()
    assert season.era == "1970s" and Show.objects.get(pk=neighbour.pk).tagline == "Untouched"


def test_a_restore_keeps_the_no_lost_update_check(editor_client):
    person = factories.make_person(name="Rhys Ifans")
    edit(editor_client, person, short_bio="One.")
    old = Version.objects.get_for_object(person).first()
    edit(editor_client, person, short_bio="Two.")
    url = reverse("admin:people_person_revision", args=[person.pk, old.pk])
    data = change_form_data(editor_client.get(url))
    edit(editor_client, person, known_for="Saved by someone after the restore page opened.")
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "Someone else" in response.content.decode()
    person.refresh_from_db()
    assert person.short_bio == "Two." and person.known_for.startswith("Saved by someone")


def test_restoring_an_episode_rebuilds_the_spoiler_index(editor_client):
    from spoilers.episodes import load_index

    episode = factories.make_episode(title="Pilot")
    edit(editor_client, episode, title="Pilot")
    undated = Version.objects.get_for_object(episode).first()
    edit(editor_client, episode, airs_at_0="2026-10-07", airs_at_1="21:00:00")
    assert load_index().by_id[episode.pk].airs_at is not None

    restore(editor_client, episode, undated)

    assert load_index().by_id[episode.pk].airs_at is None


def test_a_deleted_object_is_recovered_alone(editor_client):
    person = factories.make_person(name="Recovered Person")
    edit(editor_client, person, short_bio="Before deletion.")
    other = factories.make_person(name="Someone else")
    edit(editor_client, other, short_bio="Unrelated.")
    version = Version.objects.get_for_object(person).first()
    person.delete()
    before = snapshot()
    url = reverse("admin:people_person_recover", args=[version.pk])
    data = change_form_data(editor_client.get(url))
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert changed_between(before, snapshot()) == {("people.person", version.object_id and int(version.object_id))}
    assert Person.objects.get(pk=version.object_id).short_bio == "Before deletion."
