"""A library image's own ``spoils_episode`` wherever the picture is shown: an article's hero and
card, a person's portrait, a show's poster. A reader behind gets none of it (page HTML, Open Graph,
JSON-LD, feeds, search); a reader who has seen the episode gets the picture on the page, while
what shared links carry stays spoiler-free for everyone."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.spoilers.conftest import client_at

BEHIND = [None, "none", "star-city:s1e4"]
SEEN = "star-city:s1e5"


def stem(image) -> str:
    return image.image.name.rsplit("/", 1)[-1].split(".")[0]  # renditions are named after it


def og_image(html: str) -> str | None:
    match = re.search(r'<meta property="og:image" content="([^"]*)">', html)
    return match.group(1) if match else None


def json_ld(html: str) -> str:
    return "".join(re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S))


@pytest.fixture
def hero(universe):
    """An article that spoils nothing itself, with a hero picture giving away the fifth episode."""
    picture = factories.make_image(image_alt="The gantry in flames", spoils_episode=universe.ep[5])
    article = factories.make_article(
        title="Behind the scenes at the launch pad",
        slug="launch-pad",
        body="<p>How the set was built.</p>",
        image=picture,
        tags=[factories.make_tag(name="Sets", slug="sets")],
    )
    return article


@pytest.fixture
def portrait(universe):
    """A main cast member whose portrait (in costume) gives the fifth episode away."""
    person = factories.make_person(
        name="Anna Actor",
        slug="anna-actor",
        image=factories.make_image(image_alt="Anna in a burned flight suit", spoils_episode=universe.ep[5]),
    )
    factories.make_credit(person=person, show=universe.star_city)
    return person


@pytest.fixture
def poster(universe):
    show = universe.star_city
    show.image = factories.make_image(image_alt="The cosmonaut memorial", spoils_episode=universe.ep[6])
    show.save()
    return show


@pytest.mark.parametrize("progress", BEHIND)
@pytest.mark.parametrize("url", ["/news/launch-pad/", "/news/", "/", "/news/tag/sets/"])
def test_a_spoiling_hero_is_not_on_any_page_for_a_reader_behind(hero, progress, url):
    response = client_at(progress).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Behind the scenes at the launch pad" in html
    assert stem(hero.image) not in html and "The gantry in flames" not in html


def test_a_card_without_its_spoiling_picture_gets_the_drawn_panel(hero):
    html = client_at(None).get("/news/").content.decode()
    card = html.split("Behind the scenes at the launch pad")[0].rsplit('<article class="card">', 1)[1]
    assert "card__media--drawn" in card


def test_a_reader_who_has_seen_the_episode_gets_the_hero_and_the_card_picture(hero):
    reader = client_at(SEEN)
    assert stem(hero.image) in reader.get("/news/launch-pad/").content.decode()
    card = reader.get("/news/").content.decode().split("Behind the scenes at the launch pad")[0]
    assert stem(hero.image) in card.rsplit('<article class="card">', 1)[1]


@pytest.mark.parametrize("progress", [*BEHIND, SEEN, "all"])
def test_link_previews_and_structured_data_never_carry_a_spoiling_picture(hero, progress):
    html = client_at(progress).get("/news/launch-pad/").content.decode()
    assert og_image(html) is None
    assert 'name="twitter:image"' not in html
    assert '"NewsArticle"' in json_ld(html) and '"image"' not in json_ld(html)


def test_a_picture_that_spoils_nothing_is_still_the_link_preview(universe):
    article = factories.make_article(slug="plain", image=factories.make_image())
    html = client_at(None).get("/news/plain/").content.decode()
    assert stem(article.image) in og_image(html)
    assert stem(article.image) in json_ld(html)


@pytest.mark.parametrize("query", ["", "?progress=star-city:s1e4", "?progress=none"])
@pytest.mark.parametrize("url", ["/news/feed/rss/", "/news/feed/atom/", "/news/tag/sets/rss/"])
def test_feeds_never_carry_a_spoiling_picture(client, hero, url, query):
    response = client.get(url + query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Behind the scenes at the launch pad" in body
    assert stem(hero.image) not in body


@pytest.mark.parametrize("progress", BEHIND)
def test_search_results_never_show_a_spoiling_picture(hero, portrait, poster, progress):
    html = client_at(progress).get("/search/?q=launch").content.decode()
    assert "/news/launch-pad/" in html
    html += client_at(progress).get("/search/?q=anna").content.decode()
    html += client_at(progress).get("/search/?q=star").content.decode()
    for image in (hero.image, portrait.image, poster.image):
        assert stem(image) not in html


@pytest.mark.parametrize("progress", BEHIND)
@pytest.mark.parametrize("url", ["/people/anna-actor/", "/shows/star-city/", "/shows/star-city/cast/", "/", "/people/"])
def test_a_spoiling_portrait_is_on_no_page_for_a_reader_behind(portrait, progress, url):
    response = client_at(progress).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Actor" in html
    assert stem(portrait.image) not in html and "burned flight suit" not in html


@pytest.mark.parametrize("url", ["/people/anna-actor/", "/shows/star-city/", "/shows/star-city/cast/", "/"])
def test_a_reader_who_has_seen_the_episode_gets_the_portrait_but_shared_links_do_not(portrait, url):
    html = client_at(SEEN).get(url).content.decode()
    assert stem(portrait.image) in html
    assert stem(portrait.image) not in (og_image(html) or "")
    assert stem(portrait.image) not in json_ld(html)


@pytest.mark.parametrize("progress", [*BEHIND, SEEN])
@pytest.mark.parametrize(
    "url",
    [
        "/shows/star-city/",
        "/shows/star-city/seasons/1/",
        "/shows/star-city/seasons/1/episodes/1/",
        "/shows/star-city/cast/",
        "/",
        "/shows/",
    ],
)
def test_a_poster_that_spoils_an_unaired_episode_is_on_no_page_before_it_airs(poster, progress, url):
    response = client_at(progress).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert stem(poster.image) not in html and "cosmonaut memorial" not in html


def test_a_poster_is_shown_once_the_reader_has_seen_its_episode(universe, poster):
    poster.image.spoils_episode = universe.ep[2]
    poster.image.save()
    html = client_at("star-city:s1e2").get("/shows/star-city/").content.decode()
    assert stem(poster.image) in html
    assert og_image(html) is None and stem(poster.image) not in json_ld(html)
    assert stem(poster.image) not in client_at("star-city:s1e1").get("/shows/star-city/").content.decode()


@pytest.mark.parametrize("url", ["/news/", "/", "/shows/star-city/", "/people/", "/shows/"])
def test_knowing_what_a_picture_spoils_costs_no_query(universe, url, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the rendering, not cache hits
    factories.make_article(slug="plain", image=factories.make_image())
    factories.make_credit(person=factories.make_person(image=factories.make_image()), show=universe.star_city)
    client_at(None).get(url)  # warm per-process lookups (the Site row)
    with CaptureQueriesContext(connection) as plain:
        client_at(SEEN).get(url)
    factories.make_article(slug="spoiling", image=factories.make_image(spoils_episode=universe.ep[5]))
    factories.make_credit(
        person=factories.make_person(image=factories.make_image(spoils_episode=universe.ep[5])),
        show=universe.star_city,
    )
    with CaptureQueriesContext(connection) as spoiling:
        client_at(SEEN).get(url)
    assert len(spoiling) == len(plain), [q["sql"] for q in spoiling]
