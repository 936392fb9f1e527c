"""How the page cache follows spoilers: a new content generation whenever time alone changes what
a reader may see (an episode airs, or leaves the default's one-week grace). The page cache's
variant is the progress token itself (``PAGE_CACHE_VARIANT``, ``spoilers.request.cookie_token``)."""

from __future__ import annotations

import datetime

from spoilers.episodes import episode_index
from spoilers.progress import next_change


def next_spoiler_change(now: datetime.datetime) -> datetime.datetime | None:
    # From the episode index rather than a query of its own: on a cold cache this loads the
    # index the page about to be rendered needs anyway, so the page costs no extra query.
    return next_change(now, [ref.airs_at for ref in episode_index().ordered if ref.airs_at is not None])
