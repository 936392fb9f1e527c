"""A process renders at most RENDER_SLOTS requests at once (issue 8: worker memory under load)."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from starcity_site.render_slots import RenderSlotsMiddleware


class Blocking:
    """A view that holds its slot until the test lets it go."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, request) -> HttpResponse:
        self.calls += 1
        self.entered.set()
        self.release.wait(5)
        return HttpResponse("rendered")


def occupy(middleware: RenderSlotsMiddleware, view: Blocking) -> threading.Thread:
    thread = threading.Thread(target=middleware, args=(RequestFactory().get("/news/"),))
    thread.start()
    assert view.entered.wait(5)
    return thread


@pytest.fixture
def one_slot():
    view = Blocking()
    with override_settings(RENDER_SLOTS=1, RENDER_SLOT_WAIT=0.05):
        middleware = RenderSlotsMiddleware(view)
    yield middleware, view
    view.release.set()


@pytest.mark.django_db
def test_a_request_that_finds_every_slot_taken_gets_the_busy_page_with_retry_after(one_slot):
    middleware, view = one_slot
    holder = occupy(middleware, view)
    response = middleware(RequestFactory().get("/people/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "A lot of readers at once" in response.content.decode()
    assert view.calls == 1  # the queued request never reached the view
    view.release.set()
    holder.join(5)
    view.release.clear()
    assert middleware(RequestFactory().get("/people/")).status_code == 200  # the slot came back


def test_a_queued_request_renders_as_soon_as_a_slot_frees(one_slot):
    middleware, view = one_slot
    middleware.wait = 5
    holder = occupy(middleware, view)
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(middleware(RequestFactory().get("/people/"))))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive() and view.calls == 1  # waiting, not rendering
    view.release.set()
    waiter.join(5)
    holder.join(5)
    assert [a.status_code for a in answers] == [200] and view.calls == 2


def test_requests_with_a_body_are_never_queued(one_slot):
    """An upload arriving slowly must not hold a slot; it is not limited at all."""
    middleware, view = one_slot
    holder = occupy(middleware, view)
    passed = []
    middleware.get_response = lambda request: passed.append(request.method) or HttpResponse("saved")
    assert middleware(RequestFactory().post("/admin/news/article/add/", {"title": "x"})).status_code == 200
    assert passed == ["POST"]
    view.release.set()
    holder.join(5)


@pytest.mark.django_db
def test_the_health_check_never_waits_for_a_slot(one_slot):
    middleware, view = one_slot
    holder = occupy(middleware, view)
    middleware.get_response = lambda request: HttpResponse("ok")
    assert middleware(RequestFactory().get("/healthz")).status_code == 200
    assert middleware(RequestFactory().get("/news/")).status_code == 503
    view.release.set()
    holder.join(5)


def test_a_view_that_raises_gives_its_slot_back(one_slot):
    middleware, _view = one_slot

    def broken(request):
        raise RuntimeError("boom")

    middleware.get_response = broken
    for _ in range(3):  # with one slot, a leaked slot would make the second call wait and fail
        with pytest.raises(RuntimeError):
            middleware(RequestFactory().get("/"))
    middleware.get_response = lambda request: HttpResponse("ok")
    assert middleware(RequestFactory().get("/")).status_code == 200


def test_zero_slots_means_no_limit():
    with override_settings(RENDER_SLOTS=0):
        middleware = RenderSlotsMiddleware(lambda request: HttpResponse("ok"))
    assert middleware.slots is None
    assert middleware(RequestFactory().get("/")).status_code == 200


def test_cached_pages_are_served_above_the_limit():
    """The page cache answers before the limiter, so a hit never waits for a render slot."""
    order = settings.MIDDLEWARE
    assert order.index("starcity_site.caching.middleware.PageCacheMiddleware") < order.index(
        "starcity_site.render_slots.RenderSlotsMiddleware"
    )
    assert settings.RENDER_SLOTS >= 1


def slots_of(client: Client) -> threading.BoundedSemaphore:
    """The semaphore of the RenderSlotsMiddleware in the client's own middleware chain."""
    client.get("/healthz")  # builds the chain
    layer = client.handler._middleware_chain
    while layer is not None:
        instance = next(
            (c.cell_contents for c in layer.__closure__ or () if hasattr(c.cell_contents, "get_response")), None
        )
        if isinstance(instance, RenderSlotsMiddleware):
            return instance.slots
        layer = getattr(instance, "get_response", None)
    raise AssertionError("RenderSlotsMiddleware is not in the chain")


@pytest.mark.django_db
def test_the_busy_page_through_the_whole_stack_has_the_headers_of_any_page():
    with override_settings(RENDER_SLOTS=1, RENDER_SLOT_WAIT=0.01):
        client = Client()
        slots = slots_of(client)
        assert slots.acquire(timeout=1)  # another thread's render holds the only slot
        try:
            response = client.get("/news/")
        finally:
            slots.release()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "default-src" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "public" not in response.get("Cache-Control", "")
    assert client.get("/news/").status_code == 200
