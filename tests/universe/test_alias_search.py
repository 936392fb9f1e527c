"""Search finds things by any alias, Latin or Cyrillic, with or without diacritics (both engines)."""

from __future__ import annotations

import re

import pytest

from tests import factories
from tests.universe.helpers import add_alias, make_place, make_term
from universe.aliases import expand

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    show = factories.make_show(title="Star City", slug="star-city", synopsis="The Soviet side of the race.")
    factories.make_show(title="For All Mankind", slug="for-all-mankind", synopsis="An American drama.")
    korolev = factories.make_historical_figure(name="Sergei Korolev")
    designer = factories.make_character(
        show, name="The Chief Designer", slug="chief-designer", description="Runs the rockets.", counterpart=korolev
    )
    factories.make_character(show, name="Sasha", slug="sasha", description="A cosmonaut.")
    for text, language in (("Korolev", ""), ("Korolyov", ""), ("Королёв", "ru")):
        add_alias(designer, text, language)
        add_alias(korolev, text, language)
    town = make_place(name="Star City", slug="star-city-town")
    add_alias(town, "Zvyozdny gorodok")
    add_alias(town, "Звёздный городок", "ru")
    kgb = make_term(term="KGB", slug="kgb", definition="The security service.")
    add_alias(kgb, "КГБ", "ru")
    return {"designer": designer, "korolev": korolev}


def titles(client, group: str, q: str) -> list[str]:
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    marker = f'id="results-{group}"'
    if marker not in html:
        return []
    section = html.split(marker)[1].split("</section>")[0]
    found = re.findall(r'<h3 class="search-result__title"><a href="[^"]*">(.*?)</a></h3>', section, re.S)
    return [re.sub(r"</?mark>", "", title).strip() for title in found]


@pytest.mark.parametrize("q", ["Korolyov", "Королёв", "Королев", "Korolev", "KOROLËV", "korolyov"])
def test_every_spelling_of_korolev_expands_to_the_chief_designer(world, q):
    assert "The Chief Designer" in expand(q)
    assert "Sergei Korolev" in expand(q)


@pytest.mark.parametrize("q", ["Korolyov", "Королёв", "Королев", "Korolev"])
def test_search_page_finds_the_chief_designer_by_any_spelling(client, world, q):
    assert titles(client, "characters", q) == ["The Chief Designer"]


@pytest.mark.parametrize("q", ["Zvyozdny", "Zvyozdny gorodok", "Звёздный городок", "звездный"])
def test_search_page_finds_star_city_by_its_russian_name(client, world, q):
    assert "Star City" in titles(client, "shows", q)
    assert "For All Mankind" not in titles(client, "shows", q)


def test_cyrillic_acronym_expands_to_its_latin_form(world):
    assert "KGB" in expand("КГБ")


def test_an_unrelated_query_finds_nothing_through_aliases(client, world):
    assert titles(client, "characters", "Leonov") == []
    assert expand("Leonov") == ["Leonov"]
