"""The reader's progress for a request, worked out once and remembered on the request.

Staff may look at any page "as a fan who has seen up to …" with ``?as_progress=<token>``; the
parameter is ignored for everyone else (and such a page is never cached: staff carry a session,
and the page cache answers requests with one as ``never_cache`` would).
"""

from __future__ import annotations

from django.http import HttpRequest

from spoilers.progress import COOKIE_NAME, Progress, normalise

PREVIEW_PARAM = "as_progress"
REVEAL_PARAM = "reveal"


def cookie_token(request: HttpRequest) -> str:
    """The normalised token of the request's cookie: no query, no cache read."""
    return normalise(request.COOKIES.get(COOKIE_NAME))


def is_progress_preview(request: HttpRequest) -> bool:
    if PREVIEW_PARAM not in request.GET:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def get_progress(request: HttpRequest) -> Progress:
    progress = getattr(request, "_spoiler_progress", None)
    if progress is None:
        if is_progress_preview(request):
            token = normalise(request.GET.get(PREVIEW_PARAM))
            request._spoiler_preview = True
        else:
            token = cookie_token(request)
        progress = request._spoiler_progress = Progress.from_token(token)
    return progress


def wants_reveal(request: HttpRequest) -> bool:
    """The reader clicked "reveal" on a page that hides a spoiler (``?reveal=1``)."""
    return request.GET.get(REVEAL_PARAM) == "1"
