"""Editing articles in the admin: no lost updates, publishing rights, bad input as form errors."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from starcity_site.publishing import Status
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def opened_form(client, article) -> dict:
    response = client.get(change_url(article))
    assert response.status_code == 200
    return change_form_data(response)


def test_a_save_bumps_the_version_and_records_who_and_when(editor_client, editor):
    article = factories.make_article(title="First title")
    data = opened_form(editor_client, article)
    data["title"] = "Second title"
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article.refresh_from_db()
    assert article.title == "Second title" and article.version == 2
    from reversion.models import Version

    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.user == editor and latest.field_dict["title"] == "Second title"


def test_the_second_of_two_conflicting_edits_is_refused_and_keeps_its_text(client, editor_client):
    article = factories.make_article(title="Original", body="<p>Original body.</p>")
    other = factories.make_editor(first_name="Alice", last_name="Adams")
    client.force_login(other)
    mine = opened_form(editor_client, article)
    theirs = opened_form(client, article)

    theirs["title"] = "Alice's headline"
    assert client.post(change_url(article), theirs).status_code == 302

    mine["body"] = "<p>My careful rewrite.</p>"
    response = editor_client.post(change_url(article), mine)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else (Alice Adams) saved this article at" in page
    assert "reload to see their changes; your text is below" in page
    assert "My careful rewrite." in page  # the editor's input is still in the form
    article.refresh_from_db()
    assert article.title == "Alice's headline" and "Original body." in article.body  # first edit intact


def test_saving_again_after_reloading_works(editor_client):
    article = factories.make_article()
    first = opened_form(editor_client, article)
    assert editor_client.post(change_url(article), first).status_code == 302
    second = opened_form(editor_client, article)
    second["title"] = "Third time"
    assert editor_client.post(change_url(article), second).status_code == 302
    article.refresh_from_db()
    assert article.title == "Third time" and article.version == 3


def test_an_author_drafts_but_cannot_publish(client):
    author = factories.make_author()
    client.force_login(author)
    add = client.get(reverse("admin:news_article_add"))
    assert add.status_code == 200
    assert "status" not in add.context["adminform"].form.fields  # shown read-only
    response = client.post(
        reverse("admin:news_article_add"),
        {
            "title": "Author's story",
            "slug": "authors-story",
            "body": "<p>Text</p>",
            "status": Status.PUBLISHED,  # forged: the field is not on their form
            "published_at_0": "2020-01-01",
            "published_at_1": "10:00",
            "anchor_offset": "0",
            "share_links-TOTAL_FORMS": "0",
            "share_links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="authors-story")
    assert article.status == Status.DRAFT and article.author == author
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_an_author_cannot_change_a_published_article_nor_use_publishing_actions(client):
    author = factories.make_author()
    client.force_login(author)
    live = factories.make_article(title="Live story")
    response = client.get(change_url(live))
    assert response.status_code == 200 and "adminform" in response.context
    assert not response.context["has_change_permission"]  # view-only
    assert client.post(change_url(live), {"title": "Changed"}).status_code == 403
    draft = factories.make_article(status=Status.DRAFT)
    changelist = client.get(reverse("admin:news_article_changelist"))
    action_form = changelist.context["action_form"]  # None when no action is left at all
    actions = dict(action_form.fields["action"].choices) if action_form else {}
    assert "publish_now" not in actions and "schedule" not in actions and "unpublish" not in actions
    client.post(reverse("admin:news_article_changelist"), {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert client.get(reverse("admin:news_article_delete", args=[draft.pk])).status_code == 403


def test_publish_unpublish_and_schedule_actions(editor_client):
    draft = factories.make_article(status=Status.DRAFT, published_at=None)
    live = factories.make_article()
    changelist = reverse("admin:news_article_changelist")

    editor_client.post(changelist, {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published

    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [live.pk]})
    live.refresh_from_db()
    assert live.status == Status.DRAFT

    page = editor_client.post(changelist, {"action": "schedule", "_selected_action": [live.pk, draft.pk]})
    assert page.status_code == 200 and "Publish at" in page.content.decode()
    past = editor_client.post(
        changelist,
        {"action": "schedule", "_selected_action": [live.pk], "apply": "1", "published_at": "2001-01-01T10:00"},
    )
    assert "Choose a time in the future" in past.content.decode()
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    response = editor_client.post(
        changelist,
        {
            "action": "schedule",
            "_selected_action": [live.pk, draft.pk],
            "apply": "1",
            "published_at": when.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    for article in (live, draft):
        article.refresh_from_db()
        assert article.is_scheduled and article.published_at == when


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"slug": "taken"}, "slug", "already exists"),
        (
            {"status": Status.PUBLISHED, "published_at_0": "", "published_at_1": ""},
            "published_at",
            "needs a publish time",
        ),
        ({"published_at_0": "2026-13-45", "published_at_1": "25:99"}, "published_at", "Enter a valid"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "Enter a valid URL"),
        (
            {"status": Status.PUBLISHED, "published_at_0": "2026-01-01", "published_at_1": "10:00"},
            "image",
            "Describe the picture",
        ),
    ],
)
def test_bad_input_is_a_form_error_not_a_500(editor_client, changes, field, message):
    factories.make_article(slug="taken")
    article = factories.make_article(status=Status.DRAFT, published_at=None, image=factories.make_image(image_alt=""))
    data = opened_form(editor_client, article)
    data.update(changes)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors and message in " ".join(errors[field]), errors


def test_saving_keeps_an_author_who_is_not_staff(editor_client):
    desk = factories.make_user(username="desk", is_staff=False)
    article = factories.make_article(author=desk)
    data = opened_form(editor_client, article)
    assert data["author"] == str(desk.pk)
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.author == desk
