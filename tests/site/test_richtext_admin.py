"""The article body in the admin: the rich-text editor's widget, served from this site under the
CSP, and saving the demo content through it changes no body."""

from __future__ import annotations

import io
import json
import re

import pytest
import reversion
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from news.models import Article
from starcity_site.richtext import RichTextWidget
from tests import factories
from tests.admin_helpers import change_form_data
from tests.site.test_foundation import manage, production_env

pytestmark = pytest.mark.django_db


def article_html(client, article) -> str | None:
    """The body as a fan's page shows it (None when spoiler masking hides it)."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    match = re.search(r'<div class="prose[^"]*"[^>]*>(.*?)</div>', response.content.decode(), re.S)
    return match.group(1).strip() if match else None


def test_saving_each_demo_article_through_the_editor_form_keeps_its_body(client, editor_client):
    call_command("load_demo", stdout=io.StringIO())
    articles = list(Article.objects.published().order_by("pk"))
    assert articles, "the demo has published articles"
    before = {a.pk: (a.body, article_html(client, a)) for a in articles}
    assert any(rendered for _body, rendered in before.values()), "no demo body is shown to fans"

    for article in articles:
        url = reverse("admin:news_article_change", args=[article.pk])
        opened = editor_client.get(url)
        assert isinstance(opened.context["adminform"].form.fields["body"].widget, RichTextWidget)
        response = editor_client.post(url, change_form_data(opened))
        assert response.status_code == 302, response.context["adminform"].form.errors

    for article in Article.objects.filter(pk__in=before).order_by("pk"):
        stored, rendered = before[article.pk]
        assert article.version > 1, f"{article.slug} was not saved"
        assert article.body == stored, article.slug
        assert article_html(client, article) == rendered, article.slug


def test_the_add_form_carries_the_editor_with_its_assets_from_this_site(editor_client):
    response = editor_client.get(reverse("admin:news_article_add"))
    page = response.content.decode()
    assert "data-django-prose-editor-configurable" in page
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    editor_assets = [s for s in sources if "prose_editor" in s or "admin-editor" in s]
    assert len(editor_assets) >= 4, sources
    assert all(s.startswith("/static/") for s in editor_assets), editor_assets
    for src in editor_assets:
        assert finders.find(src.removeprefix("/static/")), f"{src} is not a static file of this site"


def test_the_editor_import_map_runs_by_nonce_and_no_unsafe_source_is_allowed(editor_client):
    response = editor_client.get(reverse("admin:news_article_add"))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_public_pages_get_no_nonce_and_no_unsafe_source(client):
    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.published().first()
    for url in ["/", article.get_absolute_url()]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self';" in policy + ";", policy
        assert "nonce" not in policy and "unsafe" not in policy, policy


def test_a_change_form_without_the_editor_asks_for_no_nonce(editor_client):
    response = editor_client.get(reverse("admin:news_tag_add"))
    assert response.status_code == 200
    assert "nonce" not in response["Content-Security-Policy"]


def test_collectstatic_hashes_the_editor_assets_for_whitenoise(tmp_path):
    result = manage("collectstatic", "--noinput", env=production_env(STATIC_ROOT=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    # The manifest lives beside STATIC_ROOT (settings.STATIC_MANIFEST_ROOT), where whitenoise does not serve it.
    manifest = tmp_path.with_name(f"{tmp_path.name}-manifest") / "staticfiles.json"
    paths = json.loads(manifest.read_text())["paths"]
    for asset in [
        "django_prose_editor/editor.js",
        "django_prose_editor/configurable.js",
        "django_prose_editor/editor.css",
        "django_prose_editor/material-icons.woff2",
        "admin-editor/richtext.js",
    ]:
        assert (tmp_path / paths[asset]).is_file(), asset


def test_the_history_revert_form_of_an_article_allows_the_editor_too(editor_client):
    with reversion.create_revision():
        article = factories.make_article(title="Twice", body="<p>One.</p>")
    version = Version.objects.get_for_object(article).get()
    response = editor_client.get(reverse("admin:news_article_revision", args=[article.pk, version.pk]))
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()
