"""Driving the Django admin in the browser: logging in, select2 autocompletes, test images."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

PASSWORD = "a-long-test-passphrase-for-e2e"


def login(page, username: str, password: str = PASSWORD) -> None:
    """Through the admin's own login form, as an editor would."""
    page.goto("/admin/login/?next=/admin/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("input[type=submit], button[type=submit]")
    assert page.url.endswith("/admin/"), f"login did not reach the admin index: {page.url}"


def pick(page, field: str, search: str, choose: str | None = None) -> None:
    """Choose ``choose`` (default: ``search``) in the select2 autocomplete of ``field``."""
    container = page.locator(f"#id_{field} + .select2-container")
    container.locator(".select2-selection").click()
    field_box = page.locator(".select2-container--open .select2-search__field").last
    field_box.fill(search)
    page.locator(".select2-results__option:not(.loading-results)", has_text=choose or search).first.click()
    label = choose or search
    assert label in container.inner_text(), f"{field}: {label!r} not chosen ({container.inner_text()!r})"


def save(page, button: str = "_save") -> None:
    with page.expect_navigation():
        page.locator(f"input[name={button}]").last.click()


def png(path: Path, size: tuple[int, int], color: tuple[int, int, int]) -> Path:
    Image.new("RGB", size, color).save(path, "PNG")
    return path


def upload_image(page, path: Path, title: str, alt: str) -> None:
    """Add a picture to the library through its admin form."""
    page.goto("/admin/library/image/add/")
    page.set_input_files("#id_image", str(path))
    page.fill("#id_title", title)
    page.fill("#id_image_alt", alt)
    save(page)


def choose_image(page, field: str, title: str) -> None:
    """Choose the library image titled ``title`` for ``field`` through the raw-id lookup popup."""
    with page.expect_popup() as opened:
        page.click(f"#lookup_id_{field}")
    popup = opened.value
    popup.wait_for_load_state()
    with popup.expect_event("close"):
        popup.locator("#result_list a", has_text=title).first.click()
    assert page.input_value(f"#id_{field}"), f"{field}: no image chosen"
