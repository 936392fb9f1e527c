"""How the page cache follows spoilers: one variant per progress token, and a new content
generation whenever time alone changes what a reader may see (an episode airs, or leaves the
default's one-week grace)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest

from spoilers.progress import DEFAULT_GRACE, next_change
from spoilers.request import cookie_token


def progress_variant(request: HttpRequest) -> str:
    """The page cache's variant: the normalised token (``d``, ``n``, ``a``, ``star-city:s1e4``)."""
    return cookie_token(request)


def next_spoiler_change(now: datetime.datetime) -> datetime.datetime | None:
    from django.db.models import Min, Q

    from shows.models import Episode

    # The next air time, and the earliest air time still inside the grace (it leaves it next).
    found = Episode.objects.aggregate(
        airs=Min("airs_at", filter=Q(airs_at__gt=now)),
        recent=Min("airs_at", filter=Q(airs_at__gt=now - DEFAULT_GRACE)),
    )
    return next_change(now, [at for at in found.values() if at is not None])
