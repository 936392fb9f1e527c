"""The demo as a first visitor sees it: the home page, the news list, a show and the timeline at
1280 and 390 px, saved as screenshots (``test-artifacts/screenshots/demo-*``), with every picture
on them answered with 200 and decoded, and the favicon found."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.e2e.conftest import DESKTOP, has_horizontal_scroll, screenshot

PHONE_390 = {"width": 390, "height": 844}
PAGES = {
    "demo-home": "/",
    "demo-news": "/news/",
    "demo-show": "/shows/for-all-mankind/",
    "demo-timeline": "/timeline/",
}
# Every <img> made to load now (lazy ones too, or a full-page screenshot shows blanks), then
# each one's address and decoded width.
IMAGES_JS = """async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener('load', done); img.addEventListener('error', done);
  })));
  return images.map(img => ({src: img.currentSrc || img.src, width: img.naturalWidth}));
}"""


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 — closed with the process


def test_demo_pages_have_every_picture_loaded_at_desktop_and_phone_width(new_page, demo):
    problems: list[str] = []
    seen_images = 0
    for viewport in (DESKTOP, PHONE_390):
        page = new_page(viewport)
        answers: dict[str, int] = {}
        # The first answer for each address: later visits may revalidate it (304) from the cache.
        page.on("response", lambda response, answers=answers: answers.setdefault(response.url, response.status))
        for name, url in PAGES.items():
            response = page.goto(url)
            where = f"{name} at {viewport['width']}px"
            if response.status != 200:
                problems.append(f"{where}: HTTP {response.status}")
            images = page.evaluate(IMAGES_JS)
            seen_images += len(images)
            for image in images:
                status = answers.get(image["src"]) or page.request.get(image["src"]).status
                if status != 200 or image["width"] <= 0:
                    problems.append(f"{where}: {image['src']} answered {status}, decoded width {image['width']}")
            if has_horizontal_scroll(page):
                problems.append(f"{where}: scrolls sideways")
            if not screenshot(page, name).exists():
                problems.append(f"{where}: no screenshot")
    assert problems == [], "\n".join(problems)
    assert seen_images > 40  # posters, cards and portraits: the pages are not bare text


def test_the_favicon_is_linked_and_answers(page, demo):
    page.goto("/")
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.request.get(icon).status == 200
    # Browsers ask for /favicon.ico whatever the page says: it leads to the same file.
    answer = page.request.get("/favicon.ico")
    assert answer.status == 200 and answer.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
