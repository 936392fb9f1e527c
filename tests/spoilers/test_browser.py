"""In Chromium with JavaScript off: set progress with the form, reveal a story; axe and phone width.

A browser test (``bin/test -m e2e tests/spoilers``); the default run leaves it out.
"""

from __future__ import annotations

import pytest

from tests import factories
from tests.e2e.conftest import PHONE, browser, has_horizontal_scroll, new_page, screenshot, serious_axe_violations

pytestmark = pytest.mark.e2e
__all__ = ["browser", "new_page"]  # fixtures, imported for this module


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_fan_sets_progress_and_reveals_without_javascript(transactional_db, universe, no_js_page):
    factories.make_article(
        title="Valya dies in the launch fire",
        slug="fire",
        body="<p>Her last words over the radio.</p>",
        safe_title="Episode five: our review",
        spoils_episode=universe.ep[5],
    )
    page = no_js_page
    page.goto("/news/fire/")
    assert page.locator("h1").inner_text() == "Episode five: our review"
    assert "last words" not in page.content()
    screenshot(page, "spoilers-masked-article")

    page.get_by_role("link", name="Reveal it anyway").click()
    assert page.locator("h1").inner_text() == "Valya dies in the launch fire"

    page.goto("/news/fire/")
    page.select_option("#progress-select", "star-city:s1e5")
    page.get_by_role("button", name="Save").click()
    assert page.url.endswith("/news/fire/")
    assert page.locator("h1").inner_text() == "Valya dies in the launch fire"
    assert "last words" in page.content()

    page.get_by_role("button", name="Reset").click()
    assert page.locator("h1").inner_text() == "Episode five: our review"


def test_masked_article_and_settings_page_pass_axe_at_phone_width(transactional_db, universe, new_page):
    factories.make_article(title="Twist", slug="fire", safe_title="Episode five review", spoils_episode=universe.ep[5])
    page = new_page(PHONE)  # axe runs in the page, so JavaScript is on here
    for url in ["/news/fire/", "/progress/"]:
        page.goto(url)
        assert not has_horizontal_scroll(page), url
        assert serious_axe_violations(page) == [], url
