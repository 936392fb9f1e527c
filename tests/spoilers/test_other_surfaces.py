"""Feeds, search, character, person, episode and timeline pages at several progress points."""

from __future__ import annotations

import datetime

import feedparser
import pytest

from tests import factories
from tests.spoilers.conftest import client_at
from universe.models import TimelineEvent

BEHIND = ["default", "none", "s1e4"]


@pytest.fixture
def story(universe):
    return factories.make_article(
        title="Valya dies in the launch fire",
        slug="fire",
        standfirst="The pad fire claims the programme's best pilot.",
        body="<p>Her last words over the radio.</p>",
        safe_title="Episode five: our review",
        safe_standfirst="What we made of the fifth episode.",
        spoils_episode=universe.ep[5],
    )


@pytest.fixture
def valya(universe):
    person = factories.make_person(name="Anna Actor", slug="anna-actor")
    character = factories.make_character(
        show=universe.star_city,
        name="Valya",
        slug="valya",
        description="A test pilot who is secretly a defector.",
        description_spoils_episode=universe.ep[5],
        fate="Killed in the launch fire.",
        fate_spoils_episode=universe.ep[5],
    )
    factories.make_credit(person=person, show=universe.star_city, character=character)
    return character


SECRETS = ["Valya dies", "claims the programme", "last words", "secretly a defector", "Killed in the launch fire"]


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


@pytest.mark.parametrize("query", ["", "?progress=garbage", "?progress=star-city:s1e4", "?progress=none"])
@pytest.mark.parametrize("url", ["/news/feed/rss/", "/news/feed/atom/"])
def test_feeds_are_spoiler_free_by_default_and_for_readers_behind(client, story, url, query):
    response = client.get(url + query)
    assert response.status_code == 200
    assert_clean(response.content.decode())
    titles = [entry.title for entry in feedparser.parse(response.content).entries]
    assert "Episode five: our review" in titles


@pytest.mark.parametrize("query", ["?progress=all", "?progress=star-city:s1e5"])
def test_a_feed_variant_for_readers_who_have_seen_it(client, story, query):
    feed = feedparser.parse(client.get("/news/feed/rss/" + query).content)
    entry = next(e for e in feed.entries if e.link.endswith("/news/fire/"))
    assert entry.title == "Valya dies in the launch fire"
    assert "Her last words" in entry.content[0].value


@pytest.mark.parametrize("reader", BEHIND)
def test_search_never_matches_or_shows_spoiling_text_for_a_reader_behind(clients, story, valya, reader):
    html = clients[reader].get("/search/?q=defector").content.decode()
    assert_clean(html)
    assert "/characters/valya/" not in html
    html = clients[reader].get("/search/?q=fire").content.decode()
    assert_clean(html)
    assert "/news/fire/" not in html  # "fire" is only in the spoiling text
    html = clients[reader].get("/search/?q=review").content.decode()
    assert "/news/fire/" in html  # found by its spoiler-free headline


def test_search_finds_spoiling_text_for_a_caught_up_reader(clients, story, valya):
    html = clients["all"].get("/search/?q=defector").content.decode()
    assert "/characters/valya/" in html
    assert "/news/fire/" in clients["all"].get("/search/?q=fire").content.decode()


@pytest.mark.parametrize("reader", BEHIND)
@pytest.mark.parametrize("url", ["/characters/valya/", "/people/anna-actor/", "/shows/star-city/"])
def test_character_person_and_show_pages_hide_description_and_fate(clients, story, valya, reader, url):
    response = clients[reader].get(url)
    assert response.status_code == 200
    assert_clean(response.content.decode())


def test_character_page_for_a_reader_who_has_seen_it_and_on_reveal(clients, valya):
    html = client_at("star-city:s1e5").get("/characters/valya/").content.decode()
    assert "secretly a defector" in html
    assert "Killed in the launch fire" in html
    revealed = clients["none"].get("/characters/valya/?reveal=1").content.decode()
    assert "Killed in the launch fire" in revealed
    head = revealed.split("</head>")[0]
    assert_clean(head)  # Open Graph and JSON-LD stay spoiler-free even when revealed


def test_episode_synopsis_marked_as_spoiling(clients, universe):
    episode = universe.ep[5]
    episode.synopsis, episode.synopsis_spoils = "The gantry burns and Valya is lost.", True
    episode.save()
    url = episode.get_absolute_url()
    for reader in BEHIND:
        assert "gantry burns" not in clients[reader].get(url).content.decode()
    assert "gantry burns" in clients["all"].get(url).content.decode()
    assert "gantry burns" in clients["none"].get(url + "?reveal=1").content.decode()


def test_timeline_entries_that_spoil_are_hidden(clients, universe):
    TimelineEvent.objects.create(
        date=datetime.date(1967, 4, 24),
        title="Launch pad fire",
        slug="pad-fire",
        show_history="The pad fire kills Valya during a test countdown.",
        spoils_episode=universe.ep[5],
    )
    for reader in BEHIND:
        assert "kills Valya" not in clients[reader].get("/timeline/").content.decode()
        assert "kills Valya" not in clients[reader].get("/timeline/pad-fire/").content.decode()
    assert "kills Valya" in clients["all"].get("/timeline/").content.decode()


@pytest.mark.parametrize(
    "url", ["/characters/valya/", "/people/anna-actor/", "/shows/star-city/", "/search/?q=Anna", "/news/feed/rss/"]
)
def test_query_counts_do_not_depend_on_progress(story, valya, url, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0  # count the rendering, not cache hits
    client_at(None).get(url)
    counts = {}
    for raw in [None, "none", "star-city:s1e4", "all", "garbage"]:
        with CaptureQueriesContext(connection) as queries:
            assert client_at(raw).get(url).status_code == 200
        counts[raw] = len(queries)
    assert len(set(counts.values())) == 1, counts
    assert max(counts.values()) <= 8, counts
