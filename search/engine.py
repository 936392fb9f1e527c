"""Searching published articles, people, characters and shows.

Two engines behind one interface, chosen by the database:

- PostgreSQL: full-text search. A weighted ``SearchVector`` (title/name A, standfirst/short bio
  B, body/description C) is matched against the OR of one prefix ``SearchQuery`` per alias form,
  ranked with ``SearchRank`` and highlighted with ``SearchHeadline``. The "simple" configuration
  is used on purpose: names must not be stemmed ("Ifans" is not "ifan"). Articles, people and
  characters read the vectors from stored, GIN-indexed columns that a trigger keeps current
  (a character's counterpart, in another table, is added in the query).
- SQLite: every word of some alias form must occur (``icontains``) in one of the same fields;
  results are ordered by the best field that matched (A before B before C), then by the usual
  order. Highlighting is done in Python (``search.highlight``).

Places, glossary terms and historical figures make one more group, in one query
(``search.glossary``). Articles come from ``Article.objects.published()`` only, so drafts and scheduled articles are
never found. Each group is one query (articles: a count and a page), whatever the data size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat

from news.models import Article
from people.models import Character, Person
from search import glossary, highlight
from search.query import ParsedQuery
from shows.models import Show
from spoilers.progress import Progress
from starcity_site.reading import apply_progress

CONFIG = "simple"
ARTICLES_PER_PAGE = 10
GROUP_LIMIT = 12


@dataclass(frozen=True)
class Kind:
    """One searchable type: its fields by weight and how its rows are fetched."""

    key: str
    label: str
    a: str
    b: str
    c: tuple[str, ...]
    b_is_html: bool = False
    c_is_html: bool = False
    # Rows that spoil an episode the reader has not seen match only on the spoiler-free fields.
    spoiler_field: str | None = None
    safe_fields: tuple[str, ...] = ()
    # PostgreSQL: stored tsvector columns holding the same vectors, kept by a trigger (news
    # migration 0004, people migrations 0004 and 0005), so a search does not parse every row's text again.
    stored_vector: str | None = None
    stored_safe_vector: str | None = None
    # False: the stored vector holds the A and B fields only (C is another table's, e.g. a
    # character's counterpart) and the query adds the C part.
    stored_vector_has_c: bool = True

    @property
    def fields(self) -> list[str]:
        return [self.a, self.b, *self.c]

    def default_order(self) -> list[str]:
        return [*self.queryset().model._meta.ordering, "pk"]

    def queryset(self):
        if self.key == "articles":
            return Article.objects.published().select_related("category")
        if self.key == "people":
            return Person.objects.all()
        if self.key == "characters":
            return Character.objects.select_related("show", "counterpart")
        return Show.objects.all()


# Places, glossary terms and historical figures: one group, one query (search.glossary).
GLOSSARY = Kind("glossary", "Glossary & history", "", "", ())

KINDS = [
    Kind(
        "articles",
        "News",
        "title",
        "standfirst",
        ("body",),
        c_is_html=True,
        spoiler_field="spoils_episode",
        safe_fields=("safe_title", "safe_standfirst"),
        stored_vector="search_vector",
        stored_safe_vector="safe_search_vector",
    ),
    Kind("people", "People", "name", "short_bio", ("bio", "known_for"), c_is_html=True, stored_vector="search_vector"),
    Kind(
        "characters",
        "Characters",
        "name",
        "description",
        ("counterpart__name",),  # "Korolev" finds the Chief Designer
        b_is_html=True,
        spoiler_field="description_spoils_episode",
        safe_fields=("name", "counterpart__name"),
        stored_vector="search_vector",
        stored_vector_has_c=False,
    ),
    Kind("shows", "Shows", "title", "tagline", ("synopsis",), c_is_html=True),
]


@dataclass
class Hit:
    obj: object
    title: str  # safe HTML
    snippet: str  # safe HTML


@dataclass
class Group:
    kind: Kind
    hits: list[Hit]
    page: object | None = None  # a Paginator page, for articles


def field_value(obj, path: str) -> str:
    """``obj.counterpart.name`` for "counterpart__name"; "" when a relation on the way is empty."""
    for name in path.split("__"):
        obj = getattr(obj, name, None) if obj is not None else None
    return obj or ""


def engine_for_connection() -> PostgresEngine | SimpleEngine:
    return PostgresEngine() if connection.vendor == "postgresql" else SimpleEngine()


def search(query: ParsedQuery, progress: Progress, page_number: str | None = None) -> list[Group]:
    """Groups of hits for ``query``, spoiler-safe for a reader at ``progress`` (spoilers app)."""
    engine = engine_for_connection()
    if not query.terms:
        return [Group(kind, []) for kind in KINDS]
    groups = []
    for kind in KINDS:
        qs = engine.matching(kind, query, progress)
        if kind.key == "articles":
            page = Paginator(qs, ARTICLES_PER_PAGE).get_page(page_number)
            groups.append(
                Group(kind, hits(engine, kind, apply_progress(list(page.object_list), progress), query), page)
            )
            if page.number > 1:
                break  # later pages page through news only; the other groups are on page 1
        else:
            groups.append(Group(kind, hits(engine, kind, apply_progress(list(qs[:GROUP_LIMIT]), progress), query)))
    else:
        glossary_group = Group(GLOSSARY, engine.glossary(query))
        # "N1", "KGB", "Zvyozdny gorodok": when the best entry is named by the query itself, it
        # answers the question, so it leads; otherwise the entries follow the news.
        if glossary_group.hits and "<mark>" in glossary_group.hits[0].title:
            groups.insert(0, glossary_group)
        else:
            groups.append(glossary_group)
    return groups


def hits(engine, kind: Kind, objects: list, query: ParsedQuery) -> list[Hit]:
    """Highlighted hits; a masked row shows only its spoiler-free text, highlighted in Python."""
    found = []
    for obj in objects:
        if kind.key == "articles" and obj.is_masked:
            words = query.highlights
            found.append(
                Hit(obj, highlight.mark(obj.display_title, words), highlight.snippet(obj.display_standfirst, words))
            )
        elif kind.key == "characters" and obj.description_masked:
            found.append(Hit(obj, highlight.mark(obj.name, query.highlights), ""))
        else:
            found.append(engine.hit(kind, obj, query))
    return found


class PostgresEngine:
    def tsquery(self, query: ParsedQuery) -> SearchQuery:
        # Words are \w+ runs, so quoting them makes a raw tsquery that cannot be malformed.
        # The reader's words are prefixes (":*"), like the SQLite engine's substring match;
        # an alias phrase is its words in a row ("<->").
        forms = [
            SearchQuery(
                " <-> ".join(f"'{word}'" for word in term.words)
                if term.phrase
                else " & ".join(f"'{word}':*" for word in term.words),
                search_type="raw",
                config=CONFIG,
            )
            for term in query.terms
        ]
        return reduce(or_, forms)

    @staticmethod
    def vector(kind: Kind) -> SearchVector:
        vector = SearchVector(kind.a, weight="A", config=CONFIG) + SearchVector(kind.b, weight="B", config=CONFIG)
        if kind.c:
            vector += SearchVector(*kind.c, weight="C", config=CONFIG)
        return vector

    @staticmethod
    def safe_vector(kind: Kind) -> SearchVector:
        return SearchVector(*kind.safe_fields, config=CONFIG)

    @staticmethod
    def stored_vector(kind: Kind) -> F | Func:
        if kind.stored_vector_has_c:
            return F(kind.stored_vector)
        # tsvector || tsvector, as SearchVector's own "+" compiles: the C part shifted after A and B.
        c_part = SearchVector(*kind.c, weight="C", config=CONFIG)
        return Func(
            F(kind.stored_vector),
            c_part,
            template="(%(expressions)s)",
            arg_joiner=" || ",
            output_field=SearchVectorField(),
        )

    def matching(self, kind: Kind, query: ParsedQuery, progress: Progress):
        vector = self.stored_vector(kind) if kind.stored_vector else self.vector(kind)
        safe_vector = F(kind.stored_safe_vector) if kind.stored_safe_vector else self.safe_vector(kind)
        tsquery = self.tsquery(query)
        headline = {
            "config": CONFIG,
            "start_sel": highlight.START,
            "stop_sel": highlight.STOP,
            "max_words": 30,
            "min_words": 12,
            "max_fragments": 2,
            "fragment_delimiter": " … ",
        }
        # B fields come back whole (HighlightAll; fragment mode would drop anything tag-like in
        # plain text, e.g. a literal "<b>"), and Python drops the tags of rich text and cuts the window.
        excerpts = {
            "b_hl": SearchHeadline(
                kind.b, tsquery, config=CONFIG, start_sel=highlight.START, stop_sel=highlight.STOP, highlight_all=True
            )
        }
        if kind.c:
            parts = [kind.c[0]]
            for field in kind.c[1:]:
                parts += [Value(" "), field]
            source = Concat(*parts, output_field=TextField()) if len(parts) > 1 else parts[0]
            excerpts["c_hl"] = SearchHeadline(source, tsquery, **headline)
        return (
            kind.queryset()
            # alias, not annotate: the vectors are matched inside the database, never sent back
            # (a stored article vector is the size of its body, parsed into a string per row).
            .alias(search=vector, **({"safe_search": safe_vector} if kind.spoiler_field else {}))
            .annotate(
                rank=SearchRank(vector, tsquery),
                title_hl=SearchHeadline(
                    kind.a,
                    tsquery,
                    config=CONFIG,
                    start_sel=highlight.START,
                    stop_sel=highlight.STOP,
                    highlight_all=True,
                ),
                **excerpts,
            )
            .filter(
                progress.search_filter(Q(search=tsquery), Q(safe_search=tsquery), field=kind.spoiler_field)
                if kind.spoiler_field
                else Q(search=tsquery)
            )
            .order_by("-rank", *kind.default_order())
        )

    def glossary(self, query: ParsedQuery) -> list[Hit]:
        needles = query.highlights if any(term.phrase for term in query.terms) else None
        return [
            Hit(obj, *glossary.postgres_hit(obj, needles))
            for obj in glossary.postgres_matches(self.tsquery(query), CONFIG)
        ]

    def hit(self, kind: Kind, obj, query: ParsedQuery) -> Hit:
        # The excerpt comes from the B field when it matched, else from the C fields (rich text
        # has its tags dropped before escaping).
        b_hl, c_hl = obj.b_hl or "", getattr(obj, "c_hl", "") or ""
        needles = query.highlights if any(term.phrase for term in query.terms) else None
        use_c = not b_hl or (highlight.has_match(c_hl, needles) and not highlight.has_match(b_hl, needles))
        if use_c:
            excerpt = highlight.from_sentinels(c_hl, html_source=kind.c_is_html, needles=needles)
        else:
            excerpt = highlight.from_sentinels(
                b_hl, html_source=kind.b_is_html, length=highlight.SNIPPET_LENGTH, needles=needles
            )
        return Hit(obj, highlight.from_sentinels(obj.title_hl, needles=needles), excerpt)


class SimpleEngine:
    @staticmethod
    def variants(word: str) -> set[str]:
        # SQLite's LIKE folds case for ASCII only: try the usual casings of other scripts.
        if word.isascii():
            return {word}
        return {word, word.lower(), word.upper(), word.capitalize()}

    def field_match(self, fields: list[str], query: ParsedQuery) -> Q:
        """One of ``fields`` holds an alias phrase, or every word of the reader's query."""
        per_term = []
        for term in query.terms:
            needles = [term.form] if term.phrase else term.words
            per_needle = [
                reduce(or_, (Q(**{f"{field}__icontains": v}) for field in fields for v in self.variants(needle)))
                for needle in needles
            ]
            per_term.append(reduce(and_, per_needle))
        return reduce(or_, per_term)

    def matching(self, kind: Kind, query: ParsedQuery, progress: Progress):
        score = Case(
            When(self.field_match([kind.a], query), then=Value(3)),
            When(self.field_match([kind.b], query), then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
        condition = self.field_match(kind.fields, query)
        if kind.spoiler_field:
            safe = self.field_match(list(kind.safe_fields), query)
            condition = progress.search_filter(condition, safe, field=kind.spoiler_field)
        return kind.queryset().filter(condition).annotate(score=score).order_by("-score", *kind.default_order())

    def glossary(self, query: ParsedQuery) -> list[Hit]:
        objects = glossary.simple_matches(lambda fields: self.field_match(fields, query))
        return [Hit(obj, *glossary.simple_hit(obj, query)) for obj in objects]

    def hit(self, kind: Kind, obj, query: ParsedQuery) -> Hit:
        words = query.highlights
        title = getattr(obj, kind.a)
        rest = [field_value(obj, field) for field in kind.c]
        if kind.c_is_html:
            rest = [highlight.plain_text(value) for value in rest]
        b = getattr(obj, kind.b)
        excerpt = " ".join(part for part in [highlight.plain_text(b) if kind.b_is_html else b, *rest] if part)
        return Hit(obj, highlight.mark(title, words), highlight.snippet(excerpt, words))
