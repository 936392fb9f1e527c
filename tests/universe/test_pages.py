"""Glossary, spoiler-safe timeline, admin screens and the demo loader of the universe app."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Character
from tests import factories
from tests.universe.helpers import add_alias, make_event, make_place, make_term
from universe import demo
from universe.models import Alias, GlossaryTerm, HistoricalFigure, Place, Relation, TimelineEvent

pytestmark = pytest.mark.django_db


def test_glossary_lists_terms_places_and_figures_with_their_aliases(client):
    term = make_term(term="KGB", slug="kgb", definition="The Soviet security service.")
    add_alias(term, "КГБ", "ru")
    place = make_place(name="Star City", slug="star-city", description="A closed town.")
    add_alias(place, "Zvyozdny gorodok")
    add_alias(place, "Звёздный городок", "ru")
    figure = factories.make_historical_figure(name="Alexei Leonov", role="Soviet cosmonaut")
    add_alias(figure, "Алексей Леонов", "ru")

    html = client.get("/glossary/").content.decode()

    assert '<dt id="term-kgb">KGB' in html and '<span class="alias" lang="ru">КГБ</span>' in html
    assert '<dt id="place-star-city">Star City' in html
    assert '<span class="alias">Zvyozdny gorodok</span>' in html
    assert '<span class="alias" lang="ru">Звёздный городок</span>' in html
    assert f'<a href="{figure.get_absolute_url()}">Alexei Leonov</a>' in html
    assert '<span class="alias" lang="ru">Алексей Леонов</span>' in html
    assert place.get_absolute_url() == "/glossary/#place-star-city"


def test_glossary_query_count_is_fixed(client, settings):
    settings.PAGE_CACHE_SECONDS = 0

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get("/glossary/").status_code == 200
        return len(context.captured_queries)

    make_term()
    count()  # the first request also fills the spoilers app's cached episode index
    few = count()
    for n in range(30):
        add_alias(make_term(), f"T{n}")
        add_alias(make_place(), f"P{n}")
        add_alias(factories.make_historical_figure(), f"F{n}")
    assert count() == few <= 8


def test_timeline_hides_the_show_side_of_an_event_that_spoils_an_unseen_episode(client):
    episode = factories.make_episode(title="The launch")  # not aired: nobody has seen it
    make_event(
        title="The launch",
        relation=Relation.DIVERGED,
        real_history="It exploded.",
        show_history="SECRET-OUTCOME flies.",
        spoils_episode=episode,
    )

    for url in ("/timeline/", "/timeline/event-1/".replace("event-1", TimelineEvent.objects.get().slug)):
        html = client.get(url).content.decode()
        assert "It exploded." in html  # real history is no spoiler
        assert "SECRET-OUTCOME" not in html, url
        assert "?reveal=1" in html
        assert "SECRET-OUTCOME" in client.get(url, {"reveal": "1"}).content.decode()


@pytest.fixture
def admin_client_(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "correct-horse-battery-staple")
    client.force_login(user)
    return client


def test_admin_screens_open(admin_client_, settings):
    figure = factories.make_historical_figure(name="Sergei Korolev")
    event = make_event()
    term, place = make_term(), make_place()
    base = "/" + settings.ADMIN_PATH
    urls = [
        f"{base}universe/timelineevent/",
        f"{base}universe/timelineevent/add/",
        f"{base}universe/timelineevent/{event.pk}/change/",
        f"{base}universe/glossaryterm/{term.pk}/change/",
        f"{base}universe/place/{place.pk}/change/",
        f"{base}universe/historicalfigure/{figure.pk}/change/",
    ]
    for url in urls:
        assert admin_client_.get(url).status_code == 200, url


def test_admin_saves_aliases_inline_with_a_figure(admin_client_, settings):
    base = "/" + settings.ADMIN_PATH
    prefix = "universe-alias-content_type-object_id"
    data = {
        "name": "Sergei Korolev",
        "slug": "sergei-korolev",
        "role": "",
        "summary": "",
        "born": "",
        "died": "",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-text": "Королёв",
        f"{prefix}-0-language": "ru",
        f"{prefix}-1-text": "Korolyov",
        f"{prefix}-1-language": "",
        "characters-TOTAL_FORMS": "0",
        "characters-INITIAL_FORMS": "0",
    }
    response = admin_client_.post(f"{base}universe/historicalfigure/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    figure = HistoricalFigure.objects.get(slug="sergei-korolev")
    assert sorted(Alias.objects.filter(object_id=figure.pk).values_list("normalized", flat=True)) == [
        "korolev",
        "korolev",
    ]


def test_demo_loader_is_idempotent_and_follows_the_facts(db):
    star_city = factories.make_show(title="Star City", slug="star-city")
    factories.make_show(title="For All Mankind", slug="for-all-mankind")
    factories.make_character(star_city, name="The Chief Designer", slug="chief-designer")

    demo.load(io.StringIO())
    counts = [model.objects.count() for model in (TimelineEvent, Place, GlossaryTerm, Alias, HistoricalFigure)]
    out = io.StringIO()
    demo.load(out)

    assert [model.objects.count() for model in (TimelineEvent, Place, GlossaryTerm, Alias, HistoricalFigure)] == counts
    assert "0 created, 0 updated" in out.getvalue()
    designer = Character.objects.select_related("counterpart").get(slug="chief-designer")
    assert designer.counterpart.name == "Sergei Korolev"
    moon = TimelineEvent.objects.get(slug="first-steps-on-the-moon")
    assert moon.relation == Relation.DIVERGED and moon.date == datetime.date(1969, 7, 20)
    assert "Armstrong" in moon.real_history and "Leonov" in moon.show_history
    assert TimelineEvent.objects.get(slug="the-n1-rocket").relation == Relation.DIVERGED
    assert set(Place.objects.values_list("slug", flat=True)) >= {"star-city", "baikonur"}
    assert set(GlossaryTerm.objects.values_list("slug", flat=True)) >= {"n1", "roscosmos", "kgb", "chief-designer"}


def test_alias_and_appearance_inlines_join_the_other_apps_admins():
    from django.contrib import admin

    from universe.admin import AliasInline, CharacterAppearanceInline, attach_alias_inlines

    site = admin.AdminSite(name="test-admin")

    class CharacterAdmin(admin.ModelAdmin):
        inlines = []

    site.register(Character, CharacterAdmin)
    attach_alias_inlines(site)
    attach_alias_inlines(site)  # twice: still once each
    assert site.get_model_admin(Character).inlines == [CharacterAppearanceInline, AliasInline]


def test_editors_can_edit_the_universe(editor_client, settings):
    base = "/" + settings.ADMIN_PATH
    figure = factories.make_historical_figure()
    for url in (f"{base}universe/timelineevent/add/", f"{base}universe/historicalfigure/{figure.pk}/change/"):
        assert editor_client.get(url).status_code == 200, url


def test_character_admin_edits_aliases_and_appearances(admin_client_, settings):
    character = factories.make_character()
    html = admin_client_.get(f"/{settings.ADMIN_PATH}people/character/{character.pk}/change/").content.decode()
    assert "universe-alias-content_type-object_id-TOTAL_FORMS" in html
    assert "appearances-TOTAL_FORMS" in html
