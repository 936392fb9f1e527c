"""Staff preview of drafts and scheduled articles at their real URL; the public gets 404."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from starcity_site.publishing import Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return factories.make_article(title="Secret casting news", status=Status.DRAFT, published_at=None)


@pytest.fixture
def scheduled():
    return factories.make_article(
        title="Trailer drops Friday", published_at=timezone.now() + datetime.timedelta(days=3)
    )


def test_the_public_gets_404_for_drafts_and_scheduled(client, draft, scheduled):
    for article in (draft, scheduled):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404
        assert article.title not in response.content.decode()


def test_staff_who_may_change_articles_see_a_marked_never_cached_preview(editor_client, draft, scheduled):
    for article, state in ((draft, "A draft"), (scheduled, "Scheduled to publish")):
        response = editor_client.get(article.get_absolute_url())
        assert response.status_code == 200
        page = response.content.decode()
        assert article.title in page
        assert "Preview — not public." in page and state in page
        assert '<meta name="robots" content="noindex' in page
        cache_control = response["Cache-Control"]
        assert "no-cache" in cache_control and "no-store" in cache_control and "private" in cache_control


def test_a_preview_never_reaches_the_page_cache(client, editor_client, draft):
    editor_client.get(draft.get_absolute_url())
    client.cookies.clear()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_without_change_permission_get_404(client, draft):
    client.force_login(factories.make_user(is_staff=True))  # staff, but no content permissions
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_authors_may_preview_too(client, draft):
    client.force_login(factories.make_author())
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_published_article_is_no_preview_for_staff(editor_client):
    article = factories.make_article()
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Preview — not public." not in page
