"""Editors' rich text: nh3 keeps the prose and drops everything that could run or restyle a page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from starcity_site.richtext import sanitize_html
from tests import factories
from tests.security.xss import PAYLOADS, executable_markup


@pytest.mark.parametrize(
    ("dirty", "gone"),
    [
        ("<p>a</p><script>alert(1)</script>", "<script"),
        ('<p onclick="alert(1)">a</p>', "onclick"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">a</a>', "javascript:"),
        ('<a href="JaVaScRiPt&#58;alert(1)">a</a>', "alert"),
        ('<a href="data:text/html,<script>alert(1)</script>">a</a>', "data:"),
        ('<a href="vbscript:msgbox(1)">a</a>', "vbscript"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ("<style>p{color:red}</style><p>a</p>", "<style"),
        ('<p style="width: expression(alert(1))">a</p>', "style"),
        ("<svg onload=alert(1)><circle/></svg>", "<svg"),
        ('<form action="https://evil.example/"><input name="p"></form>', "<form"),
        ("<!-- <script>alert(1)</script> -->", "<!--"),
        ('<object data="x.swf"></object><embed src="x.swf">', "<object"),
    ],
)
def test_sanitize_html_removes_executable_and_styling_markup(dirty, gone):
    clean = sanitize_html(dirty)
    assert gone.lower() not in clean.lower()
    assert executable_markup(clean) == []


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_corpus_payload_survives_sanitising(payload):
    assert executable_markup(sanitize_html(payload)) == []


def test_links_get_noopener_and_prose_survives():
    clean = sanitize_html(
        '<h2>Launch</h2><p>See <a href="https://example.com/" target="_blank">this</a> and '
        '<a href="mailto:tips@example.com">write</a>.</p><ul><li><strong>one</strong></li></ul>'
        '<blockquote cite="https://example.com/">quote</blockquote>'
    )
    assert '<a href="https://example.com/" rel="noopener noreferrer">this</a>' in clean
    assert 'href="mailto:tips@example.com"' in clean
    assert "<h2>Launch</h2>" in clean and "<strong>one</strong>" in clean and "<blockquote" in clean


def test_article_save_stores_only_sanitised_body(db):
    article = factories.make_article(body='<p>ok</p><script>alert(1)</script><a href="javascript:x()">l</a>')
    article.refresh_from_db()
    assert article.body.startswith("<p>ok</p>")
    assert "<script" not in article.body and "javascript:" not in article.body


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "ftp://example.com/x", "vbscript:x"]
)
def test_article_source_url_refuses_non_web_schemes(db, url):
    article = factories.make_article()
    article.source_url = url
    with pytest.raises(ValidationError) as caught:
        article.full_clean()
    assert "source_url" in caught.value.message_dict


def test_article_source_url_accepts_https(db):
    article = factories.make_article()
    article.source_url = "https://decider.com/story"
    article.full_clean()


# --- the admin's rich-text editor ---------------------------------------------------------


def test_the_editor_offers_only_what_the_sanitiser_keeps():
    from django_prose_editor.config import allowlist_from_extensions, expand_extensions

    from starcity_site.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, EDITOR_EXTENSIONS, URL_SCHEMES

    offered = allowlist_from_extensions(expand_extensions(EDITOR_EXTENSIONS))
    assert offered["tags"] <= ALLOWED_TAGS
    # rel is set by nh3 itself (noopener noreferrer), whatever the editor writes.
    assert offered["attributes"]["a"] - {"rel"} <= ALLOWED_ATTRIBUTES["a"]
    assert offered["url_schemes"] == URL_SCHEMES
    # The ordered list's start/type properties are switched off, so nothing is dropped unseen.
    assert EDITOR_EXTENSIONS["OrderedList"] == {"enableListAttributes": False}
    assert {"h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote"} <= offered["tags"]
    assert "h1" not in offered["tags"]


def test_a_pasted_body_with_scripts_and_styles_is_cleaned_by_the_admin_form(editor_client):
    from django.urls import reverse

    from news.models import Article
    from tests.admin_helpers import change_form_data

    article = factories.make_article(title="Pasted", body="<p>Before.</p>")
    url = reverse("admin:news_article_change", args=[article.pk])
    data = change_form_data(editor_client.get(url))
    data["body"] = (
        '<h2 style="color:red">Launch</h2><script>alert(1)</script>'
        '<p style="font-family:Comic Sans" class="MsoNormal" onclick="x()">Word <b>paste</b>'
        '<span style="mso-bidi-font-weight:bold">d</span></p><style>p{color:red}</style>'
        '<ul><li><a href="javascript:alert(1)">bad</a> <a href="https://example.com/">good</a></li></ul>'
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    body = Article.objects.get(pk=article.pk).body
    assert body == (
        "<h2>Launch</h2><p>Word <b>paste</b>d</p>"
        '<ul><li><a rel="noopener noreferrer">bad</a> '
        '<a href="https://example.com/" rel="noopener noreferrer">good</a></li></ul>'
    )
    assert executable_markup(body) == []


def test_the_form_cleans_the_body_itself_and_an_empty_editor_saves_an_empty_body():
    from news.admin_forms import ArticleAdminForm

    field = ArticleAdminForm.base_fields["body"]
    assert field.clean('<p style="x">a</p><script>b</script>') == "<p>a</p>"
    assert field.clean("<p></p>") == ""
    assert field.required is False
