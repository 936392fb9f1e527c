"""News pages at four progress points: behind readers get no spoiler in the HTML at all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.spoilers.conftest import client_at

SPOILERS = ["Korolev dies", "The Chief Designer is dead", "burning gantry", "Fire on the pad"]
SAFE_TITLE = "What the fifth episode means for the programme"
BEHIND = ["default", "none", "s1e4"]
CAUGHT_UP = ["all"]


@pytest.fixture
def twist(universe):
    tag = factories.make_tag(name="Korolev", slug="korolev")
    return _twist(universe, tag)


def _twist(universe, tag):
    article = factories.make_article(
        title="Korolev dies in a fire",
        slug="twist",
        standfirst="The Chief Designer is dead, and the programme will never be the same.",
        body="<p>In the burning gantry scene the show finally kills him off.</p>",
        safe_title=SAFE_TITLE,
        safe_standfirst="Our take on the fifth episode, without spoilers up here.",
        spoils_episode=universe.ep[5],
        image=factories.make_image(factories.image_file(name="twist-hero.png"), caption="Fire on the pad"),
        image_spoils=True,
        tags=[tag],
    )
    factories.make_article(title="Casting news for season two", slug="casting", tags=[tag])
    return article


def assert_no_spoilers(html: str, article) -> None:
    image = article.image.image.name.rsplit("/", 1)[-1].split(".")[0]  # stored under a random name
    for text in [*SPOILERS, image]:
        assert text not in html, text


@pytest.mark.parametrize("reader", BEHIND)
@pytest.mark.parametrize("url", ["/news/twist/", "/news/", "/", "/news/tag/korolev/"])
def test_a_reader_behind_gets_no_spoiler_anywhere(clients, twist, reader, url):
    response = clients[reader].get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_no_spoilers(html, twist)
    assert SAFE_TITLE in html


@pytest.mark.parametrize("url", ["/news/", "/", "/news/tag/korolev/"])
def test_a_caught_up_reader_sees_the_real_headline_in_lists(clients, twist, url):
    html = clients["all"].get(url).content.decode()
    assert "Korolev dies in a fire" in html
    assert "The Chief Designer is dead" in html


def test_a_reader_who_has_seen_the_episode_gets_the_whole_story(twist):
    html = client_at("star-city:s1e5").get("/news/twist/").content.decode()
    assert '<h1 class="article__title">Korolev dies in a fire</h1>' in html
    assert "burning gantry" in html
    assert twist.image.image.name.rsplit("/", 1)[-1].split(".")[0] in html  # the picture (or its renditions)
    assert "reveal=1" not in html


def test_behind_reader_article_page_offers_a_reveal_link_that_works_without_javascript(clients, twist):
    html = clients["s1e4"].get("/news/twist/").content.decode()
    assert 'href="?reveal=1"' in html
    assert "Star City</i> S1E5" in html
    revealed = clients["s1e4"].get("/news/twist/?reveal=1").content.decode()
    assert "burning gantry" in revealed
    assert "Korolev dies in a fire</h1>" in revealed


@pytest.mark.parametrize("reader", [*BEHIND, *CAUGHT_UP])
def test_shared_text_is_always_spoiler_free(clients, twist, reader):
    html = clients[reader].get("/news/twist/").content.decode()
    head = html.split("</head>")[0]
    assert_no_spoilers(head, twist)
    assert f'<meta property="og:title" content="{SAFE_TITLE}">' in head
    assert SAFE_TITLE in head.split("</title>")[0]


@pytest.mark.parametrize("url", ["/news/twist/", "/news/", "/", "/news/tag/korolev/"])
def test_query_counts_do_not_depend_on_progress(twist, url, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the rendering, not cache hits
    client_at(None).get(url)  # warm per-process lookups (the Site row)
    counts = {}
    for raw in [None, "none", "star-city:s1e4", "all", "garbage", "star-city:s9e9"]:
        with CaptureQueriesContext(connection) as queries:
            assert client_at(raw).get(url).status_code == 200
        counts[raw] = len(queries)
    assert len(set(counts.values())) == 1, counts
    assert max(counts.values()) <= 8
