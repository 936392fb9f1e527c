"""sitemap.xml: exactly the published news URLs (plus the fixed pages), with lastmod."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from tests import factories

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 -- our own response, not untrusted input
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.findall("sm:url", NS)
    }


def news_paths(entries) -> set[str]:
    return {re.sub(r"^https?://[^/]+", "", loc) for loc in entries if "/news/" in loc}


def test_sitemap_lists_exactly_the_published_news_urls(client, newsroom, settings):
    settings.SITE_URL = "https://starcity.example"
    factories.make_tag(name="Unused", slug="unused")
    entries = sitemap_entries(client)
    assert all(loc.startswith("https://starcity.example/") for loc in entries)
    expected = {article.get_absolute_url() for article in newsroom.published} | {
        "/news/",
        "/news/archive/",
        "/news/tag/casting/",
        "/news/category/announcements/",
    }
    assert news_paths(entries) == expected
    assert "https://starcity.example/" in entries  # the home page


def test_sitemap_articles_carry_lastmod(client, newsroom):
    entries = sitemap_entries(client)
    article = newsroom.published[0]
    lastmod = entries[f"http://127.0.0.1:8000{article.get_absolute_url()}"]
    assert lastmod.startswith(article.updated_at.strftime("%Y-%m-%d"))
    assert entries["http://127.0.0.1:8000/news/tag/casting/"]


def test_sitemap_follows_publishing(client, newsroom):
    newsroom.published[0].unpublish()
    newsroom.published[0].save()
    assert newsroom.published[0].get_absolute_url() not in news_paths(sitemap_entries(client))
