"""The content generation: a number in the database that every content change increases.

Pages are cached with the generation they were rendered under and served only while it is still
the database's, so a change made through any process hides every older page on every process at
the next request, whatever the cache did meanwhile (cut off, restarted with its data kept, or
emptied). The increase is an UPDATE in the change's own transaction: it commits with the change
or rolls back with it, and no reader sees one without the other.

Time changes pages too: a scheduled article becomes public when its publish time comes, an
episode airs. The same row keeps the next such moment ("next due"); the first request after a
change works it out, and a request that finds it passed starts a new generation. No cron job.
"""

from __future__ import annotations

import datetime
import math
import time
from collections.abc import Callable

from django.apps import apps
from django.db import connection
from django.db.models import F, Min
from django.utils import timezone

from starcity_site.models import ContentGeneration
from starcity_site.publishing import Publishable, Status

ROW = 1
NOTHING_DUE = 2**62  # seconds since the epoch: never

DueSource = Callable[[datetime.datetime], "datetime.datetime | None"]
_due_sources: list[DueSource] = []


def register_due_source(source: DueSource) -> DueSource:
    """Add a function ``source(now) -> the next future moment public pages change, or None``.

    Scheduled publishing is built in; anything else whose visibility follows the clock (an
    episode's air time deciding what counts as a spoiler) registers itself here.
    """
    _due_sources.append(source)
    return source


@register_due_source
def _next_scheduled_publication(now: datetime.datetime) -> datetime.datetime | None:
    times = [
        model._default_manager.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(t=Min("published_at"))[
            "t"
        ]
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    return min((t for t in times if t is not None), default=None)


def bump(using: str | None = None) -> None:
    """Start a new generation: every page cached so far stops being served."""
    rows = ContentGeneration.objects.using(using)
    if not rows.filter(pk=ROW).update(number=F("number") + 1, next_due=None):
        rows.get_or_create(pk=ROW)


def current() -> int:
    """The database's generation, after starting a new one if its next due moment has passed.

    One small query; a few more only on the first request after a change (to work out the next
    due moment) and when that moment has passed. Raises ``DatabaseError`` when the database
    cannot answer.
    """
    for _attempt in range(3):
        row = _read()
        if row is None:
            ContentGeneration.objects.get_or_create(pk=ROW)
            continue
        number, due = row
        if due is not None and due > time.time():
            return number  # a hit's path: no queryset to build
        unchanged = ContentGeneration.objects.filter(pk=ROW, number=number)
        if due is None:
            due = _next_due()
            # Only if no change came meanwhile: a change's generation works out its own.
            unchanged.update(next_due=due)
            if due > time.time():
                return number
        # Many processes may find it passed at once: the first one's UPDATE wins, the rest re-read.
        unchanged.update(number=F("number") + 1, next_due=None)
    return number


def _read() -> tuple[int, int | None] | None:
    # Every page cache hit runs this: one fixed statement through Django's cursor costs a fifth of
    # the CPU of the same query built by the ORM.
    with connection.cursor() as cursor:
        cursor.execute("SELECT number, next_due FROM starcity_site_contentgeneration WHERE id = %s", [ROW])
        return cursor.fetchone()


def _next_due() -> int:
    now = timezone.now()
    moments = [moment for source in _due_sources if (moment := source(now)) is not None]
    # Rounded up: at the stored second the moment has certainly come.
    return math.ceil(min(moments).timestamp()) if moments else NOTHING_DUE
