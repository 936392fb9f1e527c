"""The admin's article list fits a 1280 px screen: every column, the author's included, visible
without scrolling sideways, with the filters beside it."""

from __future__ import annotations

import io

from django.core.management import call_command

from tests import factories
from tests.e2e.admin_helpers import PASSWORD, login
from tests.e2e.conftest import has_horizontal_scroll, screenshot


def test_the_article_list_fits_1280_pixels(new_page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    editor = factories.make_editor(username="edna", password=PASSWORD, first_name="Edna", last_name="Lindqvist")
    factories.make_article(
        title="A long headline of the kind editors write when a casting story has many names in it",
        author=editor,
    )
    page = new_page({"width": 1280, "height": 800})
    login(page, "edna")
    page.goto("/admin/news/article/")
    screenshot(page, "admin-article-list")
    assert not has_horizontal_scroll(page)
    table = page.evaluate(
        """() => {
            const results = document.querySelector('#changelist .results');
            const author = document.querySelector('#result_list th.column-author');
            const filter = document.querySelector('#changelist-filter');
            return {
                overflow: results.scrollWidth - results.clientWidth,
                authorRight: author ? author.getBoundingClientRect().right : null,
                filterLeft: filter ? filter.getBoundingClientRect().left : null,
            };
        }"""
    )
    assert table["overflow"] <= 1, table
    assert table["authorRight"] is not None and table["authorRight"] <= 1280, table
    assert table["filterLeft"] is not None and table["authorRight"] <= table["filterLeft"], table
