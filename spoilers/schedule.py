"""How the page cache follows spoilers: one variant per progress token, and a new content
generation whenever time alone changes what a reader may see (an episode airs, or leaves the
default's one-week grace)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest

from shows.models import Episode
from spoilers.progress import DEFAULT_GRACE, next_change
from spoilers.request import cookie_token


def progress_variant(request: HttpRequest) -> str:
    """The page cache's variant: the normalised token (``d``, ``n``, ``a``, ``star-city:s1e4``)."""
    return cookie_token(request)


def next_spoiler_change(now: datetime.datetime) -> datetime.datetime | None:
    # Only episodes that air, or leave the grace, from now on can change what a reader sees.
    airs = Episode.objects.filter(airs_at__gt=now - DEFAULT_GRACE).values_list("airs_at", flat=True)
    return next_change(now, list(airs))
