"""Which version of a public page a request gets, as part of the page cache key.

Every cookie-free anonymous request for a URL gets the same page today, so this returns "".
When a page starts to depend on something about the reader (issue 9: spoiler progress), return
a short *normalised* token for it here (e.g. "s1e4" or "all"), never a raw cookie value: the
key must take a handful of values, and a garbage cookie must map to the safe default's token.
Responses that differ by it should also say ``Vary: Cookie`` for shared caches.
"""

from __future__ import annotations

from django.http import HttpRequest


def cache_variant(request: HttpRequest) -> str:
    return ""
