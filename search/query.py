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
    def terms(self) -> list[Term]:
        """What to match: the reader's own words (each a prefix, all required), then each alias
        form as a phrase ("The Chief Designer" must appear as such, not "the" anywhere)."""
        found = []
        for position, form in enumerate(self.forms):
            words = _WORD.findall(form)[:MAX_WORDS]
            if words:
                found.append(Term(form, words, phrase=position > 0 and len(words) > 1))
        return found

    @property
    def highlights(self) -> list[str]:
        """Needles for highlighting: the reader's words, and alias forms whole."""
        needles: set[str] = set()
        for term in self.terms:
            needles.update([term.form] if term.phrase else term.words)
        return sorted(needles, key=len, reverse=True)


@dataclass(frozen=True)
class Term:
    form: str
    words: list[str]
    phrase: bool


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
