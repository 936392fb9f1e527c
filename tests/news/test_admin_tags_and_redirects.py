"""Slug changes never break links; tags are renamed and merged from the admin with redirects."""

from __future__ import annotations

import pytest
from django.contrib.redirects.models import Redirect
from django.test import Client
from django.urls import reverse

from news.models import Tag
from starcity_site.publishing import Status
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def edit(client, admin_name, obj, **changes):
    url = reverse(f"admin:{admin_name}_change", args=[obj.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def assert_moved(old_path: str, new_path: str) -> None:
    response = Client().get(old_path)
    assert response.status_code == 301, old_path
    assert response["Location"] == new_path


def test_a_published_articles_slug_change_redirects_permanently(editor_client):
    article = factories.make_article(slug="casting-news")
    edit(editor_client, "news_article", article, slug="casting-news-confirmed")
    assert_moved("/news/casting-news/", "/news/casting-news-confirmed/")
    assert Client().get("/news/casting-news-confirmed/").status_code == 200


def test_a_drafts_slug_change_leaves_no_redirect(editor_client):
    article = factories.make_article(slug="working-title", status=Status.DRAFT, published_at=None)
    edit(editor_client, "news_article", article, slug="final-title")
    assert not Redirect.objects.exists()


def test_chains_stay_flat_and_renaming_back_removes_the_loop(editor_client):
    article = factories.make_article(slug="a-story")
    edit(editor_client, "news_article", article, slug="b-story")
    edit(editor_client, "news_article", article, slug="c-story")
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/news/a-story/": "/news/c-story/",
        "/news/b-story/": "/news/c-story/",
    }
    edit(editor_client, "news_article", article, slug="a-story")
    assert dict(Redirect.objects.values_list("old_path", "new_path")) == {
        "/news/b-story/": "/news/a-story/",
        "/news/c-story/": "/news/a-story/",
    }
    assert Client().get("/news/a-story/").status_code == 200


def test_person_character_and_show_slug_changes_redirect(editor_client):
    person = factories.make_person(slug="collin-wood")
    edit(editor_client, "people_person", person, slug="collin-woodell")
    assert_moved("/people/collin-wood/", "/people/collin-woodell/")

    show = factories.make_show(slug="star-city-working")
    season = factories.make_season(show=show, number=1)
    factories.make_episode(season=season, number=1)
    character = factories.make_character(show=show, slug="chief")
    edit(editor_client, "people_character", character, slug="chief-designer")
    assert_moved("/characters/chief/", "/characters/chief-designer/")

    edit(editor_client, "shows_show", show, slug="star-city")
    paths = dict(Redirect.objects.values_list("old_path", "new_path"))
    assert paths["/shows/star-city-working/"] == "/shows/star-city/"
    assert paths["/shows/star-city-working/seasons/1/"] == "/shows/star-city/seasons/1/"
    assert paths["/shows/star-city-working/seasons/1/episodes/1/"] == "/shows/star-city/seasons/1/episodes/1/"


def test_renaming_a_tag_redirects_its_page(editor_client):
    tag = factories.make_tag(name="Cosmonaut", slug="cosmonaut")
    factories.make_article(tags=[tag])
    edit(editor_client, "news_tag", tag, name="Cosmonauts", slug="cosmonauts")
    assert_moved("/news/tag/cosmonaut/", "/news/tag/cosmonauts/")


def test_renaming_a_tag_redirects_its_feeds_too(editor_client):
    tag = factories.make_tag(name="Cosmonaut", slug="cosmonaut")
    factories.make_article(tags=[tag])
    edit(editor_client, "news_tag", tag, name="Cosmonauts", slug="cosmonauts")
    for feed in ("rss", "atom"):
        assert_moved(f"/news/tag/cosmonaut/{feed}/", f"/news/tag/cosmonauts/{feed}/")
        assert Client().get(f"/news/tag/cosmonauts/{feed}/").status_code == 200


def test_merging_tags_moves_articles_deletes_the_others_and_redirects(editor_client):
    keep = factories.make_tag(name="Soviet space programme", slug="soviet-space-programme")
    dupe = factories.make_tag(name="Soviet space program", slug="soviet-space-program")
    typo = factories.make_tag(name="Sovet space", slug="sovet-space")
    one, two, both = factories.make_article(tags=[dupe]), factories.make_article(tags=[typo]), factories.make_article()
    both.tags.set([keep, dupe])
    changelist = reverse("admin:news_tag_changelist")
    selected = [keep.pk, dupe.pk, typo.pk]

    page = editor_client.post(changelist, {"action": "merge_tags", "_selected_action": selected})
    assert page.status_code == 200 and "Keep this tag" in page.content.decode()
    response = editor_client.post(
        changelist, {"action": "merge_tags", "_selected_action": selected, "apply": "1", "target": keep.pk}
    )
    assert response.status_code == 302
    assert list(Tag.objects.values_list("slug", flat=True)) == ["soviet-space-programme"]
    assert set(keep.articles.all()) == {one, two, both}
    assert_moved("/news/tag/soviet-space-program/", "/news/tag/soviet-space-programme/")
    assert_moved("/news/tag/sovet-space/", "/news/tag/soviet-space-programme/")
    for feed in ("rss", "atom"):
        assert_moved(f"/news/tag/sovet-space/{feed}/", f"/news/tag/soviet-space-programme/{feed}/")
    # The merge recorded each article whose tags changed in a revision of its own.
    from reversion.models import Version

    latest = Version.objects.get_for_object(one).first()
    assert latest is not None and latest.revision.version_set.count() == 1
    assert keep.pk in latest.field_dict["tags"]


def test_merging_needs_two_tags(editor_client):
    tag = factories.make_tag()
    response = editor_client.post(
        reverse("admin:news_tag_changelist"), {"action": "merge_tags", "_selected_action": [tag.pk]}, follow=True
    )
    assert "Select at least two tags" in response.content.decode()
    assert Tag.objects.filter(pk=tag.pk).exists()


def test_restoring_a_version_with_an_older_slug_redirects_the_current_url(editor_client):
    from reversion.models import Version

    article = factories.make_article(slug="first-slug")
    edit(editor_client, "news_article", article, title="Touched")
    edit(editor_client, "news_article", article, slug="second-slug")
    first = Version.objects.get_for_object(article).last()
    url = reverse("admin:news_article_revision", args=[article.pk, first.pk])
    response = editor_client.post(url, change_form_data(editor_client.get(url)))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.slug == "first-slug"
    assert_moved("/news/second-slug/", "/news/first-slug/")
    assert Client().get("/news/first-slug/").status_code == 200


@pytest.mark.parametrize(("field", "model"), [("tags", Tag), ("category", None)])
def test_autocomplete_lists_tags_and_categories_by_name_without_warnings(editor_client, field, model, recwarn):
    if model is Tag:
        for name in ["Trailer", "Casting", "Premiere"]:
            Tag.objects.create(name=name, slug=name.lower())
    else:
        for name in ["Reviews", "Interviews", "Announcements"]:
            factories.make_category(name=name, slug=name.lower())
    response = editor_client.get(
        "/admin/autocomplete/", {"app_label": "news", "model_name": "article", "field_name": field, "term": ""}
    )
    assert response.status_code == 200
    names = [row["text"] for row in response.json()["results"]]
    assert len(names) == 3 and names == sorted(names)
    assert not [w for w in recwarn if "Pagination may yield inconsistent results" in str(w.message)]
