"""The "Glossary & history" search group: places, glossary terms and historical figures.

Three small tables, searched in **one** query (a UNION of the three, ranked together) so the
search page keeps its fixed query count. Each row matches on its name (weight A) or its text
(description, definition or role; weight B), through the same engines as the other groups, and
by any alias, since ``search.query`` has already expanded "Zvyozdny gorodok" to "Star City".
Nothing here is tied to an episode, so no row needs spoiler masking.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchRank, SearchVector
from django.db.models import Case, F, IntegerField, TextField, Value, When
from django.db.models.functions import Coalesce

from search import highlight
from search.query import ParsedQuery
from universe.models import GlossaryTerm, HistoricalFigure, Place

LIMIT = 12


@dataclass(frozen=True)
class Source:
    model: type
    label: str  # shown under each hit
    name: str
    text: str


SOURCES = [
    Source(Place, "Place", "name", "description"),
    Source(GlossaryTerm, "Glossary term", "term", "definition"),
    Source(HistoricalFigure, "Real history", "name", "role"),
]


def _rows(source: Source, index: int):
    # No ORDER BY inside a UNION's parts (SQLite refuses it): the union is ordered as a whole.
    return source.model.objects.order_by().annotate(
        r_source=Value(index),
        r_name=F(source.name),
        r_text=Coalesce(F(source.text), Value(""), output_field=TextField()),
    )


def _objects(rows) -> list:
    """Unsaved-looking instances carrying what a hit shows; their own get_absolute_url works."""
    found = []
    for row in rows:
        source = SOURCES[row["r_source"]]
        obj = source.model(pk=row["pk"], slug=row["slug"], **{source.name: row["r_name"]})
        obj.search_label = source.label
        obj.search_row = row
        found.append(obj)
    return found


def postgres_matches(tsquery, config: str) -> list:
    highlight_all = {"config": config, "start_sel": highlight.START, "stop_sel": highlight.STOP, "highlight_all": True}
    vector = SearchVector("r_name", weight="A", config=config) + SearchVector("r_text", weight="B", config=config)
    parts = []
    for index, source in enumerate(SOURCES):
        parts.append(
            _rows(source, index)
            .annotate(
                search=vector,
                rank=SearchRank(vector, tsquery),
                title_hl=SearchHeadline("r_name", tsquery, **highlight_all),
                text_hl=SearchHeadline("r_text", tsquery, **highlight_all),
            )
            .filter(search=tsquery)
            .values("pk", "slug", "r_source", "r_name", "rank", "title_hl", "text_hl")
        )
    union = parts[0].union(*parts[1:], all=True).order_by("-rank", "r_name")
    return _objects(union[:LIMIT])


def simple_matches(field_match) -> list:
    """SQLite: ``field_match(fields)`` is the SimpleEngine's Q for the reader's query on those fields."""
    score = Case(When(field_match(["r_name"]), then=Value(2)), default=Value(1), output_field=IntegerField())
    parts = [
        _rows(source, index)
        .filter(field_match(["r_name", "r_text"]))
        .annotate(score=score)
        .values("pk", "slug", "r_source", "r_name", "r_text", "score")
        for index, source in enumerate(SOURCES)
    ]
    union = parts[0].union(*parts[1:], all=True).order_by("-score", "r_name")
    return _objects(union[:LIMIT])


def postgres_hit(obj, needles) -> tuple[str, str]:
    row = obj.search_row
    return (
        highlight.from_sentinels(row["title_hl"], needles=needles),
        # Place descriptions and definitions are rich text (a role is plain, and has no tags to drop).
        highlight.from_sentinels(
            row["text_hl"] or "", html_source=True, length=highlight.SNIPPET_LENGTH, needles=needles
        ),
    )


def simple_hit(obj, query: ParsedQuery) -> tuple[str, str]:
    row = obj.search_row
    text = highlight.plain_text(row["r_text"])
    return highlight.mark(row["r_name"], query.highlights), highlight.snippet(text, query.highlights)
