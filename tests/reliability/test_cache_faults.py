"""Redis goes away under a running gunicorn: pages still come from the database, the page cache is
used again once Redis is back, and an edit made meanwhile is never hidden by the pages Redis kept.
The Redis server is private (a free port)."""

from __future__ import annotations

import os
import shutil
import signal
import time

import pytest

from tests.reliability.services import Gunicorn, PrivateRedis, manage, production_env, seed, wait_for

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")

SECOND_STORY = """
import datetime
from django.utils import timezone
from tests import factories
factories.make_article(slug="second", title="Second story", published_at=timezone.now() - datetime.timedelta(hours=1))
"""
EDIT_AND_UNPUBLISH = """
from news.models import Article
first = Article.objects.get(slug="first-look")
first.title = "Renamed while Redis was away"
first.save()
second = Article.objects.get(slug="second")
second.unpublish()
second.save()
"""


@pytest.fixture
def redis():
    server = PrivateRedis()
    server.start()
    yield server
    if server.process and server.process.poll() is None:
        os.kill(server.process.pid, signal.SIGCONT)
    server.stop()


@pytest.fixture
def web(redis, static_root, tmp_path):
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=redis.url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(tmp_path / "media"),
        PAGE_CACHE_SECONDS="600",
        WEB_CONCURRENCY="2",
    )
    seed(env)
    manage("shell", "-c", SECOND_STORY, env=env)
    server = Gunicorn(env, tmp_path / "gunicorn.log")
    server.start()
    yield server
    server.stop()


def test_cache_down_serves_from_the_database_then_recovers(redis, web):
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
    assert "Redis cache unavailable" in web.log.read_text()

    redis.start()  # the same port: the cache is back, empty
    assert wait_for(lambda: web.get("/news/")[1].get("X-Page-Cache") == "hit", 20, interval=0.5)


def test_an_edit_made_while_redis_is_cut_off_shows_once_it_is_back_with_its_data(redis, web):
    """Issue 24: Redis kept the old pages; none of them may be served after the edit."""
    for path in ("/news/", "/news/first-look/", "/news/second/"):
        assert wait_for(lambda path=path: web.get(path)[1].get("X-Page-Cache") == "hit", 10), path

    os.kill(redis.process.pid, signal.SIGSTOP)  # unreachable, and keeps every key it holds
    try:
        manage("shell", "-c", EDIT_AND_UNPUBLISH, env=web.env)
    finally:
        os.kill(redis.process.pid, signal.SIGCONT)

    seen = []
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        _, headers, listing, _ = web.get("/news/")
        status, _, article, _ = web.get("/news/first-look/")
        seen.append(headers.get("X-Page-Cache"))
        assert "Second story" not in listing
        assert "First look" not in listing and "Renamed while Redis was away" in listing
        assert status == 200 and "Renamed while Redis was away" in article
        assert web.get("/news/second/")[0] == 404
        time.sleep(0.5)
    assert "hit" in seen  # the page cache is in use again, with the new pages
