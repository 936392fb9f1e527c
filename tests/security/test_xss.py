"""Known XSS payloads in every text field that reaches a page, feed or JSON-LD block.

Each payload is written into every free-text field of every kind of content (titles,
standfirst, body, captions, alt texts, credits, names, bios, descriptions, synopses, taglines,
tag and category names, source name); then every public page that exists is rendered and
parsed: no script, event handler, javascript: URL, frame, style or breakout may survive, and
JSON-LD must parse and contain no raw ``</script``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.security.site import build_site, existing_urls
from tests.security.xss import PAYLOADS, executable_markup, json_ld_blocks

# Feed elements whose text a feed reader renders as HTML: RSS description and content:encoded,
# Atom summary and content (type="html"). Titles are plain text (Atom's default type="text").
FEED_HTML_TAGS = {"description", "summary", "content", "{http://purl.org/rss/1.0/modules/content/}encoded"}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if tag.startswith("{http://www.w3.org/2005/Atom}") else tag


def feed_problems(xml: bytes) -> list[str]:
    root = ET.fromstring(xml)  # noqa: S314 - our own feed; a payload breaking out would not parse
    problems = []
    for element in root.iter():
        if local(element.tag) in FEED_HTML_TAGS and element.text:
            problems += [f"<{local(element.tag)}>: {p}" for p in executable_markup(element.text)]
    return problems


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payload_in_every_text_field_never_runs_on_any_page(client, db, payload):
    site = build_site(payload)
    urls = existing_urls(site, query=payload)
    assert "article" in urls
    rendered = {}
    for label, url in urls.items():
        response = client.get(url)
        # Every page exists for this content: a 404 here would mean the payload was never tested.
        assert response.status_code == 200, (label, url, response.status_code)
        content_type = response.get("Content-Type", "")
        body = response.content
        if "html" in content_type:
            problems = executable_markup(body.decode())
        elif "xml" in content_type:
            problems = feed_problems(body)
        else:
            problems = []
        assert problems == [], (label, url, payload, problems)
        rendered[label] = (response.status_code, body.decode())

    status, article_html = rendered["article"]
    assert status == 200
    # The payload did reach the page (escaped): the test would prove nothing otherwise.
    assert "XSS" in article_html
    blocks = json_ld_blocks(article_html)
    article_ld = [b for b in blocks if isinstance(b, dict) and b.get("@type") == "NewsArticle"]
    if article_ld:
        # The JSON-LD carries the title exactly: escaped for the script context, not mangled.
        assert article_ld[0]["headline"] == site.article.title[:110]


def test_article_body_is_sanitised_on_save(db):
    site = build_site()
    article = site.article
    article.body = (
        '<p onclick="alert(1)">Hi <a href="javascript:alert(1)">x</a> <a href="https://example.com/">ok</a></p>'
        "<script>alert(1)</script><iframe src=https://evil.example></iframe><style>p{}</style>"
        '<img src=x onerror=alert(1)><p style="width:expression(alert(1))">styled</p>'
        '<a href="data:text/html,<script>alert(1)</script>">d</a>'
    )
    article.save()
    article.refresh_from_db()
    body = article.body
    for bad in ("<script", "onclick", "onerror", "javascript:", "<iframe", "<style", "style=", "data:", "<img"):
        assert bad not in body.lower(), bad
    assert '<a href="https://example.com/" rel="noopener noreferrer">ok</a>' in body
    assert "styled" in body and "Hi" in body
