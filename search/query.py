"""Turning whatever arrives in ``?q=`` into a safe, bounded search, and its alias forms.

Anything may arrive: NUL bytes (PostgreSQL refuses them in a string), bidi and zero-width
marks, undecodable bytes (Django hands those over as U+FFFD), 2,000 characters of noise. The
query is cleaned to printable text and cut to ``MAX_LENGTH``; the number of alias forms and of
words per form are capped too, so the SQL stays small whatever is typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LENGTH = 200
MAX_FORMS = 12
MAX_WORDS = 8
# Control, format (bidi/zero-width marks), surrogate, private-use and unassigned code points.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ParsedQuery:
    text: str = ""
    truncated: bool = False
    forms: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def words(self) -> list[list[str]]:
        """Per alias form, its words (at most MAX_WORDS); forms without a word are left out."""
        found = (_WORD.findall(form)[:MAX_WORDS] for form in self.forms)
        return [words for words in found if words]

    @property
    def all_words(self) -> list[str]:
        return sorted({w for words in self.words for w in words}, key=len, reverse=True)


def clean(raw: str | None) -> tuple[str, bool]:
    """Printable, NFC-normalised, single-spaced text of at most MAX_LENGTH characters."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if ch.isspace() else ch for ch in text if unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    text = " ".join(text.split())
    if len(text) <= MAX_LENGTH:
        return text, False
    return text[:MAX_LENGTH].rstrip(), True


def expand(text: str) -> list[str]:
    """The query and its alias forms (Korolyov → Korolev, Королёв…), without duplicates.

    ``universe.aliases`` is imported lazily: search works, without aliases, before (or
    without) the universe app.
    """
    try:
        from universe.aliases import expand as expand_aliases
    except ImportError:
        return [text]
    forms: list[str] = []
    seen: set[str] = set()
    for form in [text, *expand_aliases(text)]:
        cleaned, _ = clean(str(form))
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            forms.append(cleaned)
    return forms[:MAX_FORMS]


def parse(raw: str | None) -> ParsedQuery:
    text, truncated = clean(raw)
    if not text:
        return ParsedQuery()
    return ParsedQuery(text=text, truncated=truncated, forms=expand(text))
