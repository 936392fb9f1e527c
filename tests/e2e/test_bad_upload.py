"""A file that is not an image, named .jpg, is refused in the page with the form error; nothing is saved."""

from __future__ import annotations

from library.models import Image
from tests import factories
from tests.e2e.admin_helpers import PASSWORD, login, save
from tests.e2e.conftest import screenshot


def test_text_file_named_jpg_is_refused_in_the_form(new_page, transactional_db, tmp_path):
    editor = factories.make_editor(username="edna", password=PASSWORD)
    fake = tmp_path / "portrait.jpg"
    fake.write_text("This is a text file, not a photograph.\n" * 20)

    page = new_page()
    login(page, editor.username)
    page.goto("/admin/library/image/add/")
    page.fill("#id_title", "Valentina Test")
    page.set_input_files("#id_image", str(fake))
    page.fill("#id_image_alt", "A portrait")
    save(page)

    assert "/add/" in page.url  # still on the form, not redirected to the list
    assert page.locator(".errornote").is_visible()
    field_errors = page.locator(".field-image .errorlist").inner_text()
    assert field_errors.strip(), "no error next to the image field"
    assert "image" in field_errors.lower()
    assert page.input_value("#id_title") == "Valentina Test"  # the rest of the form is kept
    screenshot(page, "admin-bad-upload")
    assert Image.objects.count() == 0
