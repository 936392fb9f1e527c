"""History, compare and undo: every admin save is a version; compare two; restore an earlier one."""

from __future__ import annotations

import pytest
from django.urls import reverse
from reversion.models import Version

from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def edit(client, article, **changes):
    url = reverse("admin:news_article_change", args=[article.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()


@pytest.fixture
def edited(editor_client):
    article = factories.make_article(title="Launch date set", body="<p>The crew trains in Star City.</p>")
    edit(editor_client, article, body="<p>The crew trains in Star City.</p>")
    edit(editor_client, article, title="Launch date moved", body="<p>The cosmonauts train in Star City.</p>")
    return article


def test_history_lists_every_save_with_who(editor_client, editor, edited):
    response = editor_client.get(reverse("admin:news_article_history", args=[edited.pk]))
    page = response.content.decode()
    assert page.count('name="from"') == 2 and editor.username in page
    assert "Compare selected versions" in page


def test_compare_shows_a_readable_field_by_field_diff(editor_client, edited):
    newer, older = Version.objects.get_for_object(edited)[:2]
    url = reverse("admin:news_article_compare", args=[edited.pk])
    response = editor_client.get(url, {"from": older.pk, "to": newer.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<del>date set</del>" in page or "<del>set</del>" in page
    assert "<ins>moved</ins>" in page
    assert "<del>crew</del><ins>cosmonauts</ins>" in page
    labels = [row["label"] for row in response.context["rows"]]
    assert set(labels) == {"title", "body"}  # unchanged fields are left out


def test_compare_with_bad_choices_asks_again_instead_of_failing(editor_client, edited):
    url = reverse("admin:news_article_compare", args=[edited.pk])
    response = editor_client.get(url, {"from": "abc", "to": "999999"})
    assert response.status_code == 302 and response.url.endswith("/history/")


def test_restoring_an_earlier_version_brings_its_content_back(editor_client, edited):
    first = Version.objects.get_for_object(edited).last()
    url = reverse("admin:news_article_revision", args=[edited.pk, first.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    data = change_form_data(response)
    assert data["title"] == "Launch date set"
    version_before = edited.version
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    edited.refresh_from_db()
    assert edited.title == "Launch date set" and "crew" in edited.body
    assert edited.version > version_before  # a restore never rewinds the lock
    assert "Restored the version" in Version.objects.get_for_object(edited).first().revision.get_comment()


def test_a_restore_page_opened_before_someone_else_saves_is_refused(editor_client, edited):
    first = Version.objects.get_for_object(edited).last()
    url = reverse("admin:news_article_revision", args=[edited.pk, first.pk])
    data = change_form_data(editor_client.get(url))
    edit(editor_client, edited, title="Someone's later save")
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "Someone else" in response.content.decode()
    edited.refresh_from_db()
    assert edited.title == "Someone's later save"


def test_authors_cannot_restore(client, edited):
    client.force_login(factories.make_author())
    first = Version.objects.get_for_object(edited).last()
    assert client.get(reverse("admin:news_article_revision", args=[edited.pk, first.pk])).status_code == 403


def test_shows_and_people_have_history_too(editor_client):
    person = factories.make_person(name="Rhys Ifans")
    url = reverse("admin:people_person_change", args=[person.pk])
    data = change_form_data(editor_client.get(url))
    data["short_bio"] = "Welsh actor."
    assert editor_client.post(url, data).status_code == 302
    assert Version.objects.get_for_object(person).count() == 1


def test_history_lists_newest_first_as_it_says(editor_client, edited):
    response = editor_client.get(reverse("admin:news_article_history", args=[edited.pk]))
    page = response.content.decode()
    assert "newest first" in page
    ids = [entry["version_id"] for entry in response.context["action_list"]]
    assert ids == sorted(ids, reverse=True)
    dates = [entry["revision"].date_created for entry in response.context["action_list"]]
    assert dates == sorted(dates, reverse=True)
