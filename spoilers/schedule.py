"""How the page cache follows spoilers: one variant per progress token, and a new content
generation whenever time alone changes what a reader may see (an episode airs, or leaves the
default's one-week grace)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest

from shows.models import Episode
from spoilers.progress import next_change
from spoilers.request import cookie_token


def progress_variant(request: HttpRequest) -> str:
    """The page cache's variant: the normalised token (``d``, ``n``, ``a``, ``star-city:s1e4``)."""
    return cookie_token(request)


def next_spoiler_change(now: datetime.datetime) -> datetime.datetime | None:
    return next_change(now, list(Episode.objects.filter(airs_at__isnull=False).values_list("airs_at", flat=True)))
