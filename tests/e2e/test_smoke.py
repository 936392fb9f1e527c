"""The browser can reach the live server and the audit machinery works."""

from tests.e2e.conftest import DESKTOP, PHONE, has_horizontal_scroll, screenshot, serious_axe_violations


def test_home_page_in_chromium(new_page, db):
    for viewport in (PHONE, DESKTOP):
        page = new_page(viewport)
        response = page.goto("/")
        assert response.status == 200
        assert page.locator("main").count() == 1
        assert not has_horizontal_scroll(page)
        assert screenshot(page, "home").exists()
        assert serious_axe_violations(page) == []
