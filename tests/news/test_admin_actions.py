"""The article list's actions keep the form's rules: alt text to publish, permissions, schedule,
whole-second times; failing rows are refused by name and the rest are done."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from news.models import Article
from starcity_site.publishing import Status
from tests import factories

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:news_article_changelist"


def run_action(client, action: str, articles, **extra):
    data = {"action": action, "_selected_action": [a.pk for a in articles], **extra}
    return client.post(reverse(CHANGELIST), data)


def draft(**kwargs) -> Article:
    return factories.make_article(status=Status.DRAFT, published_at=None, **kwargs)


def test_publish_now_refuses_a_picture_without_alt_text_and_publishes_the_rest(editor_client):
    blind = draft(title="No alt text", image=factories.make_image(image_alt=""))
    fine = draft(title="Described", image=factories.make_image(image_alt="A rocket on the pad"))
    plain = draft(title="No picture")
    response = run_action(editor_client, "publish_now", [blind, fine, plain])
    assert response.status_code == 302
    notes = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Published 2 article(s)." in notes
    assert "“No alt text” (its picture has no alt text)" in notes
    for article in (blind, fine, plain):
        article.refresh_from_db()
    assert not blind.is_published and fine.is_published and plain.is_published


def test_publish_now_writes_whole_seconds_and_one_revision_per_article(editor_client):
    first, second = draft(), draft()
    run_action(editor_client, "publish_now", [first, second])
    for article in (first, second):
        article.refresh_from_db()
        assert article.published_at.microsecond == 0
        latest = Version.objects.get_for_object(article).first()
        assert latest.revision.version_set.count() == 1
        assert latest.revision.get_comment() == "Published from the article list."


def test_an_author_cannot_publish_with_a_crafted_post(client):
    author = factories.make_author()
    client.force_login(author)
    own = draft(author=author)
    response = run_action(client, "publish_now", [own])
    own.refresh_from_db()
    assert own.status == Status.DRAFT
    assert response.status_code in (200, 302, 403)


def test_schedule_refuses_failing_rows_too(editor_client):
    blind = draft(title="No alt text", image=factories.make_image(image_alt=""))
    fine = draft(title="Fine")
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=2))
    response = run_action(
        editor_client, "schedule", [blind, fine], apply="1", published_at=when.strftime("%Y-%m-%dT%H:%M")
    )
    assert response.status_code == 302
    notes = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Scheduled 1 article(s)" in notes and "“No alt text”" in notes
    fine.refresh_from_db()
    blind.refresh_from_db()
    assert fine.is_scheduled and fine.published_at.second == 0 and fine.published_at.microsecond == 0
    assert blind.status == Status.DRAFT


def test_the_form_writes_whole_seconds(editor_client):
    from tests.admin_helpers import change_form_data

    article = draft()
    url = reverse("admin:news_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    now = timezone.localtime()
    data.update(
        {
            "status": Status.PUBLISHED,
            "published_at_0": now.strftime("%Y-%m-%d"),
            "published_at_1": now.strftime("%H:%M:%S.%f"),
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.published_at is not None and article.published_at.microsecond == 0
