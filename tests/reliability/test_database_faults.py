"""A real PostgreSQL goes away, comes back, and hangs, under a running gunicorn.

The cluster is private (initdb in a temporary directory, a free port): the machine's shared
PostgreSQL is never touched. The page cache is off so every request needs the database, except
in the last test, which shows cached pages serving through an outage.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reliability.services import Gunicorn, PrivatePostgres, manage, production_env, seed, wait_for

PAGES = ["/news/", "/news/first-look/"]

# These tests bring their own PostgreSQL, whatever DATABASE_URL the suite runs on, so they run
# (identically) in both of CI's passes.


@pytest.fixture(scope="module")
def postgres():
    pg = PrivatePostgres().init()
    pg.start()
    yield pg
    pg.destroy()


@pytest.fixture(scope="module")
def server(postgres, static_root, tmp_path_factory):
    env = production_env(
        DATABASE_URL=postgres.url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        PAGE_CACHE_SECONDS="0",
        WEB_CONCURRENCY="2",
        DB_CONNECT_TIMEOUT="2",
    )
    seed(env)
    web = Gunicorn(env, tmp_path_factory.mktemp("logs") / "gunicorn.log")
    web.start()
    yield web
    web.stop()


def assert_friendly_503(web: Gunicorn, path: str, max_seconds: float) -> None:
    status, headers, body, seconds = web.get(path)
    print(f"{path}: {status} in {seconds:.2f} s")  # the figures in docs/reliability.md (pytest -s)
    assert status == 503, (path, status, body[:300])
    assert seconds < max_seconds, (path, seconds)
    if path == "/healthz":
        assert '"status": "unavailable"' in body
        return
    assert headers.get("Retry-After") == "30"
    assert "Back shortly" in body
    for leak in ("Traceback", "OperationalError", "psycopg", "127.0.0.1", "File "):
        assert leak not in body


def all_ok(web: Gunicorn) -> bool:
    return all(web.get(p, timeout=10)[0] == 200 for p in [*PAGES, "/healthz"] * 2)


def test_database_down_then_back_recovers_without_restart(postgres, server):
    assert all_ok(server)
    workers = server.workers()

    postgres.stop("fast")
    for path in [*PAGES, "/healthz"] * 2:  # both workers, each with a dead persistent connection
        assert_friendly_503(server, path, max_seconds=5)

    postgres.start()
    assert wait_for(lambda: all_ok(server), timeout=20)
    assert server.workers() == workers  # the same processes: no restart was needed


def test_database_hang_holds_requests_until_it_answers_then_recovers(postgres, server):
    """Django's health check of a kept connection (``CONN_HEALTH_CHECKS``) waits as long as a
    frozen server does: a request waits for the database to answer again, not for ever, since
    gunicorn's timeout (25 s) ends it at the latest (docs/reliability.md)."""
    assert all_ok(server)
    workers = server.workers()
    frozen = postgres.freeze()
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(server.get, "/news/first-look/", 30)
            time.sleep(3)
            postgres.thaw(frozen)
            frozen = None
            status, _, body, seconds = pending.result()
    finally:
        if frozen is not None:
            postgres.thaw(frozen)
    assert status in (200, 503), body[:300]  # answered: the page, or the friendly 503
    assert seconds < 25
    assert wait_for(lambda: all_ok(server), timeout=20)
    assert server.workers() == workers


EDIT = """
from news.models import Article
article = Article.objects.get(slug="first-look")
article.title = "Edited just before the outage"
article.save()
"""


def test_cached_pages_keep_serving_through_an_outage_even_right_after_an_edit(postgres, server, tmp_path):
    """Issue 24: with the page cache on, an edit and then the database gone: pages, not 503s."""
    env = dict(server.env, PAGE_CACHE_SECONDS="600", WEB_CONCURRENCY="1")
    cached = Gunicorn(env, tmp_path / "gunicorn.log")
    cached.start()
    try:
        for path in PAGES:
            assert wait_for(lambda path=path: cached.get(path)[1].get("X-Page-Cache") == "hit", 10), path
        manage("shell", "-c", EDIT, env=env)
        postgres.stop("fast")
        try:
            for path in PAGES * 2:
                status, headers, body, _ = cached.get(path)
                assert status == 200, (path, status, body[:300])
                assert headers.get("X-Page-Cache") == "stale"
            assert cached.get("/healthz")[0] == 503  # the platform still hears the truth
        finally:
            postgres.start()
        assert wait_for(lambda: "Edited just before the outage" in cached.get("/news/first-look/")[2], 20)
    finally:
        cached.stop()
