"""Real-history counterparts: links both ways, JSON-LD, appearances and crossovers, the text → figure migration."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from people.models import CharacterAppearance
from tests import factories
from tests.universe.helpers import add_alias, make_event
from universe.models import HistoricalFigure


def json_ld_blocks(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def korolev(db):
    return factories.make_historical_figure(
        name="Sergei Korolev",
        slug="sergei-korolev",
        role="Chief Designer of the Soviet space programme",
        summary="Known only by his title while he lived.",
        born=datetime.date(1907, 1, 12),
        died=datetime.date(1966, 1, 14),
    )


@pytest.fixture
def designer(korolev):
    show = factories.make_show(title="Star City", slug="star-city")
    character = factories.make_character(
        show,
        name="The Chief Designer",
        slug="chief-designer",
        counterpart=korolev,
        counterpart_note="The show keeps him alive past 1966.",
    )
    person = factories.make_person(name="Rhys Ifans", slug="rhys-ifans")
    factories.make_credit(person, show, character=character)
    return character


def test_character_page_links_to_the_figure_with_the_note(client, designer, korolev):
    html = client.get(designer.get_absolute_url()).content.decode()
    assert f'<a href="{korolev.get_absolute_url()}">Sergei Korolev</a>' in html
    assert "(1907–1966)" in html
    assert "The show keeps him alive past 1966." in html


def test_figure_page_links_back_to_its_characters(client, designer, korolev):
    add_alias(korolev, "Королёв", "ru")
    add_alias(korolev, "Korolyov")
    response = client.get(f"/history/{korolev.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Sergei Korolev</h1>" in html
    assert f'href="{designer.get_absolute_url()}">The Chief Designer</a>' in html
    assert "The show keeps him alive past 1966." in html
    assert '<span class="alias" lang="ru">Королёв</span>' in html and "Korolyov" in html
    assert client.get("/history/nobody/").status_code == 404


def test_person_and_show_pages_name_the_counterpart(client, designer, korolev):
    for url in ("/people/rhys-ifans/", "/shows/star-city/"):
        html = client.get(url).content.decode()
        assert f'href="{korolev.get_absolute_url()}">Sergei Korolev</a>' in html, url


def test_character_json_ld_names_the_real_person(client, designer, korolev):
    blocks = json_ld_blocks(client.get(designer.get_absolute_url()).content.decode())
    role = next(block for block in blocks if block.get("@type") == "PerformanceRole")
    based_on = role["isBasedOn"]
    assert based_on["@type"] == "Person"
    assert based_on["name"] == "Sergei Korolev"
    assert based_on["url"].endswith("/history/sergei-korolev/")
    assert based_on["birthDate"] == "1907-01-12" and based_on["deathDate"] == "1966-01-14"
    assert role["disambiguatingDescription"] == "The show keeps him alive past 1966."


def test_figure_json_ld_is_a_person_with_alternate_names(client, korolev):
    add_alias(korolev, "Королёв", "ru")
    blocks = json_ld_blocks(client.get(korolev.get_absolute_url()).content.decode())
    person = next(block for block in blocks if block.get("@type") == "Person")
    assert person["@context"] == "https://schema.org"
    assert person["alternateName"] == ["Королёв"]
    assert person["jobTitle"] == "Chief Designer of the Soviet space programme"


def test_a_character_without_counterpart_says_so(client, db):
    character = factories.make_character(name="Sasha")
    html = client.get(character.get_absolute_url()).content.decode()
    assert "no single real-history counterpart" in html
    blocks = json_ld_blocks(html)
    assert all("isBasedOn" not in block for block in blocks)


def test_deleting_a_figure_keeps_the_character(designer, korolev):
    korolev.delete()
    designer.refresh_from_db()
    assert designer.counterpart is None


def test_figure_cannot_die_before_being_born(db):
    figure = HistoricalFigure(name="X", slug="x", born=datetime.date(1950, 1, 1), died=datetime.date(1940, 1, 1))
    with pytest.raises(ValidationError):
        figure.full_clean()


def test_first_appearance_per_show_and_crossovers(client, db):
    parent = factories.make_show(title="For All Mankind", slug="for-all-mankind")
    spinoff = factories.make_show(title="Star City", slug="star-city", parent=parent)
    episode = factories.make_episode(factories.make_season(spinoff, number=1), number=3)
    margo = factories.make_character(parent, name="Margo Madison", slug="margo")
    CharacterAppearance.objects.create(character=margo, show=parent)
    CharacterAppearance.objects.create(character=margo, show=spinoff, first_episode=episode, note="younger")
    factories.make_character(spinoff, name="Sasha", slug="sasha")  # Star City only: no crossover

    html = client.get("/characters/margo/").content.decode()
    assert "First appearances" in html
    assert f'<a href="{episode.get_absolute_url()}">S1E3' in html and "(younger)" in html
    assert "episode not known yet" in html  # the parent show's row

    for url in ("/shows/star-city/cast/", "/shows/for-all-mankind/cast/"):
        html = client.get(url).content.decode()
        crossovers = html.split('id="crossovers-heading"')[1].split("</section>")[0]
        assert "Margo Madison" in crossovers and "Sasha" not in crossovers, url


def test_first_episode_must_belong_to_the_show(db):
    show, other = factories.make_show(), factories.make_show()
    episode = factories.make_episode(factories.make_season(other))
    appearance = CharacterAppearance(character=factories.make_character(show), show=show, first_episode=episode)
    with pytest.raises(ValidationError):
        appearance.full_clean()


@pytest.mark.parametrize("url", ["/history/sergei-korolev/", "/characters/chief-designer/"])
def test_counterpart_pages_have_fixed_query_counts(client, settings, designer, korolev, url):
    settings.PAGE_CACHE_SECONDS = 0

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    few = count()
    for n in range(20):
        character = factories.make_character(counterpart=korolev)
        CharacterAppearance.objects.create(character=character, show=character.show)
        if n < 3:  # the designer crosses over into more shows
            CharacterAppearance.objects.create(character=designer, show=factories.make_show())
        make_event(title=f"E{n}").figures.add(korolev)
        add_alias(korolev, f"Alias {n}")
    assert count() == few
    assert few <= 8


@pytest.mark.django_db(transaction=True)
def test_migration_turns_counterpart_names_into_figures():
    executor = MigrationExecutor(connection)
    # Shows as they were then too: its later migrations (the library's pictures) change Show.
    before = [("people", "0002_character_spoilers"), ("shows", "0002_episode_synopsis_spoils")]
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        Show = old_apps.get_model("shows", "Show")
        Character = old_apps.get_model("people", "Character")
        show = Show.objects.create(title="S", slug="s")
        Character.objects.create(name="The Chief Designer", slug="cd", show=show, counterpart="Sergei Korolev")
        Character.objects.create(name="Echo", slug="echo", show=show, counterpart="sergei korolev")
        Character.objects.create(name="Sasha", slug="sasha", show=show, counterpart="")

        executor = MigrationExecutor(connection)
        executor.migrate(leaves)

        new_apps = executor.loader.project_state(leaves).apps
        Figure = new_apps.get_model("universe", "HistoricalFigure")
        Character = new_apps.get_model("people", "Character")
        # One figure for both spellings of the name.
        assert [(name.casefold(), slug) for name, slug in Figure.objects.values_list("name", "slug")] == [
            ("sergei korolev", "sergei-korolev")
        ]
        linked = dict(Character.objects.values_list("slug", "counterpart__slug"))
        assert linked == {"cd": "sergei-korolev", "echo": "sergei-korolev", "sasha": None}
    finally:
        MigrationExecutor(connection).migrate(leaves)
        from people.models import Character as CurrentCharacter
        from shows.models import Show as CurrentShow

        CurrentCharacter.objects.all().delete()
        HistoricalFigure.objects.all().delete()
        CurrentShow.objects.all().delete()
