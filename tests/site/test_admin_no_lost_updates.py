"""Every content model editors change keeps the no-lost-update check: a stale form is refused.

Two editors open the same object's change form; the first saves one field, the second (whose
form was opened before that save) saves another field. The second save is refused with the same
message as for articles, the first editor's change is kept, and the second editor's input is
still in the form.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.admin_helpers import change_form_data
from tests.universe import helpers as universe

pytestmark = pytest.mark.django_db

# (admin name, builder, field the first editor changes, field the second editor changes)
CASES = {
    "show": (lambda: factories.make_show(), "tagline", "synopsis"),
    "season": (lambda: factories.make_season(), "era", "synopsis"),
    "episode": (lambda: factories.make_episode(), "title", "synopsis"),
    "person": (lambda: factories.make_person(), "short_bio", "known_for"),
    "character": (lambda: factories.make_character(), "description", "counterpart_note"),
    "historicalfigure": (lambda: factories.make_historical_figure(), "role", "summary"),
    "timelineevent": (lambda: universe.make_event(), "real_history", "show_history"),
    "glossaryterm": (lambda: universe.make_term(), "definition", "term"),
    "place": (lambda: universe.make_place(), "description", "name"),
    "category": (lambda: factories.make_category(), "description", "name"),
    "article": (lambda: factories.make_article(), "standfirst", "title"),
}


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_stale_form_is_refused_and_the_first_save_kept(name, client, editor_client):
    build, first_field, second_field = CASES[name]
    obj = build()
    assert obj._meta.model_name == name
    other = factories.make_editor(first_name="Alice", last_name="Adams")
    client.force_login(other)
    url = change_url(obj)
    mine = change_form_data(editor_client.get(url))
    theirs = change_form_data(client.get(url))

    theirs[first_field] = "Alice's careful change"
    saved = client.post(url, theirs)
    assert saved.status_code == 302, saved.context and saved.context["adminform"].form.errors

    mine[second_field] = "My later change"
    response = editor_client.post(url, mine)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Someone else (Alice Adams) saved this {obj._meta.verbose_name} at" in page
    assert "reload to see their changes; your text is below" in page
    assert "My later change" in page
    obj.refresh_from_db()
    assert getattr(obj, first_field) == "Alice's careful change"
    assert getattr(obj, second_field) != "My later change"


@pytest.mark.parametrize("name", ["person", "episode", "timelineevent"])
def test_a_fresh_form_saves(name, editor_client):
    build, first_field, _second = CASES[name]
    obj = build()
    url = change_url(obj)
    for text in ("One", "Two"):  # a second save from a reloaded form works too
        data = change_form_data(editor_client.get(url))
        data[first_field] = text
        response = editor_client.post(url, data)
        assert response.status_code == 302, response.context and response.context["adminform"].form.errors
        obj.refresh_from_db()
        assert getattr(obj, first_field) == text


def test_a_many_to_many_change_makes_a_form_stale(client, editor_client):
    event = universe.make_event()
    url = change_url(event)
    mine = change_form_data(editor_client.get(url))
    client.force_login(factories.make_editor())
    theirs = change_form_data(client.get(url))
    theirs["shows"] = [str(factories.make_show().pk)]
    assert client.post(url, theirs).status_code == 302
    mine["title"] = "Mine"
    assert editor_client.post(url, mine).status_code == 200
    event.refresh_from_db()
    assert event.title != "Mine" and event.shows.count() == 1
