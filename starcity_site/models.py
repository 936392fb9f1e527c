"""The project's own table: the page cache's content generation (``starcity_site.caching``)."""

import time

from django.db import models


def first_number() -> int:
    """Microseconds since the epoch: a new or restored database starts above any number an older
    one reached, so pages a shared cache kept from it can never match again."""
    return time.time_ns() // 1000


class ContentGeneration(models.Model):
    """One row. ``number`` grows with every content change, in the change's own transaction;
    ``next_due`` is the next moment time alone changes a public page, in whole seconds since the
    epoch (a plain number reads the same from every database; empty: not yet worked out since the
    last change)."""

    number = models.BigIntegerField(default=first_number)
    next_due = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"content generation {self.number}"
