"""A real PostgreSQL goes away, comes back, and hangs, under a running gunicorn.

The cluster is private (initdb in a temporary directory, a free port): the machine's shared
PostgreSQL is never touched. The page cache is off so every request needs the database.
"""

from __future__ import annotations

import pytest

from tests.reliability.services import Gunicorn, PrivatePostgres, production_env, seed, wait_for

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


def test_database_hang_fails_fast_then_recovers(postgres, server):
    assert all_ok(server)
    workers = server.workers()
    frozen = postgres.freeze()
    try:
        for path in [*PAGES, "/healthz"] * 2:
            # Connect timeout (2 s here) plus the health check's bound, far below gunicorn's 25 s.
            assert_friendly_503(server, path, max_seconds=8)
    finally:
        postgres.thaw(frozen)
    assert wait_for(lambda: all_ok(server), timeout=20)
    assert server.workers() == workers
