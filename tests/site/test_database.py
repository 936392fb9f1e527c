"""The database connection as settings build it (issue 8: PostgreSQL's share of a page's CPU)."""

from __future__ import annotations

from django.db import connection

from news.models import Article
from tests import factories


def test_a_query_run_again_is_prepared_on_postgresql_and_sqlite_gets_no_such_options(db):
    factories.make_article(slug="prepared")
    if connection.vendor != "postgresql":
        # The options are psycopg's: sqlite3.connect() would refuse them.
        assert not {"server_side_binding", "prepare_threshold"} & set(connection.settings_dict["OPTIONS"])
        assert Article.objects.published().get(slug="prepared").slug == "prepared"
        return
    # A shape of query no other test runs, so only these three runs can have prepared it.
    titles = Article.objects.published().filter(slug="prepared").values_list("source_name", "title")
    for _ in range(3):  # the same SQL every time: the publish time is a parameter, not text
        assert len(list(titles.all())) == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"news_article"."source_name"' in sql and "$1" in sql for sql in prepared), prepared
