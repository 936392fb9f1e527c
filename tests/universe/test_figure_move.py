"""HistoricalFigure's move from people to universe (universe 0003-0004, people 0006) keeps every
row and every link: ids, characters' counterparts, timeline links, aliases and version history."""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from reversion.models import Version

from people.models import Character
from universe.models import Alias, HistoricalFigure, TimelineEvent

BEFORE_MOVE = [
    ("people", "0005_character_search_vector"),
    ("universe", "0002_timeline_places_glossary"),
    # Not touched by the move, named so that the old state holds their models too.
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ("shows", "0002_episode_synopsis_spoils"),  # before its pictures moved to the library
]


def make_old_world(old_apps) -> dict:
    """Figures with a counterpart, a timeline link, an alias and a stored version, made the way the
    site stored them before the move (the people app's figure, its content type)."""
    Show = old_apps.get_model("shows", "Show")
    Figure = old_apps.get_model("people", "HistoricalFigure")
    Character = old_apps.get_model("people", "Character")
    Event = old_apps.get_model("universe", "TimelineEvent")
    Alias = old_apps.get_model("universe", "Alias")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Revision = old_apps.get_model("reversion", "Revision")
    Version = old_apps.get_model("reversion", "Version")

    show = Show.objects.create(title="Star City", slug="star-city")
    # An id gap, so a copy numbered afresh could not pass for the original.
    Figure.objects.create(name="Gone", slug="gone").delete()
    korolev = Figure.objects.create(name="Sergei Korolev", slug="sergei-korolev", role="Chief Designer")
    leonov = Figure.objects.create(name="Alexei Leonov", slug="alexei-leonov")
    designer = Character.objects.create(name="The Chief Designer", slug="cd", show=show, counterpart=korolev)
    Character.objects.create(name="Sasha", slug="sasha", show=show)
    event = Event.objects.create(date="1965-03-18", title="First spacewalk", slug="first-spacewalk")
    event.figures.set([korolev, leonov])
    figure_type, _ = ContentType.objects.get_or_create(app_label="people", model="historicalfigure")
    alias = Alias.objects.create(content_type=figure_type, object_id=korolev.pk, text="Korolyov", normalized="korolev")
    revision = Revision.objects.create(date_created=timezone.now(), comment="Added.")
    stored = [{"model": "people.historicalfigure", "pk": korolev.pk, "fields": {"name": "Sergei Korolev (old)"}}]
    version = Version.objects.create(
        revision=revision,
        content_type=figure_type,
        object_id=str(korolev.pk),
        db="default",
        format="json",
        serialized_data=json.dumps(stored),
        object_repr="Sergei Korolev",
    )
    return {
        "korolev": korolev.pk,
        "leonov": leonov.pk,
        "designer": designer.pk,
        "event": event.pk,
        "alias": alias.pk,
        "version": version.pk,
        "content_type": figure_type.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_figures_and_their_links_survive_the_move_to_universe():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_MOVE)
    try:
        made = make_old_world(executor.loader.project_state(BEFORE_MOVE).apps)

        MigrationExecutor(connection).migrate(leaves)
        ContentType.objects.clear_cache()

        tables = connection.introspection.table_names()
        assert "universe_historicalfigure" in tables
        assert "people_historicalfigure" not in tables
        korolev = HistoricalFigure.objects.get(slug="sergei-korolev")
        assert korolev.pk == made["korolev"]
        assert korolev.role == "Chief Designer"
        assert dict(Character.objects.values_list("slug", "counterpart_id")) == {"cd": made["korolev"], "sasha": None}
        assert Character.objects.get(pk=made["designer"]).counterpart == korolev
        event = TimelineEvent.objects.get(pk=made["event"])
        assert sorted(event.figures.values_list("pk", flat=True)) == sorted([made["korolev"], made["leonov"]])

        # The content type kept its id and now names universe's model: the alias and the history follow.
        figure_type = ContentType.objects.get_for_model(HistoricalFigure)
        assert figure_type.pk == made["content_type"]
        assert not ContentType.objects.filter(app_label="people", model="historicalfigure").exists()
        assert Alias.objects.get(pk=made["alias"]).target == korolev
        assert Alias.objects.grouped_for([korolev])[korolev][0].text == "Korolyov"
        version = Version.objects.get_for_object(korolev).get()
        assert version.pk == made["version"]
        assert version.field_dict["name"] == "Sergei Korolev (old)"  # restorable: it deserialises

        # New figures continue the id sequence of the renamed table.
        assert HistoricalFigure.objects.create(name="Yuri Gagarin", slug="yuri-gagarin").pk > made["leonov"]
    finally:
        MigrationExecutor(connection).migrate(leaves)
        ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    try:
        figure_type = ContentType.objects.get_for_model(HistoricalFigure)
        korolev = HistoricalFigure.objects.create(name="Sergei Korolev", slug="sergei-korolev")
        executor.migrate(BEFORE_MOVE)
        old_apps = executor.loader.project_state(BEFORE_MOVE).apps
        assert "people_historicalfigure" in connection.introspection.table_names()
        assert old_apps.get_model("people", "HistoricalFigure").objects.get(slug="sergei-korolev").pk == korolev.pk
        old_type = old_apps.get_model("contenttypes", "ContentType").objects.get(pk=figure_type.pk)
        assert (old_type.app_label, old_type.model) == ("people", "historicalfigure")
    finally:
        MigrationExecutor(connection).migrate(leaves)
        ContentType.objects.clear_cache()
