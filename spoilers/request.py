"""The reader's progress for a request.

Staff may look at any page "as a fan who has seen up to …" with ``?as_progress=<token>``; the
parameter is ignored for everyone else, and such a page is never cached (the view mixin,
starcity_site.reading, marks it). Views get the progress once through that mixin
(``settings.READER_PROGRESS`` names ``get_progress``); the progress form on every page uses the
view's, or the cookie's alone.
"""

from __future__ import annotations

from django.http import HttpRequest

from spoilers.progress import COOKIE_NAME, Progress, normalise

PREVIEW_PARAM = "as_progress"


def cookie_token(request: HttpRequest) -> str:
    """The normalised token of the request's cookie: no query, no cache read."""
    return normalise(request.COOKIES.get(COOKIE_NAME))


def is_progress_preview(request: HttpRequest) -> bool:
    if PREVIEW_PARAM not in request.GET:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def get_progress(request: HttpRequest) -> Progress:
    """The cookie's progress, or a staff preview's; loads the episode index (one query)."""
    if is_progress_preview(request):
        return Progress.from_token(request.GET.get(PREVIEW_PARAM), preview=True)
    return Progress.from_token(cookie_token(request))
