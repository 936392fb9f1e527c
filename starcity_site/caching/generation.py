"""The content generation: one number in the shared cache that every content change bumps.

Cached pages are stored together with the generation they were rendered under, and served only
while it is still current, so a change made by any process invalidates every page on every
process at once without deleting anything.

Time changes pages too: a scheduled article becomes public when its publish time comes. Next to
the generation the cache keeps the earliest such moment ("next due"), tagged with the generation
it was computed under; a request that finds the moment passed bumps the generation. No cron job.
Each cached page also keeps the moment it was valid until, so a lost or evicted "next due" can
never keep a page alive past its time.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

from django.apps import apps
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from starcity_site.publishing import Publishable

GENERATION_KEY = "content:generation"
NEXT_DUE_KEY = "content:next-due"
NOTHING_DUE = math.inf

DueSource = Callable[[datetime], "datetime | None"]
_due_sources: list[DueSource] = []


def register_due_source(source: DueSource) -> DueSource:
    """Add a function ``source(now) -> the next future moment public pages change, or None``.

    Scheduled publishing is built in; anything else whose visibility follows the clock (an
    episode's air time deciding what counts as a spoiler, say) registers itself here.
    """
    _due_sources.append(source)
    return source


@register_due_source
def _next_scheduled_publication(now: datetime) -> datetime | None:
    times = [
        model._default_manager.filter(status="published", published_at__gt=now).aggregate(t=Min("published_at"))["t"]
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    return min((t for t in times if t is not None), default=None)


def bump() -> int | None:
    """Start a new generation; every page cached so far stops being served. None: no cache."""
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:
        # The key is gone (evicted, cache restarted): start again from one that never matches.
        return _create()


def _create() -> int | None:
    # Microseconds since the epoch: larger than any generation reached by incr before a reset
    # (that would take a million edits a second), so an old page can never match again.
    initial = time.time_ns() // 1000
    if cache.add(GENERATION_KEY, initial, timeout=None):
        return initial
    return cache.get(GENERATION_KEY)


class State(NamedTuple):
    generation: int | None  # None: the cache is unavailable; render without caching
    due: float  # pages rendered now stay valid until this moment (epoch seconds), at most
    found: dict  # the values of the extra keys asked for


def current(extra_keys: Iterable[str] = ()) -> State:
    """The current generation, after applying any due time change, and ``extra_keys``' values.

    One cache round trip when nothing is due; a query only right after a bump (to find the
    next due moment), and a bump when that moment has passed.
    """
    found = cache.get_many([GENERATION_KEY, NEXT_DUE_KEY, *extra_keys])
    generation = found.pop(GENERATION_KEY, None)
    due = found.pop(NEXT_DUE_KEY, None)
    if generation is None:
        generation = _create()
        return State(generation, _refresh_due(generation), {})
    if due is None or due[0] != generation:
        due = (generation, _refresh_due(generation))
    if due[1] <= time.time():
        generation = bump()
        return State(generation, _refresh_due(generation), {})
    return State(generation, due[1], found)


def _refresh_due(generation: int | None) -> float:
    if generation is None:
        return NOTHING_DUE  # nothing will be stored, so no need to ask the database
    due = _next_due_timestamp()
    cache.set(NEXT_DUE_KEY, (generation, due), timeout=None)
    return due


def _next_due_timestamp() -> float:
    now = timezone.now()
    moments = [moment for source in _due_sources if (moment := source(now)) is not None]
    return min(moments).timestamp() if moments else NOTHING_DUE
