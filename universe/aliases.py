"""Aliases: "Korolev", "Korolyov" and "Королёв" are one name to a reader, so one to search.

``normalize`` folds a name to a comparable key (case, diacritics, Cyrillic script and the usual
romanisation variants); ``expand`` turns a search query into every spelling the editors recorded
for any alias group the query mentions, so a plain ``icontains`` or full-text search per variant
finds the thing under whichever spelling the text happens to use.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import DatabaseError

# Letters first (before NFKD would turn й into и and ё into е): one Latin rendering each, chosen
# so that the later Latin-side folds make the common romanisations meet (Королёв, Korolyov and
# Korolev all fold to "korolev"; Звёздный and Zvyozdny to "zvezdni").
CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "і": "i", "ї": "i", "є": "ye", "ґ": "g", "ў": "u",
    }
)  # fmt: skip

# Romanisation variants folded on the Latin side, in this order: ё is written "yo" (Korolyov) or
# "e" (Korolev); е after a vowel "ye" or "e"; x is "ks"; й/ы are "y", "i" or "j"-less "i".
LATIN_FOLDS = (("yo", "e"), ("ye", "e"), ("x", "ks"), ("y", "i"))
NOT_WORD = re.compile(r"[^\w]+")
REPEATS = re.compile(r"(\w)\1+")  # "Lyudmilla" / "Lyudmila", "-yy" / "-y"

CACHE_KEY = "universe:alias-groups"
MIN_PARTIAL = 4


def normalize(text: str) -> str:
    """A comparison key: lower case, no diacritics, Cyrillic romanised, variants folded, one space between words."""
    text = text.casefold().translate(CYRILLIC_TO_LATIN)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    for old, new in LATIN_FOLDS:
        text = text.replace(old, new)
    text = REPEATS.sub(r"\1", text)
    return " ".join(NOT_WORD.sub(" ", text).split())


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
    """Alias groups as (normalised aliases, spellings incl. the target's own name), cached per content generation."""
    from starcity_site.caching import memoised

    return memoised(CACHE_KEY, _load_groups)


def _load_groups() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    from universe.models import Alias

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
