"""A query string Django refuses (too many parameters) gets the site's 400 page through gunicorn
on every kind of page, not gunicorn's bare 500, and costs the log a line, not a traceback per
handler (issue 24; the handlers themselves: tests/spoilers/test_error_pages.py)."""

from __future__ import annotations

import pytest

from tests.reliability.services import Gunicorn, production_env, seed

TOO_MANY = "?" + "&".join(["a=1"] * 1001)
PAGES = ["/", "/news/", "/search/", "/people/anna-petrova/", "/shows/star-city/"]


@pytest.fixture(scope="module")
def server(static_root, tmp_path_factory):
    data = tmp_path_factory.mktemp("bad-requests")
    env = production_env(
        DATABASE_URL=f"sqlite:///{data / 'db.sqlite3'}",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(data / "media"),
        WEB_CONCURRENCY="1",
    )
    seed(env)
    web = Gunicorn(env, data / "gunicorn.log")
    web.start()
    yield web
    web.stop()


def test_through_gunicorn_each_page_answers_the_sites_400_and_logs_little(server):
    before = server.log.stat().st_size
    for path in PAGES:
        status, _headers, body, _seconds = server.get(path + TOO_MANY)
        assert status == 400, (path, body[:200])
        assert "That request could not be understood" in body, path
    logged = server.log.stat().st_size - before
    # The access line (it holds the 4 KB address) and one line from Django's security logger,
    # not a traceback per handler that failed.
    assert logged < (len(TOO_MANY) + 1000) * len(PAGES), server.log.read_text()[-3000:]
    log = server.log.read_text()
    assert "Traceback" not in log
    assert log.count("DATA_UPLOAD_MAX_NUMBER_FIELDS") == len(PAGES)
