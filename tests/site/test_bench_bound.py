"""bench/without_reads.py (``bench/run.py --mode bound``) serves the very pages the site serves,
only without reading the database again: otherwise its upper bound would measure another page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import without_reads
from tests import factories


@pytest.fixture
def pages(db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    tag, show = factories.make_tag(), factories.make_show()
    person = factories.make_person()
    factories.make_credit(person=person, show=show)
    articles = [factories.make_article() for _ in range(5)]
    for article in articles:
        article.tags.add(tag)
        article.shows.add(show)
        article.people.add(person)
    return {"article": articles[2].get_absolute_url(), "person": person.get_absolute_url()}


def test_covers_the_pages_it_names(pages):
    assert set(without_reads.PAGES) == set(pages)


@pytest.mark.parametrize("page", without_reads.PAGES)
def test_same_page_without_queries_after_the_first(client, pages, page):
    url = pages[page]
    normal = client.get(url)
    assert normal.status_code == 200
    undo = without_reads.install()
    try:
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
    finally:
        undo()
    assert first.content == normal.content
    assert again.content == normal.content
    assert len(queries) == 0, [q["sql"] for q in queries]
    # Put back: the site reads the database again.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).content == normal.content
    assert len(queries) > 0
