"""Versions stored before the long texts became rich text (shows 0006, people 0010, universe 0007):
they held plain text, which a restore wrote raw into the HTML field (one run-on paragraph). They
now hold the HTML the rows' own migration made, so a restore brings the paragraphs back; versions
saved as HTML are left as they are, and going back restores the plain text."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core import serializers
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from people.models import Character, Person
from shows.models import Season, Show
from starcity_site.rich_fields import text_to_html
from tests.admin_helpers import change_form_data
from universe.models import TimelineEvent

BEFORE_RICH = [
    ("shows", "0002_episode_synopsis_spoils"),
    ("people", "0006_historicalfigure_to_universe"),
    ("universe", "0005_timelineevent_safe_title"),
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
]
BEFORE_FIX = [
    ("shows", "0005_show_image_columns_dropped"),
    ("people", "0009_person_image_columns_dropped"),
    ("universe", "0006_texts_rich_text"),
]
PLAIN = "One.\n\nTwo."
TWO_PARAGRAPHS = "<p>One.</p>\n\n<p>Two.</p>"
# Plain text with a tag-like run, quotes and a bare "&": the page escaped them (test_rich_text_migrations).
TRICKY = 'Korolev\'s "N1" & <b>rockets</b>\nfly at last.\n\nA second paragraph.'
TRICKY_HTML = '<p>Korolev\'s "N1" &amp; &lt;b&gt;rockets&lt;/b&gt;<br>fly at last.</p>\n\n<p>A second paragraph.</p>'
# Saved from the editor after the texts became rich text.
RICH = (
    '<p>Kept <strong>as written</strong> &amp; <a href="https://example.org" rel="noopener noreferrer">linked</a>.</p>'
)


def store_version(apps, *rows_and_changes) -> list[int]:
    """Versions of the rows, in one revision, as django-reversion stored them, each with its
    changes made to the stored fields."""
    content_type = apps.get_model("contenttypes", "ContentType")
    version_model = apps.get_model("reversion", "Version")
    revision = apps.get_model("reversion", "Revision").objects.create(date_created=timezone.now(), comment="Changed.")
    made = []
    for row, changes in rows_and_changes:
        data = json.loads(serializers.serialize("json", [row]))
        data[0]["fields"].update(changes)
        kind, _ = content_type.objects.get_or_create(app_label=row._meta.app_label, model=row._meta.model_name)
        made.append(
            version_model.objects.create(
                revision=revision,
                content_type=kind,
                object_id=str(row.pk),
                db="default",
                format="json",
                serialized_data=json.dumps(data),
                object_repr=str(row.pk),
            ).pk
        )
    return made


def make_history() -> dict:
    """Rows and their versions saved while the texts were plain, then one saved as rich text."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_RICH)
    old = executor.loader.project_state(BEFORE_RICH).apps
    show = old.get_model("shows", "Show").objects.create(title="Star City", slug="star-city", synopsis="Now.")
    season = old.get_model("shows", "Season").objects.create(show=show, number=1, synopsis="Now.")
    person = old.get_model("people", "Person").objects.create(name="Rhys Ifans", slug="rhys-ifans", bio="Now.")
    character = old.get_model("people", "Character").objects.create(name="Chief", slug="chief", show=show)
    event = old.get_model("universe", "TimelineEvent").objects.create(
        date=datetime.date(1969, 7, 20), title="Landing", slug="landing", real_history="Now.", show_history="Now."
    )
    # The show's seasons are saved in its revision (the admin's inline).
    show_version, _ = store_version(old, (show, {"synopsis": PLAIN}), (season, {"synopsis": PLAIN}))
    texts = {"description": TRICKY, "counterpart_note": PLAIN, "fate": PLAIN}
    made = {
        "show": (show.pk, show_version),
        "season": season.pk,
        "person": (person.pk, *store_version(old, (person, {"bio": PLAIN}))),
        "character": (character.pk, *store_version(old, (character, texts))),
        "event": (event.pk, *store_version(old, (event, {"real_history": PLAIN, "show_history": PLAIN}))),
    }

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_FIX)
    rich = executor.loader.project_state(BEFORE_FIX).apps
    rich_show = rich.get_model("shows", "Show").objects.get(pk=show.pk)
    (made["rich"],) = store_version(rich, (rich_show, {"synopsis": RICH}))
    made["rich_data"] = rich.get_model("reversion", "Version").objects.get(pk=made["rich"]).serialized_data
    return made


def restore(client, obj, version_pk: int) -> None:
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_revision", args=[obj.pk, version_pk])
    response = client.post(url, change_form_data(client.get(url)))
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


@pytest.mark.django_db(transaction=True)
def test_an_old_plain_text_version_restores_with_its_paragraphs(editor_client, client):
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        made = make_history()
        MigrationExecutor(connection).migrate(leaves)

        show = Show.objects.get(pk=made["show"][0])
        restore(editor_client, show, made["show"][1])
        show.refresh_from_db()
        assert show.synopsis == TWO_PARAGRAPHS
        assert Season.objects.get(pk=made["season"]).synopsis == TWO_PARAGRAPHS  # the inline row, too
        page = client.get(show.get_absolute_url()).content.decode()
        assert TWO_PARAGRAPHS in page and "One.\n\nTwo." not in page

        person = Person.objects.get(pk=made["person"][0])
        restore(editor_client, person, made["person"][1])
        person.refresh_from_db()
        assert person.bio == TWO_PARAGRAPHS

        character = Character.objects.get(pk=made["character"][0])
        restore(editor_client, character, made["character"][1])
        character.refresh_from_db()
        # The same HTML the rows' migration made of the same text.
        assert character.description == TRICKY_HTML == text_to_html(TRICKY)
        assert character.counterpart_note == character.fate == TWO_PARAGRAPHS

        event = TimelineEvent.objects.get(pk=made["event"][0])
        restore(editor_client, event, made["event"][1])
        event.refresh_from_db()
        assert event.real_history == event.show_history == TWO_PARAGRAPHS

        # The version saved as rich text is untouched, and restores as written.
        assert Version.objects.get(pk=made["rich"]).serialized_data == made["rich_data"]
        restore(editor_client, show, made["rich"])
        show.refresh_from_db()
        assert show.synopsis == RICH
    finally:
        MigrationExecutor(connection).migrate(leaves)


@pytest.mark.django_db(transaction=True)
def test_going_back_gives_the_old_versions_their_plain_text_again():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        made = make_history()
        MigrationExecutor(connection).migrate(leaves)
        assert Version.objects.get(pk=made["show"][1]).field_dict["synopsis"] == TWO_PARAGRAPHS

        MigrationExecutor(connection).migrate(BEFORE_FIX)
        stored = {
            pk: json.loads(data)[0]["fields"] for pk, data in Version.objects.values_list("pk", "serialized_data")
        }
        assert stored[made["show"][1]]["synopsis"] == PLAIN
        assert stored[made["person"][1]]["bio"] == PLAIN
        character = stored[made["character"][1]]
        assert (character["description"], character["counterpart_note"], character["fate"]) == (TRICKY, PLAIN, PLAIN)
        assert stored[made["event"][1]]["real_history"] == stored[made["event"][1]]["show_history"] == PLAIN
        assert Version.objects.get(pk=made["rich"]).serialized_data == made["rich_data"]
    finally:
        MigrationExecutor(connection).migrate(leaves)
