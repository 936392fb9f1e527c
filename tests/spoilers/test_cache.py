"""The real page cache keyed by normalised progress: variants never mix, garbage shares the
default's page, and time alone (an episode airing, or leaving the one-week grace) renews pages."""

from __future__ import annotations

import datetime

import time_machine

from spoilers.progress import COOKIE_NAME
from starcity_site.caching.policy import MARKER, page_key
from tests.spoilers.conftest import client_at


def test_progress_points_get_pages_of_their_own(universe, settings):
    settings.PAGE_CACHE_SECONDS = 600
    default, ahead = client_at(None), client_at("all")
    first = default.get("/progress/")
    assert first[MARKER] == "miss"
    assert "episodes aired over a week ago" in first.content.decode()
    assert "Cookie" in first["Vary"]
    response = ahead.get("/progress/")
    assert response[MARKER] == "miss"
    assert "<strong>all caught up</strong>" in response.content.decode()
    assert ahead.get("/progress/")[MARKER] == "hit"
    again = default.get("/progress/")
    assert again[MARKER] == "hit"
    assert "<strong>all caught up</strong>" not in again.content.decode()
    assert again["ETag"] != response["ETag"]


def test_garbage_and_spelling_variants_share_the_normalised_page(universe, rf):
    default = client_at(None)
    default.get("/progress/")
    for raw in ["garbage", "x" * 10_000, "default"]:
        response = client_at(raw).get("/progress/")
        assert response[MARKER] == "hit", raw
        assert "episodes aired over a week ago" in response.content.decode()
    client_at("star-city:s1e4").get("/progress/")
    assert client_at("STAR-CITY:S01E04").get("/progress/")[MARKER] == "hit"


def test_the_cache_key_holds_the_token_never_the_raw_cookie(rf, universe):
    request = rf.get("/news/")
    request.COOKIES[COOKIE_NAME] = "Star-City:S01E04"
    assert ":star-city:s1e4:" in page_key(request)
    request.COOKIES[COOKIE_NAME] = "<b>" * 1000
    assert page_key(request).startswith("page:v2:d:")


def test_an_episode_airing_renews_cached_pages(universe):
    reader = client_at("all")
    assert reader.get("/progress/")[MARKER] == "miss"
    assert reader.get("/progress/")[MARKER] == "hit"
    assert 'value="star-city:s1e6"' not in reader.get("/progress/").content.decode()
    with time_machine.travel(universe.ep[6].airs_at + datetime.timedelta(seconds=1)):
        response = reader.get("/progress/")
        assert response[MARKER] == "miss"
        assert 'value="star-city:s1e6"' in response.content.decode()


def test_leaving_the_default_grace_renews_cached_pages(universe, client):
    assert client.get("/progress/")[MARKER] == "miss"
    assert client.get("/progress/")[MARKER] == "hit"
    # E5 aired two days ago: five days on, it leaves the grace and the default has seen it.
    with time_machine.travel(universe.ep[5].airs_at + datetime.timedelta(days=7, seconds=1)):
        assert client.get("/progress/")[MARKER] == "miss"


def test_an_article_page_cached_for_one_reader_never_reaches_another(universe):
    from tests import factories

    factories.make_article(
        title="Valya dies", slug="fire", safe_title="Episode five review", spoils_episode=universe.ep[5]
    )
    behind, ahead = client_at("star-city:s1e4"), client_at("all")
    for _ in range(2):  # a miss, then a hit, for each reader in turn
        for client, shown, hidden in [(behind, "Episode five review", "Valya dies"), (ahead, "Valya dies", None)]:
            html = client.get("/news/fire/").content.decode()
            assert shown in html
            if hidden:
                assert hidden not in html
    assert behind.get("/news/fire/")[MARKER] == "hit"
    assert ahead.get("/news/fire/")[MARKER] == "hit"
    # Reveal is part of the URL, so it is a page of its own too.
    revealed = behind.get("/news/fire/?reveal=1")
    assert revealed[MARKER] == "miss" and "Valya dies" in revealed.content.decode()
    assert "Valya dies" not in behind.get("/news/fire/").content.decode()
