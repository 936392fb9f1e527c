"""Cast index, person and character pages: content, JSON-LD, 404s, query counts, sitemap."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from people.models import CreditKind
from starcity_site.publishing import Status
from tests import factories
from tests.shows.test_views import count_queries, json_ld, of_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def world():
    parent = factories.make_show(title="For All Mankind", slug="for-all-mankind")
    show = factories.make_show(title="Star City", slug="star-city", parent=parent)
    season = factories.make_season(show)
    episodes = [factories.make_episode(season, title=f"Episode title {n}") for n in (1, 2)]
    designer = factories.make_character(
        show,
        name="The Chief Designer",
        slug="chief-designer",
        description="Runs the Soviet rocket programme in secret.",
        counterpart="Sergei Korolev",
        counterpart_note="In our history he died in 1966.",
    )
    rhys = factories.make_person(
        name="Rhys Ifans",
        slug="rhys-ifans",
        short_bio="Welsh actor.",
        bio="A long career on stage and screen.",
        birth_date=datetime.date(1967, 7, 22),
        known_for="Otto Hightower in House of the Dragon",
    )
    credit = factories.make_credit(rhys, show, character=designer, billing_order=1)
    credit.episodes.set(episodes)
    old_role = factories.make_character(parent, name="A Cosmonaut", slug="a-cosmonaut")
    factories.make_credit(rhys, parent, character=old_role)
    factories.make_credit(rhys, show, kind=CreditKind.PRODUCER)
    uncredited = factories.make_person(name="Nobody Credited", slug="nobody")
    published = factories.make_article(title="Rhys Ifans joins the cast")
    draft = factories.make_article(title="Unannounced casting", status=Status.DRAFT)
    scheduled = factories.make_article(
        title="Casting tomorrow", published_at=timezone.now() + datetime.timedelta(hours=2)
    )
    for article in (published, draft, scheduled):
        article.people.add(rhys)
    return {"show": show, "rhys": rhys, "designer": designer, "episodes": episodes, "uncredited": uncredited}


def test_cast_index_lists_credited_people_with_their_roles(client, world):
    response = client.get("/people/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rhys Ifans" in html and "The Chief Designer" in html and "A Cosmonaut" in html
    assert "Nobody Credited" not in html
    assert "RI" in html  # initials stand in for a missing portrait


def test_cast_index_bad_page_is_404_not_500(client, world):
    assert client.get("/people/?page=abc").status_code == 404
    assert client.get("/people/?page=99999").status_code == 404


def test_person_page(client, world):
    response = client.get("/people/rhys-ifans/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Welsh actor." in html and "A long career" in html
    assert '<time datetime="1967-07-22">22 July 1967</time>' in html
    assert "House of the Dragon" in html
    # Credits across both shows, with the characters and their counterpart.
    assert "The Chief Designer" in html and "A Cosmonaut" in html
    assert "For All Mankind" in html and "Star City" in html
    assert "Sergei Korolev" in html and "Producer" in html
    assert "Rhys Ifans joins the cast" in html
    assert "Unannounced casting" not in html and "Casting tomorrow" not in html


def test_person_json_ld(client, world):
    data = of_type(client.get("/people/rhys-ifans/"), "Person")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "Rhys Ifans" and data["birthDate"] == "1967-07-22"
    assert data["url"].endswith("/people/rhys-ifans/")


def test_person_without_credits_still_has_a_page(client, world):
    assert client.get("/people/nobody/").status_code == 200


def test_character_page(client, world):
    response = client.get("/characters/chief-designer/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Played by" in html and 'href="/people/rhys-ifans/"' in html
    assert 'href="/shows/star-city/"' in html
    assert "Sergei Korolev" in html and "died in 1966" in html
    assert "Runs the Soviet rocket programme" in html
    assert "Episode title 1" in html and "Episode title 2" in html
    data = of_type(response, "PerformanceRole")
    assert data["roleName"] == "The Chief Designer"
    assert data["actor"][0]["name"] == "Rhys Ifans"
    assert data["isPartOf"]["@type"] == "TVSeries"


def test_pages_have_valid_json_ld_and_canonical(client, world, settings):
    for path in ["/people/", "/people/rhys-ifans/", "/characters/chief-designer/"]:
        html = client.get(path).content.decode()
        assert f'<link rel="canonical" href="{settings.SITE_URL}{path}">' in html
        assert f'<meta property="og:url" content="{settings.SITE_URL}{path}">' in html
        assert all("@type" in data for data in json_ld(client.get(path)))


@pytest.mark.parametrize("url", ["/people/nope/", "/characters/nope/", "/people/%E2%80%AE/"])
def test_unknown_slugs_are_404(client, world, url):
    assert client.get(url).status_code == 404


def grow(world, n: int):
    show = world["show"]
    episodes = world["episodes"]
    for i in range(n):
        person = factories.make_person()
        extra = {"character": factories.make_character(show, counterpart=f"Figure {i}")} if i % 2 else {}
        if i % 10 == 0:
            extra = {"character": world["designer"]}
        credit = factories.make_credit(person, show, **extra)
        credit.episodes.set(episodes)
        factories.make_credit(person, show, kind=CreditKind.WRITER)
        article = factories.make_article()
        article.people.add(world["rhys"], person)


@pytest.mark.parametrize("url", ["/people/", "/people/rhys-ifans/", "/characters/chief-designer/"])
def test_query_count_does_not_grow_with_the_data(client, world, no_page_cache, url):
    for _ in range(3):
        factories.make_credit()
    few = count_queries(client, url)
    grow(world, 200)
    many = count_queries(client, url)
    assert few == many
    assert many <= 8


def test_sitemap_lists_people_and_characters(client, world, settings):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ["/people/", "/people/rhys-ifans/", "/characters/chief-designer/"]:
        assert f"<loc>{settings.SITE_URL}{path}</loc>" in xml
    entry = xml.split(f"<loc>{settings.SITE_URL}/people/rhys-ifans/</loc>")[1].split("</url>")[0]
    assert "<lastmod>" in entry


def test_spoiling_description_and_fate_are_hidden_from_a_new_reader(client, world):
    episode = world["episodes"][1]
    episode.airs_at = timezone.now() + datetime.timedelta(days=30)
    episode.save()
    designer = world["designer"]
    designer.description = "Secretly dying of cancer."
    designer.description_spoils_episode = episode
    designer.fate = "Dies on the operating table."
    designer.fate_spoils_episode = episode
    designer.save()
    response = client.get("/characters/chief-designer/")
    html = response.content.decode()
    assert "Secretly dying" not in html and "operating table" not in html
    assert html.count("Hidden until you have seen") == 2
    assert "description" not in of_type(response, "PerformanceRole")
    revealed = client.get("/characters/chief-designer/?reveal=1").content.decode()
    assert "Secretly dying" in revealed and "operating table" in revealed
    # Shared links and structured data stay spoiler-free even for a reader who revealed.
    assert 'content="Secretly dying' not in revealed


def test_person_page_news_is_spoiler_masked(client, world):
    episode = world["episodes"][1]
    episode.airs_at = timezone.now() + datetime.timedelta(days=30)
    episode.save()
    article = factories.make_article(title="Ifans stuns in the finale", safe_title="Ifans on his finale")
    article.spoils_episode = episode
    article.save()
    article.people.add(world["rhys"])
    html = client.get("/people/rhys-ifans/").content.decode()
    assert "stuns in the finale" not in html and "Ifans on his finale" in html


@pytest.mark.parametrize("url", ["/people/", "/people/rhys-ifans/", "/characters/chief-designer/"])
def test_worst_case_query_count_with_a_cold_cache(client, world, url):
    grow(world, 20)
    cache.clear()  # page cache on, spoiler episode index lost
    assert count_queries(client, url) <= 8
