"""Safe highlighting: matches wrapped in <mark>, everything else escaped.

Matching is done on a folded copy of the text (casefolded, accents and diaeresis removed, so
"korolev" marks "Королёв"'s Latin cousin "Korolëv" and "ё" matches "е") that keeps, for each
folded character, the position of the original character it came from. The output is built
from the original text piece by piece: every piece is escaped and only the <mark> tags we add
are markup, so a title containing ``<script>`` is shown as text.

PostgreSQL's ts_headline marks matches with private-use sentinels instead of tags;
``from_sentinels`` escapes its output the same way and only then turns the sentinels into tags.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from starcity_site import rich_fields

START, STOP = "\ue000", "\ue001"
SNIPPET_LENGTH = 180


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of its source character."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        folded.append(base)
        origin.extend([index] * len(base))
    return "".join(folded), origin


def match_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``text`` where any of ``words`` occurs."""
    needles = sorted({fold(w)[0] for w in words if w}, key=len, reverse=True)
    needles = [n for n in needles if n]
    if not needles or not text:
        return []
    folded, origin = fold(text)
    # At the start of a word only, as PostgreSQL's prefix match: "the" never marks "rather".
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in needles) + ")")
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return spans


def mark(text: str, words: Iterable[str]) -> SafeString:
    out: list[str] = []
    position = 0
    for start, end in match_spans(text, words):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 — every piece above is escaped


def plain_text(value: str) -> str:
    """Readable text from stored HTML (article bodies, synopses…): tags dropped, entities decoded."""
    return rich_fields.plain_text(value)


def window(text: str, first: int, length: int = SNIPPET_LENGTH) -> tuple[str, str, str]:
    """(prefix, part, suffix): about ``length`` characters of ``text`` around index ``first``,
    cut at spaces, with "… " / " …" saying where something was left out."""
    if len(text) <= length:
        return "", text, ""
    start = max(0, min(first - length // 3, len(text) - length))
    if start > 0:
        start = text.find(" ", start) + 1 or start
    end = text.rfind(" ", start, start + length)
    end = end if end > start else start + length
    return ("… " if start > 0 else ""), text[start:end], (" …" if end < len(text) else "")


def snippet(text: str, words: Iterable[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """A window of ``text`` around its first match (or its start), highlighted."""
    words = list(words)
    text = " ".join((text or "").split())
    spans = match_spans(text, words)
    prefix, part, suffix = window(text, spans[0][0] if spans else 0, length)
    return mark_safe(escape(prefix) + mark(part, words) + escape(suffix))  # noqa: S308


def has_match(headline: str, needles: list[str] | None = None) -> bool:
    """Whether a ts_headline result marks a match (by its sentinels, or by ``needles``)."""
    if needles is None:
        return START in headline
    return bool(match_spans(headline.replace(START, "").replace(STOP, ""), needles))


def from_sentinels(
    value: str | None, *, html_source: bool = False, length: int | None = None, needles: list[str] | None = None
) -> SafeString:
    """Escape a ts_headline result, then turn its sentinels into <mark> tags.

    ``html_source``: the headline was cut from stored HTML, so tags are dropped and entities
    decoded first (then everything is escaped again, so nothing of the source stays markup).
    ``length``: a whole field came back (HighlightAll); keep a window around the first match.
    ``needles``: re-mark in Python instead. ts_headline marks every query word wherever it
    occurs, so for an alias phrase ("The Chief Designer") it would mark each lone "the".
    """
    text = value or ""
    if html_source:
        text = plain_text(text)
    text = " ".join(text.split())
    # ts_headline marks a phrase word by word: one <mark> for "the Chief Designer" reads better.
    text = re.sub(f"{STOP}( +){START}", r"\1", text)
    if length is not None:
        first = text.find(START)
        prefix, part, suffix = window(text, max(first, 0), length)
        text = prefix + part + suffix
    if needles is not None:
        return mark(text.replace(START, "").replace(STOP, ""), needles)
    text = escape(text)
    # Unbalanced sentinels (a fragment cut mid-match) must not leave an open <mark>.
    parts = re.split(f"({START}|{STOP})", text)
    out, open_mark = [], False
    for part in parts:
        if part == START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif part == STOP and open_mark:
            out.append("</mark>")
            open_mark = False
        elif part not in (START, STOP):
            out.append(part)
    if open_mark:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 — escaped above; only our own tags added
