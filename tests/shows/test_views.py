"""Show, cast & crew, season and episode pages: content, JSON-LD, 404s, query counts, sitemap."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.models import BillingLevel, CreditKind
from shows.models import DatePrecision, ShowStatus
from starcity_site.publishing import Status
from tests import factories

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


def of_type(response, type_name: str) -> dict:
    found = [data for data in json_ld(response) if data.get("@type") == type_name]
    assert len(found) == 1, [d.get("@type") for d in json_ld(response)]
    return found[0]


def count_queries(client, url: str) -> int:
    """The page's queries; the page cache's own (its content generation) are not the page's."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len([q for q in queries if "starcity_site_contentgeneration" not in q["sql"]])


@pytest.fixture
def no_page_cache(settings):
    # Count the queries of a render, not of a cache hit.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def world():
    parent = factories.make_show(title="For All Mankind", slug="for-all-mankind", status=ShowStatus.ENDED)
    show = factories.make_show(
        title="Star City",
        slug="star-city",
        parent=parent,
        tagline="The space race, from the other side.",
        synopsis="Engineers, cosmonauts and the KGB officers watching them.",
        status=ShowStatus.POST_PRODUCTION,
        premiere_date=datetime.date(2026, 11, 1),
        premiere_precision=DatePrecision.PART_OF_YEAR,
    )
    season = factories.make_season(show, era="1970s", episode_count=10)
    air = timezone.make_aware(datetime.datetime(2026, 11, 20, 21, 0))
    episodes = [factories.make_episode(season, title=f"Launch {n}", airs_at=air) for n in (1, 2, 3)]
    designer = factories.make_character(
        show, name="The Chief Designer", slug="chief-designer", counterpart="Sergei Korolev"
    )
    lyudmilla = factories.make_character(show, name="Lyudmilla", slug="lyudmilla")
    rhys = factories.make_person(name="Rhys Ifans", slug="rhys-ifans")
    anna = factories.make_person(name="Anna Maxwell Martin", slug="anna-maxwell-martin")
    lead = factories.make_credit(rhys, show, character=designer, billing_order=1)
    factories.make_credit(anna, show, character=lyudmilla, billing_order=2)
    guest = factories.make_person(name="Guest Actor", slug="guest-actor")
    factories.make_credit(guest, show, billing=BillingLevel.GUEST, billing_order=50)
    lead.episodes.set(episodes[:2])
    factories.make_credit(
        factories.make_person(name="Matt Wolpert", slug="matt-wolpert"), show, kind=CreditKind.SHOWRUNNER
    )
    factories.make_credit(factories.make_person(name="Dir Ector", slug="dir-ector"), show, kind=CreditKind.DIRECTOR)
    published = factories.make_article(title="Star City launches")
    draft = factories.make_article(title="Secret draft story", status=Status.DRAFT)
    scheduled = factories.make_article(
        title="Tomorrow's story", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    for article in (published, draft, scheduled):
        article.shows.add(show)
    return {"show": show, "parent": parent, "season": season, "episodes": episodes}


def test_show_index_lists_every_show(client, world):
    response = client.get("/shows/")
    assert response.status_code == 200
    assert b"Star City" in response.content and b"For All Mankind" in response.content
    assert world["show"].get_absolute_url().encode() in response.content


def test_show_page_has_everything_a_fan_looks_for(client, world):
    response = client.get("/shows/star-city/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Engineers, cosmonauts" in html
    assert "Post-production" in html and '<time datetime="2026">Late 2026</time>' in html
    assert "Set in the 1970s" in html and "10 episodes planned" in html
    assert '<time datetime="2026-11-20T21:00:00' in html and "Launch 2" in html
    assert "Rhys Ifans" in html and "The Chief Designer" in html and "Sergei Korolev" in html
    assert "Guest Actor" not in html  # main cast only; the full list is on the cast page
    assert "Matt Wolpert" in html
    assert 'href="/shows/for-all-mankind/"' in html  # parent link
    assert "Star City launches" in html
    assert "Secret draft story" not in html and "Tomorrow&#x27;s story" not in html and "Tomorrow's story" not in html


def test_parent_show_links_to_its_spinoff(client, world):
    html = client.get("/shows/for-all-mankind/").content.decode()
    assert "Spin-offs" in html and 'href="/shows/star-city/"' in html


def test_show_json_ld_is_a_tv_series_with_seasons_cast_and_creators(client, world):
    data = of_type(client.get("/shows/star-city/"), "TVSeries")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Star City"
    assert [s["@type"] for s in data["containsSeason"]] == ["TVSeason"]
    assert data["containsSeason"][0]["numberOfEpisodes"] == 10
    roles = data["actor"]
    assert roles[0]["@type"] == "PerformanceRole"
    assert roles[0]["roleName"] == "The Chief Designer"
    assert roles[0]["actor"]["@type"] == "Person" and roles[0]["actor"]["name"] == "Rhys Ifans"
    assert [c["name"] for c in data["creator"]] == ["Matt Wolpert"]
    assert data["isBasedOn"]["name"] == "For All Mankind"
    assert data["startDate"] == "2026"  # "Late 2026": no invented day or month


def test_show_page_meta_canonical_and_breadcrumbs(client, world, settings):
    html = client.get("/shows/star-city/").content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}/shows/star-city/">' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}/shows/star-city/">' in html
    assert 'property="og:type" content="video.tv_show"' in html
    assert 'aria-label="Breadcrumb"' in html and 'href="/shows/"' in html
    assert of_type(client.get("/shows/star-city/"), "BreadcrumbList")["itemListElement"][-1]["name"] == "Star City"


def test_cast_page_lists_cast_by_billing_and_crew_by_kind(client, world):
    response = client.get("/shows/star-city/cast/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Rhys Ifans") < html.index("Anna Maxwell Martin") < html.index("Guest Actor")
    assert "<h3>Director</h3>" in html and "<h3>Showrunner</h3>" in html
    assert html.index("Dir Ector") > html.index("<h3>Director</h3>")
    assert len(of_type(response, "TVSeries")["actor"]) == 3


def test_season_page_is_an_episode_guide(client, world):
    response = client.get("/shows/star-city/seasons/1/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Season 1" in html and "Launch 1" in html and "Launch 3" in html
    data = of_type(response, "TVSeason")
    assert data["seasonNumber"] == 1 and data["partOfSeries"]["name"] == "Star City"
    assert [e["@type"] for e in data["episode"]] == ["TVEpisode"] * 3


def test_episode_page_with_neighbours_and_credits(client, world):
    episode = world["episodes"][1]
    response = client.get(episode.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Launch 2" in html
    assert 'rel="prev"' in html and world["episodes"][0].get_absolute_url() in html
    assert 'rel="next"' in html and world["episodes"][2].get_absolute_url() in html
    assert "Rhys Ifans" in html and "The Chief Designer" in html
    data = of_type(response, "TVEpisode")
    assert data["episodeNumber"] == 2
    assert data["partOfSeason"]["@type"] == "TVSeason" and data["partOfSeries"]["@type"] == "TVSeries"
    assert data["datePublished"] == "2026-11-20"
    assert data["actor"][0]["@type"] == "PerformanceRole"


def test_first_episode_has_no_previous_link(client, world):
    html = client.get(world["episodes"][0].get_absolute_url()).content.decode()
    assert 'rel="prev"' not in html.split('aria-label="Episodes"')[1]


@pytest.mark.parametrize(
    "url",
    [
        "/shows/no-such-show/",
        "/shows/no-such-show/cast/",
        "/shows/star-city/seasons/9/",
        "/shows/star-city/seasons/1/episodes/99/",
        "/shows/for-all-mankind/seasons/1/",  # a season of another show
        "/shows/star-city/seasons/0/episodes/1/",
        "/shows/star-city/seasons/99999999999999999999/",  # beyond any database integer
        "/shows/star-city/seasons/1/episodes/99999999999999999999/",
    ],
)
def test_unknown_pages_are_404(client, world, url):
    assert client.get(url).status_code == 404


def grow(show, season, people: int, episodes: int):
    for _ in range(episodes):
        factories.make_episode(season, airs_at=timezone.now())
    for n in range(people):
        character = factories.make_character(show, counterpart=f"Historical figure {n}")
        credit = factories.make_credit(show=show, billing_order=n, character=character)
        credit.episodes.set(list(season.episodes.all()[:3]))
    article = factories.make_article()
    article.shows.add(show)


@pytest.mark.parametrize(
    "url",
    [
        "/shows/",
        "/shows/star-city/",
        "/shows/star-city/cast/",
        "/shows/star-city/seasons/1/",
        "/shows/star-city/seasons/1/episodes/2/",
    ],
)
def test_query_count_does_not_grow_with_the_data(client, world, no_page_cache, url):
    few = count_queries(client, url)
    grow(world["show"], world["season"], people=40, episodes=20)
    factories.make_season(world["show"])
    factories.make_show(parent=world["show"])
    many = count_queries(client, url)
    assert few == many
    assert many <= 8


def test_sitemap_lists_shows_seasons_and_episodes(client, world, settings):
    xml = client.get("/sitemap.xml").content.decode()
    for path in [
        "/shows/",
        "/shows/star-city/",
        "/shows/star-city/seasons/1/",
        world["episodes"][2].get_absolute_url(),
    ]:
        assert f"<loc>{settings.SITE_URL}{path}</loc>" in xml
    show_entry = xml.split(f"<loc>{settings.SITE_URL}/shows/star-city/</loc>")[1].split("</url>")[0]
    assert f"<lastmod>{world['show'].updated_at.date().isoformat()}" in show_entry


def test_spoiling_synopsis_is_not_in_the_html_until_revealed(client, world):
    episode = world["episodes"][2]
    episode.airs_at = timezone.now() + datetime.timedelta(days=30)  # nobody has seen it yet
    episode.synopsis = "The rocket explodes on the pad."
    episode.synopsis_spoils = True
    episode.save()
    html = client.get(episode.get_absolute_url()).content.decode()
    assert "rocket explodes" not in html
    assert "Hidden until you have seen" in html and 'href="?reveal=1"' in html
    assert "rocket explodes" in client.get(episode.get_absolute_url() + "?reveal=1").content.decode()


def test_show_page_news_is_spoiler_masked(client, world):
    episode = world["episodes"][2]
    episode.airs_at = timezone.now() + datetime.timedelta(days=30)
    episode.save()
    article = factories.make_article(title="Shock death in episode three", safe_title="Episode three reviewed")
    article.spoils_episode = episode
    article.save()
    article.shows.add(world["show"])
    html = client.get("/shows/star-city/").content.decode()
    assert "Shock death" not in html and "Episode three reviewed" in html


@pytest.mark.parametrize(
    "url",
    [
        "/shows/",
        "/shows/star-city/",
        "/shows/for-all-mankind/",
        "/shows/star-city/cast/",
        "/shows/star-city/seasons/1/",
        "/shows/star-city/seasons/1/episodes/2/",
    ],
)
def test_worst_case_query_count_with_a_cold_cache(client, world, url):
    # Page cache on (its next-due look-ups), the alias groups and the reader's episode index lost.
    grow(world["show"], world["season"], people=20, episodes=5)
    cache.clear()
    assert count_queries(client, url) <= 9
