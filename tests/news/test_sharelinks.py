"""Share links: an editor makes a secret, expiring URL for a reviewer with no account, and can revoke it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news.models import ShareLink
from starcity_site.caching.policy import MARKER
from starcity_site.publishing import Status
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    """A browser with no account (the ``client`` fixture is the editor's own when both are used)."""
    return Client()


@pytest.fixture
def draft():
    return factories.make_article(title="Embargoed interview", status=Status.DRAFT, published_at=None)


def create_link(editor_client, article, days="7") -> ShareLink:
    url = reverse("admin:news_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    data.update({"share_links-TOTAL_FORMS": str(int(data["share_links-TOTAL_FORMS"]) + 1)})
    index = int(data["share_links-TOTAL_FORMS"]) - 1
    data[f"share_links-{index}-lifetime"] = days
    data[f"share_links-{index}-article"] = str(article.pk)
    response = editor_client.post(url, data, follow=True)
    assert response.status_code == 200
    link = ShareLink.objects.get(article=article, revoked_at__isnull=True)
    assert link.get_absolute_url() in response.content.decode()  # shown to copy
    return link


def test_editor_creates_a_link_that_a_reviewer_without_account_can_open(editor_client, reviewer, draft, editor):
    link = create_link(editor_client, draft)
    assert link.created_by == editor
    assert datetime.timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= datetime.timedelta(days=7)
    assert link.get_absolute_url() == f"/preview/{link.token}/" == reverse("share_preview", args=[link.token])
    assert len(link.token) >= 40

    response = reviewer.get(link.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Embargoed interview" in page and "Preview — not public." in page
    assert '<meta name="robots" content="noindex' in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    # The link opens this one article only; the draft itself stays hidden at its URL.
    assert reviewer.get(draft.get_absolute_url()).status_code == 404


def test_a_link_expires(client, draft, time_machine):
    link = ShareLink.objects.create(article=draft, expires_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(link.get_absolute_url()).status_code == 200
    time_machine.move_to(timezone.now() + datetime.timedelta(days=1, minutes=1))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "expired" in response.content.decode() and "Embargoed interview" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_revoking_from_the_article_page_and_from_the_list(editor_client, reviewer, draft):
    link = create_link(editor_client, draft)
    url = reverse("admin:news_article_change", args=[draft.pk])
    data = change_form_data(editor_client.get(url))
    data["share_links-0-revoke"] = "on"
    assert editor_client.post(url, data).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    response = reviewer.get(link.get_absolute_url())
    assert response.status_code == 410 and "withdrew" in response.content.decode()

    other = ShareLink.objects.create(article=draft, expires_at=timezone.now() + datetime.timedelta(days=3))
    assert reviewer.get(other.get_absolute_url()).status_code == 200
    editor_client.post(reverse("admin:news_sharelink_changelist"), {"action": "revoke", "_selected_action": [other.pk]})
    assert reviewer.get(other.get_absolute_url()).status_code == 410


def test_forged_or_mangled_tokens_are_404(client, draft):
    link = ShareLink.objects.create(article=draft, expires_at=timezone.now() + datetime.timedelta(days=1))
    for token in ("forged-token", link.token[:-1] + ("A" if link.token[-1] != "A" else "B"), link.token.upper()):
        if token == link.token:
            continue
        assert client.get(f"/preview/{token}/").status_code == 404


def test_authors_cannot_create_share_links(client, draft):
    client.force_login(factories.make_author())
    response = client.get(reverse("admin:news_article_change", args=[draft.pk]))
    inlines = {inline.formset.prefix: inline for inline in response.context["inline_admin_formsets"]}
    shares = inlines.get("share_links")
    assert shares is None or (not shares.has_add_permission and not shares.formset.extra_forms)


def test_a_new_link_needs_a_lifetime(editor_client, draft):
    url = reverse("admin:news_article_change", args=[draft.pk])
    data = change_form_data(editor_client.get(url))
    data.update({"share_links-TOTAL_FORMS": "1", "share_links-0-revoke": "on", "share_links-0-article": draft.pk})
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "Choose how long the new link works." in response.content.decode()
    assert not ShareLink.objects.exists()


def test_a_share_link_page_is_never_cached_nor_served_to_later_readers(reviewer, client):
    story = factories.make_article(title="Launch day")
    link = ShareLink.objects.create(article=story, expires_at=timezone.now() + datetime.timedelta(days=1))
    shared = reviewer.get(link.get_absolute_url())
    assert shared.status_code == 200 and "This shared link works until" in shared.content.decode()
    assert "private" in shared["Cache-Control"] and "no-store" in shared["Cache-Control"]
    assert MARKER not in shared  # the page cache neither stored it nor answered it
    # Readers at the story's own URL get the public page, not the reviewer's.
    public = client.get(story.get_absolute_url())
    assert public.status_code == 200 and "Preview — not public." not in public.content.decode()
    # A revoked link is refused at once: nothing kept the page it showed.
    link.revoked_at = timezone.now()
    link.save()
    assert Client().get(link.get_absolute_url()).status_code == 410
