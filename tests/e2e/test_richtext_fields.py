"""Several rich-text editors on one admin page (issue 22), in a real browser: each editable area
carries its own field's label, typing in one leaves the others alone, and axe finds nothing."""

from __future__ import annotations

import datetime

from axe_playwright_python.sync_playwright import Axe

from people.models import Character
from tests import factories
from tests.e2e.admin_helpers import PASSWORD, login, save
from tests.e2e.conftest import screenshot
from tests.universe.helpers import make_event
from universe.models import TimelineEvent

EDITABLE = ".ProseMirror[contenteditable=true]"


def editables(page, fields: list[str]):
    for field in fields:
        page.locator(f".field-{field} {EDITABLE}").wait_for()
    return [page.locator(f".field-{field} {EDITABLE}") for field in fields]


def axe_findings(page, *selectors: str) -> list[str]:
    results = Axe().run(page, context={"include": [[selector] for selector in selectors]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:4])}"
        for v in results.response["violations"]
    ]


def test_two_editors_on_a_timeline_event_each_carry_their_own_label(new_page, transactional_db):
    editor = factories.make_editor(username="edna", password=PASSWORD)
    event = make_event(
        datetime.date(1969, 7, 20), title="Landing", real_history="<p>Apollo 11.</p>", show_history="<p>Leonov.</p>"
    )
    page = new_page()
    login(page, editor.username)
    page.goto(f"/admin/universe/timelineevent/{event.pk}/change/")
    real, show = editables(page, ["real_history", "show_history"])

    for editable, name in [(real, "In real history:"), (show, "In the show:")]:
        label = page.get_by_role("textbox", name=name, exact=True)
        assert label.count() == 1 and label.evaluate("e => e.isContentEditable"), name
        assert editable.get_attribute("aria-labelledby") != "", name
    assert real.get_attribute("aria-labelledby") != show.get_attribute("aria-labelledby")

    show.click()
    page.keyboard.press("End")
    page.keyboard.type(" Again.")
    page.wait_for_function("e => e.textContent.endsWith('Again.')", arg=show.element_handle())
    screenshot(page, "admin-two-richtext-editors")
    assert axe_findings(page, "#timelineevent_form fieldset:nth-of-type(2)") == []
    save(page)

    assert page.locator(".errornote, .errorlist").all_inner_texts() == []
    saved = TimelineEvent.objects.get(pk=event.pk)
    assert (saved.real_history, saved.show_history) == ("<p>Apollo 11.</p>", "<p>Leonov. Again.</p>")


def test_three_editors_on_a_character_page_are_labelled_and_axe_clean(new_page, transactional_db):
    editor = factories.make_editor(username="edna", password=PASSWORD)
    character = factories.make_character(name="The Chief Designer", description="<p>Builds the N1.</p>")
    page = new_page()
    login(page, editor.username)
    page.goto(f"/admin/people/character/{character.pk}/change/")
    fields = ["description", "counterpart_note", "fate"]
    found = editables(page, fields)
    labels = {f.get_attribute("aria-labelledby") for f in found}
    assert len(labels) == 3 and "" not in labels and None not in labels
    for name in ["Description:", "What the show changed:", "Fate:"]:
        assert page.get_by_role("textbox", name=name, exact=True).count() == 1, name
    # The editors' rows only: the page's select2 autocompletes are Django's widgets, not the editor's.
    assert axe_findings(page, *(f".field-{field}" for field in fields)) == []
    assert Character.objects.get(pk=character.pk).description == "<p>Builds the N1.</p>"


def test_the_figure_page_labels_the_editor_of_each_characters_note(new_page, transactional_db):
    editor = factories.make_editor(username="edna", password=PASSWORD)
    figure = factories.make_historical_figure(name="Sergei Korolev", summary="<p>Chief Designer.</p>")
    factories.make_character(name="The Chief Designer", counterpart=figure, counterpart_note="<p>Lives on.</p>")
    factories.make_character(name="Old Korolev", counterpart=figure, counterpart_note="")
    page = new_page()
    login(page, editor.username)
    page.goto(f"/admin/universe/historicalfigure/{figure.pk}/change/")
    page.locator(f".field-summary {EDITABLE}").wait_for()
    notes = page.locator(f".inline-related .field-counterpart_note {EDITABLE}")
    notes.nth(1).wait_for()
    assert notes.count() == 2
    assert page.get_by_role("textbox", name="Summary:", exact=True).count() == 1
    assert page.get_by_role("textbox", name="What the show changed:", exact=True).count() == 2
    assert notes.nth(0).get_attribute("aria-labelledby") != notes.nth(1).get_attribute("aria-labelledby")
    assert axe_findings(page, ".field-summary", ".inline-related .field-counterpart_note") == []
