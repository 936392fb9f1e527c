"""The article body's rich-text editor in a real browser: reached and used with the keyboard alone,
labelled, axe-clean, and what it saves is the cleaned HTML of what was typed."""

from __future__ import annotations

import io

from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from news.models import Article
from tests import factories
from tests.e2e.admin_helpers import PASSWORD, login, save
from tests.e2e.conftest import screenshot

EDITABLE = ".field-body .ProseMirror[contenteditable=true]"


def open_add_form(page, messages: list[str]):
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.goto("/admin/news/article/add/")
    page.locator(EDITABLE).wait_for()


def tab_to_editor(page, start: str) -> int:
    """Press Tab from ``start`` until the editable area has the focus; how many presses it took."""
    page.focus(start)
    for presses in range(1, 40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.ProseMirror[contenteditable=true]')"):
            return presses
    raise AssertionError("Tab never reached the body's editor")


def test_an_editor_writes_a_body_with_the_keyboard(new_page, transactional_db):
    editor = factories.make_editor(username="edna", password=PASSWORD)
    page = new_page()
    login(page, editor.username)
    messages: list[str] = []
    open_add_form(page, messages)
    page.fill("#id_slug", "launch-day")
    page.fill("#id_title", "Launch day")

    # The toolbar's buttons come first in the tab order, each with a name; then the text itself.
    assert tab_to_editor(page, "#id_standfirst") > 1
    keys = page.keyboard
    keys.press("Control+Alt+2")  # heading 2
    keys.type("The crew")
    keys.press("Enter")
    keys.press("Control+b")
    keys.type("Ready")
    keys.press("Control+b")
    keys.type(", steady, go.")
    keys.press("Enter")
    keys.type("- ")  # a bullet list, as in Markdown
    keys.type("Suits")
    keys.press("Enter")
    keys.type("Rockets")
    keys.press("Enter")
    keys.press("Enter")  # out of the list
    keys.type("> ")  # a quote
    keys.press("Control+i")
    keys.type("Poyekhali")
    keys.press("Control+i")
    keys.type("! said Gagarin.")
    # The text must have landed before the form is saved (the editor applies keys as it can).
    page.wait_for_function(
        "selector => document.querySelector(selector).textContent.endsWith('said Gagarin.')", arg=EDITABLE
    )
    screenshot(page, "admin-richtext-editor")
    save(page)

    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert errors == [], errors
    assert Article.objects.get(slug="launch-day").body == (
        "<h2>The crew</h2><p><strong>Ready</strong>, steady, go.</p><ul><li><p>Suits</p></li><li><p>Rockets</p></li></ul>"
        "<blockquote><p><em>Poyekhali</em>! said Gagarin.</p></blockquote>"
    )
    assert not [m for m in messages if "Error initializing" in m or "importmap" in m.lower()], messages


def test_the_editor_is_labelled_and_axe_finds_nothing_in_it(new_page, transactional_db):
    editor = factories.make_editor(username="edna", password=PASSWORD)
    page = new_page()
    login(page, editor.username)
    open_add_form(page, [])

    editable = page.locator(EDITABLE)
    assert editable.get_attribute("role") == "textbox"
    label = page.get_by_role("textbox", name="Body:")
    assert label.count() == 1 and label.evaluate("e => e.isContentEditable")
    assert "Pasted scripts" in page.locator(f"#{editable.get_attribute('aria-describedby')}").inner_text()
    for button in page.locator(".field-body .prose-menubar button:visible").all():
        assert (button.get_attribute("aria-label") or button.inner_text()).strip(), button.inner_html()

    results = Axe().run(page, context={"include": [[".field-body"]]})
    found = [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]]
    assert found == []


def test_a_demo_article_saved_in_the_browser_keeps_its_body(new_page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    editor = factories.make_editor(username="edna", password=PASSWORD)
    page = new_page()
    login(page, editor.username)
    for article in Article.objects.exclude(body="").order_by("pk"):
        page.goto(f"/admin/news/article/{article.pk}/change/")
        page.locator(EDITABLE).wait_for()
        save(page, "_continue")
        assert page.locator(".errornote, .errorlist").all_inner_texts() == []
        saved = Article.objects.get(pk=article.pk)
        assert saved.version > article.version
        assert saved.body == article.body, article.slug
