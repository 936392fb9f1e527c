"""One render per page and generation: readers who miss at the same moment wait for it (issue 8).

The middleware is called directly with a view that holds its render until the test lets it go,
from real threads; the cache is the suite's own (LocMem, or Redis where a test says so).
"""

from __future__ import annotations

import threading

import pytest
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from starcity_site.caching import generation
from starcity_site.caching.middleware import MARKER, PageCacheMiddleware, page_key


class HeldView:
    """Renders a page, the first time only after the test releases it."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.rendering = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, request) -> HttpResponse:
        self.calls += 1
        if self.calls == 1:
            self.rendering.set()
            self.release.wait(10)
        return HttpResponse(f"<p>render {self.calls}</p>", status=self.status)


def request():
    return RequestFactory().get("/news/", HTTP_HOST="testserver")


def in_thread(target) -> tuple[threading.Thread, list]:
    results = []

    def run():
        try:
            results.append(target())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, results


@pytest.fixture
def page_cache(db):
    generation.current()  # generation and "next due" in the cache: the threads need no query
    view = HeldView()
    middleware = PageCacheMiddleware(view)
    waiting = threading.Event()
    wait_for = middleware._wait_for

    def noting_the_wait(*args):
        waiting.set()
        return wait_for(*args)

    middleware._wait_for = noting_the_wait
    yield middleware, view, waiting
    view.release.set()


def test_readers_who_miss_together_get_one_render(page_cache):
    middleware, view, waiting = page_cache
    first, first_result = in_thread(lambda: middleware(request()))
    assert view.rendering.wait(5)
    second, second_result = in_thread(lambda: middleware(request()))
    assert waiting.wait(5)  # the second reader found the page being rendered and waits for it
    view.release.set()
    first.join(10)
    second.join(10)
    assert view.calls == 1
    assert first_result[0][MARKER] == "miss" and second_result[0][MARKER] == "waited"
    assert first_result[0].content == second_result[0].content == b"<p>render 1</p>"


def test_a_waiter_renders_for_itself_as_soon_as_the_render_proves_unstorable(page_cache):
    middleware, view, waiting = page_cache
    view.status = 404  # never stored: nothing will appear for the waiter
    middleware.render_wait = 60
    first, _ = in_thread(lambda: middleware(request()))
    assert view.rendering.wait(5)
    second, second_result = in_thread(lambda: middleware(request()))
    assert waiting.wait(5)
    view.release.set()
    first.join(10)
    second.join(10)
    assert not second.is_alive()  # it did not sit out the 60 s wait: the lock went, so it rendered
    assert view.calls == 2 and second_result[0].status_code == 404


def test_a_render_that_fails_leaves_no_lock_behind(db):
    state = generation.current()

    def broken(request):
        raise RuntimeError("template error")

    middleware = PageCacheMiddleware(broken)
    with pytest.raises(RuntimeError):
        middleware(request())
    assert cache.get(f"{page_key(request())}:rendering:{state.generation}") is None
    middleware.get_response = lambda request: HttpResponse("<p>fixed</p>")
    assert middleware(request())[MARKER] == "miss"  # rendered at once, not after a wait
