"""The project's own table: the page cache's content generation (``starcity_site.caching``)."""

from django.db import models


class ContentGeneration(models.Model):
    """One row. ``number`` grows with every content change, in the change's own transaction;
    ``next_due`` is the next moment time alone changes a public page, in whole seconds since the
    epoch (a plain number reads the same from every database; empty: not yet worked out since the
    last change)."""

    number = models.BigIntegerField(default=1)
    next_due = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"content generation {self.number}"
