"""Redis goes away under a running gunicorn: pages still come from the database, and the page
cache is used again once Redis is back. The Redis server is private (a free port)."""

from __future__ import annotations

import shutil

import pytest

from tests.reliability.services import Gunicorn, PrivateRedis, production_env, seed, wait_for

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")


def test_cache_down_serves_from_the_database_then_recovers(static_root, tmp_path):
    redis = PrivateRedis()
    redis.start()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=redis.url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(tmp_path / "media"),
        PAGE_CACHE_SECONDS="600",
        WEB_CONCURRENCY="2",
    )
    seed(env)
    log = tmp_path / "gunicorn.log"
    web = Gunicorn(env, log)
    web.start()
    try:
        status, _, body, _ = web.get("/news/")
        assert status == 200
        assert wait_for(lambda: web.get("/news/")[1].get("X-Page-Cache") == "hit", 10)

        redis.stop()
        for _ in range(6):  # both workers notice, each serves from the database
            status, headers, body, seconds = web.get("/news/")
            assert status == 200, body[:300]
            assert "First look" in body
            assert headers.get("X-Page-Cache") != "hit"
            assert seconds < 3
        assert web.get("/healthz")[0] == 200
        assert "Redis cache unavailable" in log.read_text()

        redis.start()  # the same port: the cache is back, empty
        assert wait_for(lambda: web.get("/news/")[1].get("X-Page-Cache") == "hit", 20, interval=0.5)
    finally:
        web.stop()
        redis.stop()
