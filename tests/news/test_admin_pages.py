"""Every content admin screen opens for an Editors-group user (not a superuser); auth stays closed."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from news.models import ShareLink
from tests import factories

pytestmark = pytest.mark.django_db

MINE = {
    "shows.Show",
    "shows.Season",
    "shows.Episode",
    "people.Person",
    "people.Character",
    "people.Credit",
    "news.Article",
    "news.Category",
    "news.Tag",
    "news.ShareLink",
}


def content_models():
    return [model for model in admin.site._registry if model._meta.label in MINE]


@pytest.fixture
def sample_data():
    show = factories.make_show()
    season = factories.make_season(show=show)
    episode = factories.make_episode(season=season)
    credit = factories.make_credit(show=show)
    article = factories.make_article(tags=[factories.make_tag()], category=factories.make_category())
    article.shows.add(show)
    ShareLink.objects.create(article=article, expires_at=article.published_at.replace(year=2999))
    return {"episode": episode, "credit": credit, "article": article}


def test_every_content_model_is_registered():
    assert {model._meta.label for model in content_models()} == MINE


def test_changelists_add_and_change_pages_load_for_an_editor(editor_client, editor, sample_data):
    assert not editor.is_superuser
    for model in content_models():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        response = editor_client.get(reverse(f"{name}_changelist"))
        assert response.status_code == 200, opts.label
        # A search and a filter click go through the same code as editors' daily use.
        assert editor_client.get(reverse(f"{name}_changelist"), {"q": "a"}).status_code == 200, opts.label
        if admin.site._registry[model].has_add_permission(response.wsgi_request):
            assert editor_client.get(reverse(f"{name}_add")).status_code == 200, opts.label
        obj = model._default_manager.first()
        assert obj is not None, opts.label
        assert editor_client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200, opts.label
        assert editor_client.get(reverse(f"{name}_history", args=[obj.pk])).status_code == 200, opts.label


def test_article_changelist_shows_state_time_and_thumbnail(editor_client):
    article = factories.make_article(
        image=factories.make_image(factories.image_file(size=(128, 64)), image_alt="A rocket")
    )
    factories.make_article(status="draft", title="Quiet draft")
    response = editor_client.get(reverse("admin:news_article_changelist"))
    html = response.content.decode()
    # The square rendition (cropped on the focal point), never the full-size original.
    thumb = re.search(r'<img src="([^"]+)" width="64" height="64" alt="A rocket" class="admin-thumb"', html)
    assert thumb and thumb.group(1).endswith("/square-64.jpg") and article.image.image.url not in html
    assert editor_client.get(thumb.group(1)).status_code == 200
    assert "Draft" in html and "Published" in html
    drafts = editor_client.get(reverse("admin:news_article_changelist"), {"state": "draft"})
    assert "Quiet draft" in drafts.content.decode() and article.title not in drafts.content.decode()


def test_editor_has_no_access_to_users_groups_or_permissions(editor_client):
    for name in ("auth_user_changelist", "auth_group_changelist", "auth_user_add", "auth_group_add"):
        assert editor_client.get(reverse(f"admin:{name}")).status_code == 403, name
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "/auth/user/" not in index and "/auth/group/" not in index


def test_site_header_is_the_sites_own(editor_client):
    assert "Star City — editors" in editor_client.get(reverse("admin:index")).content.decode()


def test_view_on_site_links_to_the_relative_public_url(editor_client):
    article = factories.make_article()
    response = editor_client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert f'href="{article.get_absolute_url()}"' in response.content.decode()
