"""How the page cache follows spoilers: a new content generation whenever time alone changes what
a reader may see (an episode airs, or leaves the default's one-week grace). The page cache's
variant is the progress token itself (``PAGE_CACHE_VARIANT``, ``spoilers.request.cookie_token``)."""

from __future__ import annotations

import datetime

from shows.models import Episode
from spoilers.progress import DEFAULT_GRACE, next_change


def next_spoiler_change(now: datetime.datetime) -> datetime.datetime | None:
    # Only episodes that air, or leave the grace, from now on can change what a reader sees.
    airs = Episode.objects.filter(airs_at__gt=now - DEFAULT_GRACE).values_list("airs_at", flat=True)
    return next_change(now, list(airs))
