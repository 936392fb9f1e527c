"""Caching of public pages, invalidated on every content change, on every process at once.

- ``policy``: what is cached, for how long, which variant, for whom (read this first).
- ``generation``: the content generation kept in the database, the "next due" moment of
  scheduled content.
- ``invalidation``: the signals that start a new generation; ``content_changed()`` for code that
  changes content without model signals (``QuerySet.update()``, ``bulk_create``).

See docs/performance.md.
"""

from starcity_site.caching.generation import register_due_source
from starcity_site.caching.invalidation import content_changed

__all__ = ["content_changed", "register_due_source"]
