"""Marks responses that depend on the reader's progress.

A page that asked for the progress (the progress form on every page, masked articles) differs
by the ``progress`` cookie, so it says ``Vary: Cookie`` for browsers and shared caches. The page
cache itself keys by the normalised token (``caching.variant``), never by the raw cookie.
A staff preview "as a fan at …" is never cached anywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class ProgressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "_spoiler_progress", None) is not None:
            patch_vary_headers(response, ["Cookie"])
        if getattr(request, "_spoiler_preview", False):
            add_never_cache_headers(response)
        return response
