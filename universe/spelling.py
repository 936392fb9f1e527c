"""Spelling keys: "Korolev", "Korolyov" and "Королёв" fold to one comparable key.

Plain text functions with no Django in them: the ``Alias`` model stores each alias's key, and
``universe.aliases`` folds search queries the same way.
"""

from __future__ import annotations

import re
import unicodedata

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


def normalize(text: str) -> str:
    """A comparison key: lower case, no diacritics, Cyrillic romanised, variants folded, one space between words."""
    text = text.casefold().translate(CYRILLIC_TO_LATIN)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    for old, new in LATIN_FOLDS:
        text = text.replace(old, new)
    text = REPEATS.sub(r"\1", text)
    return " ".join(NOT_WORD.sub(" ", text).split())
