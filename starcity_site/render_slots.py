"""At most a few requests of a process render at once; its other threads wait for a slot.

gunicorn runs each worker with many threads (``GUNICORN_THREADS``) so that slow clients, which
hold a thread while their request arrives or their response drains, do not starve the others.
Rendering is Python under the GIL: two renders at once keep the CPU busy (one waits for the
database while the other runs), and eight at once are no faster, only eight times the objects
in memory and each page slower to finish. This middleware lets ``RENDER_SLOTS`` renders run at
once per process and queues the rest; a queued request still holds its thread, so the slow-
client headroom is unchanged (docs/performance.md, worker memory).

It sits below the page cache, so a cached page never waits for a slot. Only requests without a
body are limited: a POST's body is read while it renders, and an editor's upload arriving over
a slow link must not hold a slot for all that time. The health check never queues either: the
platform must hear from a busy process at once, or it restarts it in the middle of a spike.
A request that finds no slot within ``RENDER_SLOT_WAIT`` seconds gets the "busy" page (503 with
``Retry-After``), well before the router's own timeout.
"""

import threading

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LIMITED_METHODS = frozenset({"GET", "HEAD"})
EXEMPT_PATHS = frozenset({"/healthz"})


class RenderSlotsMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response
        slots = settings.RENDER_SLOTS
        self.slots = threading.BoundedSemaphore(slots) if slots > 0 else None
        self.wait = settings.RENDER_SLOT_WAIT

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.slots is None or request.method not in LIMITED_METHODS or request.path_info in EXEMPT_PATHS:
            return self.get_response(request)
        if not self.slots.acquire(timeout=self.wait):
            response = render(request, "errors/busy.html", status=503)
            response["Retry-After"] = "5"
            return response
        try:
            return self.get_response(request)
        finally:
            self.slots.release()
