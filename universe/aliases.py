"""Aliases: "Korolev", "Korolyov" and "Королёв" are one name to a reader, so one to search.

``expand`` turns a search query into every spelling the editors recorded for any alias group the
query mentions, so a plain ``icontains`` or full-text search per variant finds the thing under
whichever spelling the text happens to use. Names are compared by their ``spelling.normalize`` key.
"""

from __future__ import annotations

from django.db import DatabaseError

from universe.models import Alias
from universe.spelling import normalize

MIN_PARTIAL = 4


def expand(query: str) -> list[str]:
    """The query, then every spelling of every alias group one of whose aliases the query contains
    (or, for a query of at least MIN_PARTIAL letters, that contains the query).

    Matching is on whole words of the normalised texts ("kgb" in "kgb officer", not in "kgbx").
    Each group gives its target's own name first, then its aliases. Never raises for a missing
    or empty alias table: the query alone comes back.
    """
    variants = [query]
    key = f" {normalize(query)} "
    if key.strip():
        seen = {query.casefold()}
        # A query of a few letters also matches an alias it is a whole-word part of:
        # "Zvyozdny" finds the group of "Zvyozdny gorodok".
        partial = len(key.strip()) >= MIN_PARTIAL
        for keys, forms in _groups():
            if any(f" {alias} " in key or (partial and key in f" {alias} ") for alias in keys):
                for form in forms:
                    if form.casefold() not in seen:
                        seen.add(form.casefold())
                        variants.append(form)
    return variants


def _groups() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Alias groups as (normalised aliases, spellings incl. the target's own name), read in one query."""
    try:
        # Outside a transaction (requests are not atomic), so a missing table cannot poison one.
        rows = list(
            Alias.objects.with_target_name().values_list(
                "content_type_id", "object_id", "text", "normalized", "target_name"
            )
        )
    except DatabaseError:
        return []
    grouped: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    for content_type_id, object_id, text, normalized, target_name in rows:
        keys, forms = grouped.setdefault((content_type_id, object_id), ([], []))
        if target_name and not forms:
            keys.append(normalize(target_name))
            forms.append(target_name)
        keys.append(normalized)
        forms.append(text)
    return [(tuple(k for k in keys if k), tuple(forms)) for keys, forms in grouped.values()]
