"""The data migrations that made the long texts rich text (shows 0003, people 0007, universe 0006):
stored plain text becomes the HTML ``|linebreaks`` made of it, fans see the same text, and going
back restores the plain text. Also: the demo's pages show every text the plain-text demo showed."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.html import linebreaks

from people.models import Character, Person
from shows.models import Episode, Season, Show
from starcity_site.rich_fields import convert_texts, html_to_text, plain_text, text_to_html
from universe.models import GlossaryTerm, HistoricalFigure, Place, TimelineEvent

BEFORE = [
    ("shows", "0002_episode_synopsis_spoils"),
    ("people", "0006_historicalfigure_to_universe"),
    ("universe", "0005_timelineevent_safe_title"),
]
# Escaping, quotes, a line break and a paragraph break: what |linebreaks had to get right.
TEXT = 'Korolev\'s "N1" & <b>rockets</b>\nfly at last.\n\nA second paragraph.'
FIELDS = {
    Show: ("synopsis",),
    Season: ("synopsis",),
    Episode: ("synopsis",),
    Person: ("bio",),
    Character: ("description", "counterpart_note", "fate"),
    HistoricalFigure: ("summary",),
    Place: ("description",),
    GlossaryTerm: ("definition",),
    TimelineEvent: ("real_history", "show_history"),
}


def visible(html: str) -> str:
    """What a reader sees of a page (or a fragment): its text, whitespace folded."""
    return plain_text(re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))


def make_old_rows(apps) -> None:
    show = apps.get_model("shows", "Show").objects.create(title="Star City", slug="star-city", synopsis=TEXT)
    season = apps.get_model("shows", "Season").objects.create(show=show, number=1, synopsis=TEXT)
    apps.get_model("shows", "Episode").objects.create(season=season, number=1, title="Pilot", synopsis=TEXT)
    apps.get_model("shows", "Episode").objects.create(season=season, number=2, title="Two", synopsis="")
    apps.get_model("people", "Person").objects.create(name="Rhys Ifans", slug="rhys-ifans", bio=TEXT)
    figure = apps.get_model("universe", "HistoricalFigure").objects.create(name="Korolev", slug="k", summary=TEXT)
    apps.get_model("people", "Character").objects.create(
        name="The Chief Designer",
        slug="chief-designer",
        show=show,
        counterpart=figure,
        description=TEXT,
        counterpart_note=TEXT,
        fate=TEXT,
    )
    apps.get_model("universe", "Place").objects.create(name="Baikonur", slug="baikonur", description=TEXT)
    apps.get_model("universe", "GlossaryTerm").objects.create(term="N1", slug="n1", definition=TEXT)
    apps.get_model("universe", "TimelineEvent").objects.create(
        date="1969-07-20", title="Landing", slug="landing", real_history=TEXT, show_history=TEXT
    )


@pytest.mark.django_db(transaction=True)
def test_plain_texts_become_the_html_fans_saw_and_come_back(client):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    try:
        make_old_rows(executor.loader.project_state(BEFORE).apps)
        MigrationExecutor(connection).migrate(leaves)

        expected = (
            '<p>Korolev\'s "N1" &amp; &lt;b&gt;rockets&lt;/b&gt;<br>fly at last.</p>\n\n<p>A second paragraph.</p>'
        )
        for model, names in FIELDS.items():
            for name in names:
                assert set(model.objects.exclude(**{name: ""}).values_list(name, flat=True)) == {expected}, name
        assert Episode.objects.get(number=2).synopsis == ""
        # The same text as the page showed with |linebreaks (the same markup, one entity spelled plainly).
        assert visible(expected) == visible(linebreaks(TEXT, autoescape=True))
        shown = [Show.objects.get(), Season.objects.get(), Episode.objects.get(number=1), Person.objects.get()]
        for url in [obj.get_absolute_url() for obj in shown]:
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.content.decode()
            assert expected in page, url
            assert "&lt;p&gt;" not in page, url

        MigrationExecutor(connection).migrate(BEFORE)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        for model, names in FIELDS.items():
            label = model._meta.label
            rows = old.get_model(label).objects.values_list(*names)
            assert {value for row in rows for value in row if value} == {TEXT}, label
    finally:
        MigrationExecutor(connection).migrate(leaves)


@pytest.mark.django_db
def test_the_demo_pages_show_every_text_the_plain_text_demo_showed(client):
    """The demo stores what the migrations make of its plain texts, and every page shows them."""
    call_command("load_demo", stdout=io.StringIO())
    stored = {
        (model, obj.pk, name): getattr(obj, name)
        for model, names in FIELDS.items()
        for obj in model.objects.all()
        for name in names
    }
    assert sum(bool(value) for value in stored.values()) > 40
    assert all(value.startswith("<p>") for value in stored.values() if value)

    # A site migrated from the plain-text demo holds exactly what the demo now writes.
    from django.apps import apps

    labels = {model._meta.label: names for model, names in FIELDS.items()}
    convert_texts(apps, labels, html_to_text)
    convert_texts(apps, labels, text_to_html)
    for (model, pk, name), value in stored.items():
        assert getattr(model.objects.get(pk=pk), name) == value, (model.__name__, pk, name)

    pages: dict[str, str] = {}
    for (model, pk, name), value in stored.items():
        if not value:
            continue
        url = model.objects.get(pk=pk).get_absolute_url().split("#")[0] + "?reveal=1"
        if url not in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            pages[url] = visible(response.content.decode())
        # The plain-text demo's page showed this text (|linebreaks only added tags around it).
        old_text = " ".join(html_to_text(value).split())
        assert old_text in pages[url], (model.__name__, pk, name, url)
