"""RSS and Atom feeds: they parse, carry the full story, and list published stories only."""

from __future__ import annotations

import feedparser
import pytest

from tests import factories

FEEDS = ["/news/feed/rss/", "/news/feed/atom/", "/news/tag/casting/rss/", "/news/tag/casting/atom/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("url", FEEDS)
def test_feed_parses_with_full_content_and_published_only(client, newsroom, url):
    response, feed = parse(client, url)
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Newest story", "Middle story", "Oldest story"]
    entry = feed.entries[0]
    assert entry.content[0].value == "<p>The story.</p>"
    assert entry.summary == "What happened."
    assert entry.link == "http://127.0.0.1:8000/news/newest-story/"
    assert entry.published_parsed is not None
    assert entry.author == "Star City staff"
    assert [tag.term for tag in entry.tags] == ["Casting"]
    assert b"DRAFT-LEAK" not in response.content and b"SCHEDULED-LEAK" not in response.content


def test_feed_urls_follow_site_url(client, newsroom, settings):
    settings.SITE_URL = "https://starcity.example"
    _response, feed = parse(client, "/news/feed/atom/")
    assert feed.feed.link == "https://starcity.example/news/"
    assert feed.entries[0].link == "https://starcity.example/news/newest-story/"
    assert "example.com" not in _response.content.decode()


def test_tag_feed_lists_only_that_tags_stories(client, newsroom):
    factories.make_article(title="Untagged story")
    _response, feed = parse(client, "/news/tag/casting/rss/")
    assert "Untagged story" not in [entry.title for entry in feed.entries]
    _response, everything = parse(client, "/news/feed/rss/")
    assert "Untagged story" in [entry.title for entry in everything.entries]


@pytest.mark.parametrize("slug", ["secret-crossover", "no-such-tag"])
def test_tag_feed_of_hidden_or_unknown_tag_is_404(client, newsroom, slug):
    assert client.get(f"/news/tag/{slug}/rss/").status_code == 404
    assert client.get(f"/news/tag/{slug}/atom/").status_code == 404


def test_every_page_advertises_the_feeds(client, newsroom):
    for url in ("/", "/news/", newsroom.published[0].get_absolute_url()):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert 'type="application/atom+xml"' in html and 'href="/news/feed/atom/"' in html
