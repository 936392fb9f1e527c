"""An author puts a picture from the image library into a story's body, through the editor's
"Image" button and Django's own lookup popup; an editor publishes it from the dashboard; a fan
sees the picture with its caption."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from library.models import Image, InlineImageUse
from news.models import Article
from starcity_site.publishing import Status
from tests import factories
from tests.e2e.admin_helpers import PASSWORD, login, save
from tests.e2e.conftest import DESKTOP, screenshot

EDITABLE = ".field-body .ProseMirror[contenteditable=true]"
TITLE = "Inside the Star City control room"
SLUG = "inside-the-control-room"
CAPTION = "The mission control set, built from period photographs."


def test_an_author_inserts_a_library_image_and_a_fan_sees_it(new_page, transactional_db):
    image = Image.objects.create(
        title="Control room",
        image=factories.image_file(size=(1280, 720), color=(40, 90, 160)),
        image_alt="Rows of consoles in a control room",
        caption=CAPTION,
        image_credit="Apple TV+",
    )
    Image.objects.create(title="Launch pad", image=factories.image_file(size=(800, 600)), image_alt="A launch pad")
    author = factories.make_author(username="alex", password=PASSWORD, first_name="Alex")
    editor = factories.make_editor(username="edna", password=PASSWORD)

    # --- the author writes, and chooses the picture from the library -----------------------
    writer = new_page()
    messages: list[str] = []
    writer.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    login(writer, author.username)
    writer.goto("/admin/news/article/add/")
    writer.fill("#id_slug", SLUG)
    writer.fill("#id_title", TITLE)
    editable = writer.locator(EDITABLE)
    editable.click()
    writer.keyboard.type("The production shared a picture of the set.")
    writer.wait_for_function(
        "selector => document.querySelector(selector).textContent.endsWith('of the set.')", arg=EDITABLE
    )

    button = writer.locator(".field-body .prose-menubar__button[title=Image]")
    assert button.get_attribute("aria-label") or button.get_attribute("title") == "Image"
    with writer.expect_popup() as opened:
        button.click()
    chooser = opened.value
    chooser.wait_for_load_state()
    assert "_popup=1" in chooser.url
    chooser.set_viewport_size(DESKTOP)
    chooser.locator(f"a[data-popup-opener='{image.pk}']").first.wait_for()
    screenshot(chooser, "library-chooser-popup")
    with chooser.expect_event("close"):
        chooser.locator(f"a[data-popup-opener='{image.pk}']").first.click()

    node = writer.locator(f"{EDITABLE} figure.library-image-node[data-image='{image.pk}']")
    node.wait_for()
    node.locator("figcaption", has_text="Library image: Control room").wait_for()
    thumb = node.locator("img")
    writer.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    assert thumb.get_attribute("alt") == "Rows of consoles in a control room"
    writer.keyboard.type("It was built from photographs.")
    writer.wait_for_function(
        "selector => document.querySelector(selector).textContent.endsWith('from photographs.')", arg=EDITABLE
    )
    # One atom for the keyboard: the up arrow from the line below selects it, Backspace removes it.
    writer.keyboard.press("ArrowUp")
    writer.locator(f"{EDITABLE} figure.library-image-node.ProseMirror-selectednode").wait_for()
    writer.keyboard.press("Backspace")
    node.wait_for(state="detached")
    writer.keyboard.press("Control+z")
    node.wait_for()
    results = Axe().run(writer, context={"include": [[".field-body"]]})
    assert [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]] == []
    screenshot(writer, "admin-editor-inline-image")
    save(writer, "_submit_review")
    assert writer.locator(".errornote, .errorlist").all_inner_texts() == []

    article = Article.objects.get(slug=SLUG)
    assert article.is_waiting_for_review
    assert article.body == (
        f'<p>The production shared a picture of the set.</p><figure data-image="{image.pk}"></figure>'
        "<p>It was built from photographs.</p>"
    )
    assert [use.image for use in InlineImageUse.objects.of(article)] == [image]
    # Tiptap's own <style> injection is refused by the CSP (no 'unsafe-inline'); nothing else may fail.
    assert [m for m in messages if m.startswith("error") and "Applying inline style" not in m] == [], messages

    # --- the editor finds it on the dashboard and publishes it ------------------------------
    desk = new_page()
    login(desk, editor.username)
    waiting = desk.locator("#dashboard-review a", has_text=TITLE)
    waiting.wait_for()
    screenshot(desk, "admin-dashboard-inline-image-story")
    with desk.expect_navigation():
        waiting.click()
    desk.locator(f"{EDITABLE} figure.library-image-node[data-image='{image.pk}']").wait_for()
    save(desk, "_publish")
    assert desk.locator(".errornote, .errorlist").all_inner_texts() == []
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and Article.objects.published().filter(pk=article.pk).exists()

    # --- a fan sees the picture and its caption ----------------------------------------------
    fan = new_page()
    assert fan.goto(article.get_absolute_url()).status == 200
    figure = fan.locator(".prose figure.inline-image")
    picture = figure.locator("img")
    picture.scroll_into_view_if_needed()
    fan.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    assert picture.get_attribute("alt") == "Rows of consoles in a control room"
    assert picture.get_attribute("loading") == "lazy"
    assert CAPTION in figure.locator("figcaption").inner_text()
    assert "Apple TV+" in figure.locator("figcaption").inner_text()
    screenshot(fan, "article-inline-image")
