"""The page cache policy: is this response cached, for how long, which variant, for whom.

**For whom.** GET and HEAD requests without a session or messages cookie: the public. A request
carrying a session (an editor, logged in or recently; every staff preview needs one) is rendered
for itself every time, never stored, and answered as ``never_cache`` would, unless its view said
otherwise: editors never get a fan's cached page and fans never get an editor's.

**Which responses.** A plain 200 that sets no cookie and varies by nothing but ``Cookie``. A view
opts out with Django's own decorators (``django.views.decorators.cache``): ``never_cache`` (share
links, the health check, the admin), or ``cache_control(private=True)`` / ``(no_store=True)``.

**For how long.** ``PAGE_CACHE_SECONDS`` (0 turns the page cache off), or less when the view says
so for shared caches with ``cache_control(s_maxage=...)`` (search results). Whatever the
lifetime, a page is served only while the content generation it was rendered under is still
the database's (``generation``): any edit, delete, publish or scheduled article falling due
shows on every process at the next request. That costs one small query per hit.

**Which variant.** Every public page carries the spoiler-progress form, so each exists once per
reader's progress: the key holds ``PAGE_CACHE_VARIANT(request)``, a function (named by the
setting, since this package imports no app) that returns a short *normalised* token from the
request alone (never a raw cookie). Responses say ``Vary: Cookie`` for browsers.

**Browsers and other caches.** A public page may be kept but must be asked for again before each
reuse (``public, max-age=0, must-revalidate``): the answer is a 304 from the page cache when the
browser's ETag still matches.

**Outages.** The cache backend fails soft (``starcity_site.cache``): while it is away, every page
is rendered. While the database cannot say its generation, a stored page is served whatever its
generation (``X-Page-Cache: stale``): nothing fresher could be rendered, and a page beats a 503.

It sits just inside SecurityMiddleware and WhiteNoise, before the session, so a hit skips every
other layer; stored responses keep the headers those layers added (CSP, X-Frame-Options, ETag).
Why not Django's CacheMiddleware: it keys by the raw value of every ``Vary`` header (one entry
per visitor's cookie string) and cannot drop every page on every process when content changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.module_loading import import_string

from starcity_site.caching import generation

PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate"
MARKER = "X-Page-Cache"

_CONDITIONAL_HEADERS = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")
_NOT_STORABLE = {"private", "no-store", "no-cache"}


def page_key(request: HttpRequest) -> str:
    variant = import_string(settings.PAGE_CACHE_VARIANT)(request) if settings.PAGE_CACHE_VARIANT else ""
    # Scheme and host are part of the page: canonical and Open Graph links are absolute.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"page:v2:{variant}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.personal_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if any(name in request.COOKIES for name in self.personal_cookies):
            response = self.get_response(request)
            if response.status_code in (200, 304) and not response.has_header("Cache-Control"):
                add_never_cache_headers(response)
            return response
        if settings.PAGE_CACHE_SECONDS <= 0:
            return _public(self.get_response(request))
        key = page_key(request)
        try:
            current = generation.current()
        except DatabaseError:
            entry = cache.get(key)
            if entry is not None:
                return _serve(request, entry, "stale")
            return self.get_response(request)  # the view answers as it can (the 503 page)
        entry = cache.get(key)
        if entry is not None and entry[0] == current:
            return _serve(request, entry, "hit")
        return self._render(request, key, current)

    def _render(self, request: HttpRequest, key: str, current: int) -> HttpResponse:
        # Render the full page even for a conditional request, so it can be stored; the
        # conditional answer is worked out from the stored page's ETag.
        conditions = {name: request.META.pop(name) for name in _CONDITIONAL_HEADERS if name in request.META}
        try:
            response = self.get_response(request)
        finally:
            request.META.update(conditions)
        seconds = _lifetime(response)
        _public(response)
        if request.method == "GET" and seconds:
            headers = [(name, value) for name, value in response.items() if name != MARKER]
            cache.set(key, (current, response.content, headers), timeout=seconds)
            response[MARKER] = "miss"
        return _conditional(request, response)


def _directives(response: HttpResponse) -> dict[str, str]:
    found = {}
    for directive in response.get("Cache-Control", "").split(","):
        name, _, value = directive.strip().partition("=")
        if name:
            found[name.lower()] = value
    return found


def _lifetime(response: HttpResponse) -> int:
    """Seconds the page cache may keep this response; 0: not at all."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return 0
    directives = _directives(response)
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if directives.keys() & _NOT_STORABLE or not vary <= {"cookie"}:
        return 0
    shared = directives.get("s-maxage", "")
    return min(settings.PAGE_CACHE_SECONDS, int(shared)) if shared.isdigit() else settings.PAGE_CACHE_SECONDS


def _public(response: HttpResponse) -> HttpResponse:
    """A public page varies by the reader's progress cookie, and is asked for again before reuse."""
    if response.status_code in (200, 304):  # a 304 stands for the 200 it confirms
        patch_vary_headers(response, ["Cookie"])
        directives = _directives(response)
        if not directives.keys() & {"max-age", "private", "no-store", "no-cache"}:
            extra = response.get("Cache-Control")
            response["Cache-Control"] = f"{PUBLIC_CACHE_CONTROL}, {extra}" if extra else PUBLIC_CACHE_CONTROL
    return response


def _serve(request: HttpRequest, entry: tuple, how: str) -> HttpResponse:
    _generation, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response[MARKER] = how
    return _conditional(request, response)


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """304 when the client's copy is current; the same rules as ConditionalGetMiddleware."""
    etag = response.get("ETag")
    last_modified = response.get("Last-Modified")
    last_modified = last_modified and parse_http_date_safe(last_modified)
    if response.status_code != 200 or not (etag or last_modified):
        return response
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
