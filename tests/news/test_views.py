"""Public news pages: each renders with content, hides drafts and scheduled stories everywhere,
answers bad input with a 404, and runs a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article
from news.views import PAGE_SIZE
from tests import factories
from tests.news.conftest import add_articles

LEAKS = (b"DRAFT-LEAK", b"SCHEDULED-LEAK", b"draft-leak", b"scheduled-leak", b"Secret crossover")
# With a cold cache: the next-due look-up (the air times among them) and the reader's episode index.
QUERY_BUDGET = 9


def assert_no_leak(content: bytes) -> None:
    for leak in LEAKS:
        assert leak not in content, leak


def json_ld_blocks(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def month_url(article) -> str:
    local = timezone.localtime(article.published_at)
    return f"/news/{local:%Y}/{local:%m}/"


def public_urls(room) -> dict[str, str]:
    newest = room.published[0]
    return {
        "home": "/",
        "list": "/news/",
        "article": newest.get_absolute_url(),
        "tag": "/news/tag/casting/",
        "category": "/news/category/announcements/",
        "archive": "/news/archive/",
        "month": month_url(newest),
    }


# --- Every page renders with content ---------------------------------------------------------


def test_home_shows_featured_latest_show_status_and_cast(client, newsroom):
    featured = newsroom.published[2]
    featured.featured = True
    featured.save()
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert 'class="feature"' in html and "Oldest story" in html
    assert "Newest story" in html and "Middle story" in html
    assert "Star City" in html and "Announced" in html
    assert "Rhys Ifans" in html
    assert_no_leak(html.encode())
    website = json_ld_blocks(html)[0]
    assert website["@type"] == "WebSite" and website["potentialAction"]["@type"] == "SearchAction"


def test_home_picks_the_star_city_show_over_others(client, db):
    factories.make_show(title="For All Mankind", slug="for-all-mankind", status="ended")
    factories.make_show(title="Star City", slug="star-city", status="in_production")
    html = client.get("/").content.decode()
    assert 'id="show-heading"' in html
    assert re.search(r'id="show-heading"[^>]*><a href="/shows/star-city/">Star City</a>', html)


def test_home_link_preview_uses_the_show_poster(client, db):
    factories.make_show(
        title="Star City",
        slug="star-city",
        image=factories.make_image(factories.image_file(size=(600, 900)), image_alt="Poster"),
    )
    html = client.get("/").content.decode()
    assert '<meta property="og:image" content="http://127.0.0.1:8000/media/' in html
    assert '<meta property="og:image:alt" content="Poster">' in html


def test_home_renders_with_no_content_at_all(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b"No stories yet" in response.content


def test_news_list_is_newest_first_and_paginated(client, newsroom, settings):
    add_articles(PAGE_SIZE, newsroom.tag, newsroom.show)
    first = client.get("/news/").content.decode()
    assert first.index("Newest story") < first.index("Middle story") < first.index("Oldest story")
    assert first.count('class="card"') == PAGE_SIZE
    assert 'rel="next" href="/news/?page=2"' in first
    second = client.get("/news/?page=2")
    assert second.status_code == 200
    html = second.content.decode()
    assert html.count('class="card"') == 3  # 15 published in all
    assert 'rel="prev" href="/news/"' in html  # page 1 has one address
    collection = next(block for block in json_ld_blocks(first) if block["@type"] == "CollectionPage")
    urls = [item["url"] for item in collection["mainEntity"]["itemListElement"]]
    assert len(urls) == PAGE_SIZE and urls[0].endswith("/news/newest-story/")
    assert f'<link rel="canonical" href="{settings.SITE_URL}/news/?page=2">' in html
    assert_no_leak(first.encode() + second.content)


@pytest.mark.parametrize("page", ["abc", "99999", "0", "-1", "1.5", "9" * 40, "%00"])
def test_bad_page_numbers_are_404_never_500(client, newsroom, page):
    for url in ("/news/", "/news/tag/casting/", "/news/category/announcements/", month_url(newsroom.published[0])):
        assert client.get(url, {"page": page}).status_code == 404, (url, page)


def test_page_one_and_last_are_fine(client, newsroom):
    assert client.get("/news/", {"page": "1"}).status_code == 200
    assert client.get("/news/", {"page": "last"}).status_code == 200


def test_article_page_has_everything(client, newsroom, settings):
    settings.SITE_URL = "https://starcity.example"
    newest, middle, _oldest = newsroom.published
    person = factories.make_person(name="Anna Maxwell Martin", slug="anna-maxwell-martin")
    middle.people.set([person])
    middle.image = factories.make_image(factories.image_file(size=(1200, 675)), image_alt="A rocket at dawn")
    middle.save()
    html = client.get(middle.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1 and "Middle story</h1>" in html
    assert "What happened." in html  # standfirst
    assert "<p>The story.</p>" in html  # body, not escaped
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', html)
    assert "Star City staff" in html  # author
    assert 'href="/news/tag/casting/"' in html
    assert 'href="/shows/star-city/"' in html and 'href="/people/anna-maxwell-martin/"' in html
    assert 'via <a href="https://decider.com/star-city"' in html
    assert 'alt="A rocket at dawn"' in html
    # Previous/next by publish time, among published stories only.
    assert re.search(r'rel="prev" href="/news/oldest-story/"', html)
    assert re.search(r'rel="next" href="/news/newest-story/"', html)
    # Related stories never repeat the neighbours: here the only stories sharing its tag are those two.
    assert 'id="related-heading"' not in html
    # Head: canonical, description, Open Graph, Twitter.
    assert f'<link rel="canonical" href="{settings.SITE_URL}/news/middle-story/">' in html
    assert '<meta property="og:url" content="https://starcity.example/news/middle-story/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert 'property="og:image" content="https://starcity.example/media/' in html
    assert_no_leak(html.encode())


def test_article_json_ld_is_a_news_article_about_the_show(client, newsroom):
    article = newsroom.published[1]
    blocks = json_ld_blocks(client.get(article.get_absolute_url()).content.decode())
    types = {block["@type"] for block in blocks}
    assert types == {"NewsArticle", "BreadcrumbList"}
    news = next(block for block in blocks if block["@type"] == "NewsArticle")
    assert news["headline"] == "Middle story"
    assert news["datePublished"].startswith(str(timezone.localtime(article.published_at).year))
    assert news["dateModified"]
    assert news["author"] == {"@type": "Person", "name": "Star City staff"}
    assert news["about"] == [
        {"@type": "TVSeries", "name": "Star City", "url": "http://127.0.0.1:8000/shows/star-city/"}
    ]
    crumbs = next(block for block in blocks if block["@type"] == "BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Home", "News", "Announcements", "Middle story"]


def test_newest_and_oldest_articles_have_one_neighbour_each(client, newsroom):
    newest = client.get(newsroom.published[0].get_absolute_url()).content.decode()
    oldest = client.get(newsroom.published[2].get_absolute_url()).content.decode()
    assert 'rel="next"' not in newest.split('class="prev-next"')[1]
    assert 'rel="prev" href="/news/middle-story/"' in newest
    assert 'rel="prev"' not in oldest.split('class="prev-next"')[1]
    assert 'rel="next" href="/news/middle-story/"' in oldest


def test_tag_category_and_month_pages_list_published_stories(client, newsroom):
    for url in ("/news/tag/casting/", "/news/category/announcements/", month_url(newsroom.published[0])):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Newest story" in html, url
        assert 'aria-label="Breadcrumb"' in html
        assert '<link rel="canonical"' in html
        assert_no_leak(response.content)


def test_tag_page_links_its_own_feeds(client, newsroom):
    html = client.get("/news/tag/casting/").content.decode()
    assert 'type="application/rss+xml" title="Star City Fan Site: Casting (RSS)" href="/news/tag/casting/rss/"' in html
    assert 'href="/news/tag/casting/atom/"' in html


def test_archive_lists_only_months_with_published_stories(client, newsroom):
    future = timezone.localtime(newsroom.scheduled.published_at)
    factories.make_article(
        title="DRAFT-LEAK 2", status="draft", published_at=timezone.now() - datetime.timedelta(days=800)
    )
    html = client.get("/news/archive/").content.decode()
    assert month_url(newsroom.published[0]) in html
    old = timezone.localtime(timezone.now() - datetime.timedelta(days=800))
    assert f"/news/{old:%Y}/{old:%m}/" not in html
    assert client.get(f"/news/{old:%Y}/{old:%m}/").status_code == 404
    if (future.year, future.month) != (timezone.localtime().year, timezone.localtime().month):
        assert client.get(f"/news/{future:%Y}/{future:%m}/").status_code == 404


@pytest.mark.parametrize("url", ["/news/2026/13/", "/news/2026/00/", "/news/0000/05/", "/news/1999/01/"])
def test_impossible_or_empty_months_are_404(client, newsroom, url):
    assert client.get(url).status_code == 404


# --- Drafts and scheduled stories appear nowhere ---------------------------------------------


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_hidden_articles_are_404_to_the_public(client, newsroom, which):
    article = getattr(newsroom, which)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_tag_with_only_hidden_articles_is_404(client, newsroom):
    assert client.get("/news/tag/secret-crossover/").status_code == 404
    assert client.get("/news/tag/no-such-tag/").status_code == 404
    assert client.get("/news/category/no-such-category/").status_code == 404


def test_no_public_page_mentions_a_hidden_article(client, newsroom):
    for name, url in public_urls(newsroom).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_no_leak(response.content)
    for article in newsroom.published:
        assert_no_leak(client.get(article.get_absolute_url()).content)


def test_scheduled_article_appears_once_due(client, newsroom):
    newsroom.scheduled.published_at = timezone.now() - datetime.timedelta(minutes=1)
    newsroom.scheduled.save()
    assert client.get("/news/scheduled-leak/").status_code == 200
    assert b"SCHEDULED-LEAK" in client.get("/news/").content


# --- Staff preview ------------------------------------------------------------------------------


def test_a_preview_is_noindex_and_never_cached(client, newsroom, monkeypatch):
    """The view's half of news.preview's contract, whatever decides who may preview (admin's)."""
    monkeypatch.setattr("news.views.visible_articles", lambda request: Article.objects.all())
    monkeypatch.setattr("news.views.is_preview", lambda request, article: not article.is_published)
    response = client.get(newsroom.draft.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert '<link rel="canonical"' not in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    # Even in preview, neighbours and related stories are published ones only.
    assert "scheduled-leak" not in html.split('class="prev-next"')[-1]
    # And the preview was not stored for the next visitor.
    monkeypatch.undo()
    assert client.get(newsroom.draft.get_absolute_url()).status_code == 404


def test_a_preview_of_an_undated_draft_renders_without_neighbours(client, newsroom, monkeypatch):
    monkeypatch.setattr("news.views.visible_articles", lambda request: Article.objects.all())
    monkeypatch.setattr("news.views.is_preview", lambda request, article: True)
    Article.objects.filter(pk=newsroom.draft.pk).update(published_at=None)
    response = client.get(newsroom.draft.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="prev-next"' not in html
    assert 'id="related-heading"' in html  # related stories still come from published ones
    assert "SCHEDULED-LEAK" not in html and "scheduled-leak" not in html  # shares the tag, not published


def test_published_article_seen_by_staff_is_not_a_preview(editor_client, newsroom):
    html = editor_client.get(newsroom.published[0].get_absolute_url()).content.decode()
    assert "noindex" not in html
    assert '<link rel="canonical"' in html


# --- Query budget: the same count with little and with much data ------------------------------


def count_queries(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def with_pictures(count: int, room) -> None:
    for _ in range(count):
        article = factories.make_article(image=factories.make_image(image_alt="A picture"), tags=[room.tag])
        article.shows.set([room.show])
        person = factories.make_person(image=factories.make_image(image_alt="A portrait"))
        factories.make_credit(person=person, show=room.show, billing="main", billing_order=0)


def test_query_counts_are_fixed_and_within_budget(client, newsroom):
    urls = public_urls(newsroom)
    urls["list page 2"] = "/news/?page=2"
    urls.update(rss="/news/feed/rss/", atom="/news/feed/atom/", tag_atom="/news/tag/casting/atom/")
    client.get("/news/feed/rss/")  # warm the per-process Site row the syndication framework reads once
    add_articles(10, newsroom.tag, newsroom.show)
    with_pictures(1, newsroom)
    little = {name: count_queries(client, url) for name, url in urls.items()}
    add_articles(190, newsroom.tag, newsroom.show)
    with_pictures(4, newsroom)  # pictures must not cost a query each either
    for n in range(5):  # more people in the cast strip than it shows
        factories.make_credit(show=newsroom.show, billing="main", billing_order=n)
    much = {name: count_queries(client, url) for name, url in urls.items()}
    assert little == much
    assert max(much.values()) <= QUERY_BUDGET, much


def test_related_box_holds_the_three_closest_stories_and_never_the_neighbours(client, newsroom):
    middle = newsroom.published[1]
    other_tag = factories.make_tag(name="Elsewhere", slug="elsewhere")
    now = timezone.now()
    # An unrelated story right next to the middle one: a neighbour, not related.
    factories.make_article(
        title="Unrelated neighbour",
        slug="unrelated-neighbour",
        published_at=middle.published_at + datetime.timedelta(minutes=1),
        tags=[other_tag],
    )
    for n in range(4):
        factories.make_article(
            title=f"Related {n}",
            slug=f"related-{n}",
            published_at=now - datetime.timedelta(days=30 + n),
            tags=[newsroom.tag],
        )
    html = client.get(middle.get_absolute_url()).content.decode()
    prev_next, related = html.split('class="prev-next"')[1].split('id="related-heading"')
    assert 'rel="next" href="/news/unrelated-neighbour/"' in prev_next
    assert 'rel="prev" href="/news/oldest-story/"' in prev_next
    titles = re.findall(r'class="card__title"><a href="/news/([^/]+)/"', related)
    # The older neighbour shares the tag but is linked already; the newest story shares the tag
    # and the show, so it comes before the newer stories sharing the tag alone.
    assert titles == ["newest-story", "related-0", "related-1"]


def test_a_shared_person_relates_stories_and_a_shared_show_alone_does_not(client, newsroom):
    person = factories.make_person(name="Anna Maxwell Martin", slug="anna-maxwell-martin")
    other_tag = factories.make_tag(name="Elsewhere", slug="elsewhere")
    lonely = factories.make_article(title="Lonely", slug="lonely", published_at=timezone.now(), tags=[other_tag])
    lonely.shows.set([newsroom.show])
    lonely.people.set([person])
    far = timezone.now() - datetime.timedelta(days=60)
    same_show = factories.make_article(title="Same show only", slug="same-show-only", published_at=far)
    same_show.shows.set([newsroom.show])
    same_person = factories.make_article(title="Same person", slug="same-person", published_at=far)
    same_person.people.set([person])
    html = client.get(lonely.get_absolute_url()).content.decode()
    related = html.split('id="related-heading"')[1]
    titles = re.findall(r'class="card__title"><a href="/news/([^/]+)/"', related)
    # The newsroom's stories share the show alone too (the newest is linked as the older story).
    assert titles == ["same-person"]
