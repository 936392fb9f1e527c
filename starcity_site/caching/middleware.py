"""Page cache and HTTP cache headers for the public site.

It sits just inside SecurityMiddleware and WhiteNoise, before the session, so a cache hit skips
the session, auth, CSRF, CSP and view layers altogether: one cache round trip, no query. The
stored response already carries the headers those layers add (CSP, X-Frame-Options, ETag,
Vary); SecurityMiddleware, outside, adds its per-request headers (HSTS) to hits as well.

Why not Django's CacheMiddleware: it keys by the raw values of every ``Vary`` header (a page
with ``Vary: Cookie`` would be stored once per visitor's cookie string), rewrites
``Cache-Control`` to the server-side lifetime, and has no way to drop every page at once on
every process when content changes. Here a page is stored with the content generation it was
rendered under (see ``generation``) and served only while that is current.

Who gets cached pages: GET/HEAD requests outside the admin and preview, with no session or
messages cookie. A request carrying a session (an editor, logged in or recently) is rendered
for itself every time and its response is never stored, so editors never see a fan's cached
page and fans never see an editor's. A response is stored only when it is a plain 200 that
sets no cookie, varies by nothing but Cookie, and did not ask not to be (``never_cache``,
``private``); a view may shorten its life with a ``page_cache_seconds`` attribute.

One render per page and generation: the first request to miss takes a short lock in the shared
cache (``cache.add``, atomic in Redis) and renders; the others that miss meanwhile, on any
process, wait for its page instead of rendering the same page again. After every edit during a
spike, every page is missed by many readers at once. A waiter renders for itself when the lock
goes without a page appearing (the response was not storable, or the renderer failed) or after
``RENDER_WAIT_SECONDS``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe

from starcity_site.caching import generation
from starcity_site.caching.local import LocalPages
from starcity_site.caching.variant import cache_variant

# Browsers and any shared cache may keep a public page but must ask again before each reuse:
# an edit shows on the very next request, and asking costs a 304 from the page cache.
PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate"
# A page rendered for someone with a session may be personal: never in a shared cache.
PERSONAL_CACHE_CONTROL = "private, no-cache"
MARKER = "X-Page-Cache"
# How long others wait for the request rendering a page, and how long its lock may outlive a
# process that died while rendering.
RENDER_WAIT_SECONDS = 2.0
RENDER_LOCK_SECONDS = 15
POLL_SECONDS = 0.02

_CONDITIONAL_HEADERS = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")
_NOT_STORABLE = {"private", "no-store", "no-cache"}
_HARMLESS_VARY = {"cookie"}


def page_key(request: HttpRequest) -> str:
    # Scheme and host are part of the page: canonical and Open Graph links are absolute.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"page:v1:{cache_variant(request)}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        # The health check must ask the database itself, and nothing here may query first.
        self.private_prefixes = (f"/{settings.ADMIN_PATH}", "/preview/", "/healthz")
        self.personal_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
        self.render_wait = RENDER_WAIT_SECONDS
        self.local = LocalPages(settings.PAGE_CACHE_LOCAL_BYTES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path_info.startswith(self.private_prefixes):
            return _with_cache_control(self.get_response(request), None)
        if any(name in request.COOKIES for name in self.personal_cookies):
            return _with_cache_control(self.get_response(request), PERSONAL_CACHE_CONTROL)
        if self.seconds <= 0:
            return _with_cache_control(self.get_response(request), PUBLIC_CACHE_CONTROL)
        return self._cached(request)

    def _cached(self, request: HttpRequest) -> HttpResponse:
        key = page_key(request)
        # With a copy of its own, the process asks the shared cache for the generation alone.
        local = self.local.get(key)
        state = generation.current([key] if local is None else [])
        if _current(local, state.generation):
            return _serve(request, local, "hit")
        if local is None:
            entry = state.found.get(key)
        elif state.generation is not None:
            # The copy is from an older generation: another process may have stored the new page.
            self.local.discard(key)
            entry = cache.get(key)
        else:
            entry = None  # the shared cache is unreachable: nothing can be checked, so render
        if _current(entry, state.generation):
            self.local.put(key, entry)
            return _serve(request, entry, "hit")
        if request.method == "HEAD" or state.generation is None:
            return _with_cache_control(self.get_response(request), PUBLIC_CACHE_CONTROL)

        lock = f"{key}:rendering:{state.generation}"
        owner = cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS)
        if not owner:
            entry = self._wait_for(key, lock, state.generation)
            if entry is not None:
                self.local.put(key, entry)
                return _serve(request, entry, "waited")
        # Render the full page even for a conditional request, so it can be stored; the
        # conditional answer is worked out below, from the stored page's ETag.
        conditions = {name: request.META.pop(name) for name in _CONDITIONAL_HEADERS if name in request.META}
        try:
            try:
                response = self.get_response(request)
            finally:
                request.META.update(conditions)
            return self._store(request, response, key, state)
        finally:
            if owner:  # after the page is stored, so a waiter finds it or knows there is none
                cache.delete(lock)

    def _wait_for(self, key: str, lock: str, current: int) -> tuple | None:
        """The page another request is rendering for this generation, once it is stored; None if
        its lock goes (or the wait ends) without one."""
        deadline = time.monotonic() + self.render_wait
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            found = cache.get_many([key, lock])
            entry = found.get(key)
            if _current(entry, current):
                return entry
            if lock not in found:
                return None
        return None

    def _store(self, request: HttpRequest, response: HttpResponse, key: str, state: generation.State) -> HttpResponse:
        storable = _storable(response)
        _with_cache_control(response, PUBLIC_CACHE_CONTROL)
        if storable:
            headers = [(name, value) for name, value in response.items() if name != MARKER]
            # The entry keeps its generation and the moment it stops being valid (see generation).
            # A view may ask for a shorter life than PAGE_CACHE_SECONDS (search results).
            seconds = min(self.seconds, getattr(response, "page_cache_seconds", self.seconds))
            due = min(state.due, time.time() + seconds)
            entry = (state.generation, due, response.content, headers)
            cache.set(key, entry, timeout=seconds)
            self.local.put(key, entry)
            response[MARKER] = "miss"
        return _conditional(request, response)


def _storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & _NOT_STORABLE:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    return vary <= _HARMLESS_VARY


def _with_cache_control(response: HttpResponse, value: str | None) -> HttpResponse:
    """Give a response that says nothing about caching the policy for its kind of request.

    ``None`` is the admin, preview and health check: never stored anywhere, even if a view
    forgot to say so.
    """
    # A 304 stands for the 200 it confirms, so it carries the same policy.
    if response.status_code in (200, 304) and not response.has_header("Cache-Control"):
        if value is None:
            add_never_cache_headers(response)
        else:
            response["Cache-Control"] = value
    return response


def _current(entry: tuple | None, wanted: int | None) -> bool:
    """A stored page rendered under the ``wanted`` generation, before the moment it is valid until."""
    return entry is not None and entry[0] == wanted and time.time() < entry[1]


def _serve(request: HttpRequest, entry: tuple, how: str) -> HttpResponse:
    response = _from_entry(entry)
    response[MARKER] = how
    return _conditional(request, response)


def _from_entry(entry: tuple) -> HttpResponse:
    _generation, _valid_until, content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """304 when the client's copy is current; the same rules as ConditionalGetMiddleware."""
    etag = response.get("ETag")
    last_modified = response.get("Last-Modified")
    last_modified = last_modified and parse_http_date_safe(last_modified)
    if response.status_code != 200 or not (etag or last_modified):
        return response
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
