"""Which version of a public page a request gets, as part of the page cache key.

A page may depend on something about the reader: issue 9's spoiler progress, from a cookie. The
app that knows registers a function ``fn(request) -> str`` with ``register_variant`` (as
``spoilers`` does in its ``ready()``), because ``starcity_site`` imports no app. Each function
must return a short *normalised* token (``"d"``, ``"a"``, ``"star-city:s1e4"``) worked out from
the request alone — no query, no cache read: it runs on every cache hit — and never a raw
cookie value, so the key takes a handful of values and a garbage cookie maps to the safe
default's token. Responses that differ by it say ``Vary: Cookie`` for shared caches.

With nothing registered, every cookie-free anonymous request for a URL gets the same page: "".
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

Variant = Callable[[HttpRequest], str]
_variants: list[Variant] = []


def register_variant(fn: Variant) -> Variant:
    if fn not in _variants:
        _variants.append(fn)
    return fn


def cache_variant(request: HttpRequest) -> str:
    return ".".join(fn(request) for fn in _variants)
