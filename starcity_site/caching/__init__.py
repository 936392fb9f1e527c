"""Caching of public pages: invalidated on every content change, on every process at once.

- ``middleware.PageCacheMiddleware``: the page cache and the Cache-Control policy.
- ``generation``: the shared content generation and the "next due" moment of scheduled content.
- ``local.LocalPages``: each process's copies of the pages it served last, checked against the
  generation on every use.
- ``invalidation``: the signals that bump the generation; ``content_changed()`` for code that
  changes content without model signals (``QuerySet.update()``, ``bulk_create``).
- ``variant.cache_variant``: which version of a page a request gets (issue 9 fills it in).

See docs/performance.md.
"""

from starcity_site.caching.generation import register_due_source
from starcity_site.caching.invalidation import content_changed
from starcity_site.caching.variant import cache_variant

__all__ = ["cache_variant", "content_changed", "register_due_source"]
