"""The query budget (issue 8): every public page type renders in a fixed number of SQL queries,
at most ``BUDGET``, whatever the amount of data.

Each page is rendered with little data, then the same URL again after the data has grown
around it (many more articles, people, credits, episodes, events, terms and aliases, most of them
attached to the very objects the page shows). Both must cost the same number of queries, with
the page cache off, counted twice each time:

- warm: the shared cache holds the fragments every page reuses (the alias groups), as on a
  running site; this is the count the budget applies to (the reader's episode index is one
  query per request, never cached: spoilers.episodes);
- cold: the shared cache emptied first (right after a content change): the refills cost a fixed
  one or two queries more, still the same with little and with much data.

The sitemap lists every section's URLs, one query per section: its budget is that.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.models import Article, Tag
from people.models import Character, Credit, CreditKind, Person
from shows.models import Episode, Season
from starcity_site.publishing import Status
from tests import factories
from universe.models import Alias, GlossaryTerm, HistoricalFigure, Precision, TimelineEvent

BUDGET = 9
# static pages need none; news, tags, categories, shows, seasons, episodes, people, characters,
# timeline events and historical figures one each.
SITEMAP_SECTIONS_WITH_QUERIES = 10
MONTH = timezone.now() - datetime.timedelta(days=40)

# (name, URL name, kwargs, query string): every public page type, resolved by name.
PAGES = [
    ("home", "home", {}, ""),
    ("news list", "news:list", {}, ""),
    ("news list page 2", "news:list", {}, "?page=2"),
    ("archive", "news:archive", {}, ""),
    ("month", "news:month", {"year": f"{MONTH:%Y}", "month": f"{MONTH:%m}"}, ""),
    ("tag", "news:tag", {"slug": "the-tag"}, ""),
    ("category", "news:category", {"slug": "the-category"}, ""),
    ("article", "news:article", {"slug": "the-article"}, ""),
    ("rss", "news:feed_rss", {}, ""),
    ("atom", "news:feed_atom", {}, ""),
    ("tag rss", "news:tag_feed_rss", {"slug": "the-tag"}, ""),
    ("tag atom", "news:tag_feed_atom", {"slug": "the-tag"}, ""),
    ("shows", "shows:index", {}, ""),
    ("show", "shows:detail", {"slug": "star-city"}, ""),
    ("cast & crew", "people:show_cast", {"slug": "star-city"}, ""),
    ("season", "shows:season", {"slug": "star-city", "number": 1}, ""),
    ("episode", "shows:episode", {"slug": "star-city", "number": 1, "episode": 1}, ""),
    ("people index", "people:index", {}, ""),
    ("person", "people:person", {"slug": "the-person"}, ""),
    ("character", "people:character", {"slug": "the-character"}, ""),
    ("search", "search:results", {}, "?q=korolev"),
    ("search, news page 2", "search:results", {}, "?q=rocket&page=2"),
    ("timeline", "universe:timeline", {}, ""),
    ("event", "universe:event", {"slug": "the-event"}, ""),
    ("glossary", "universe:glossary", {}, ""),
    ("historical figure", "universe:figure", {"slug": "sergei-korolev"}, ""),
    ("progress settings", "spoilers:progress", {}, ""),
    ("sitemap", "sitemap", {}, ""),
]


class Site:
    """The objects every page is about, first with a little around them, then with much."""

    def __init__(self) -> None:
        now = timezone.now()
        self.show = factories.make_show(title="Star City", slug="star-city")
        season = factories.make_season(show=self.show, number=1)
        self.episode = factories.make_episode(season=season, number=1, airs_at=now - datetime.timedelta(days=30))
        factories.make_episode(season=season, number=2, airs_at=now - datetime.timedelta(days=23))
        self.figure = factories.make_historical_figure(name="Sergei Korolev", slug="sergei-korolev")
        self.person = factories.make_person(name="The Person", slug="the-person")
        self.character = factories.make_character(
            show=self.show, name="The Character", slug="the-character", counterpart=self.figure
        )
        factories.make_credit(person=self.person, show=self.show, character=self.character)
        self.tag = factories.make_tag(name="The Tag", slug="the-tag")
        self.category = factories.make_category(name="The Category", slug="the-category")
        self.article = factories.make_article(
            title="The rocket article",
            slug="the-article",
            body="<p>Korolev watched the rocket.</p>",
            category=self.category,
            tags=[self.tag],
            published_at=MONTH,
        )
        self.article.shows.add(self.show)
        self.article.people.add(self.person)
        self.event = TimelineEvent.objects.create(
            date=datetime.date(1961, 4, 12), title="The Event", slug="the-event", real_history="Flight."
        )
        self.event.shows.add(self.show)
        self.event.people.add(self.person)
        self.event.characters.add(self.character)
        self.event.figures.add(self.figure)
        self.event.articles.add(self.article)
        GlossaryTerm.objects.create(term="Baikonur", slug="baikonur", definition="A cosmodrome.")
        self._alias(self.figure, "Korolyov")
        for n in range(2):
            factories.make_article(title=f"Rocket news {n}", tags=[self.tag], category=self.category)

    @staticmethod
    def _alias(obj, text: str) -> None:
        Alias.objects.create(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, text=text)

    def grow(self) -> None:
        """Many more rows of every kind, most of them attached to the objects the pages show."""
        now = timezone.now()
        seasons = Season.objects.bulk_create(
            Season(show=self.show, number=n, era="1970s", episode_count=10) for n in (2, 3)
        )
        episodes = Episode.objects.bulk_create(
            Episode(season=season, number=n, title=f"Episode {season.number}.{n}", airs_at=now)
            for season in [self.episode.season, *seasons]
            for n in range(3 if season == self.episode.season else 1, 11)
        )
        figures = HistoricalFigure.objects.bulk_create(
            HistoricalFigure(name=f"Figure {n}", slug=f"figure-{n}", summary="Real.") for n in range(40)
        )
        people = Person.objects.bulk_create(
            Person(name=f"Person {n}", slug=f"person-{n}", short_bio="An actor.", bio="<p>Bio.</p>") for n in range(100)
        )
        characters = Character.objects.bulk_create(
            Character(
                name=f"Character {n}",
                slug=f"character-{n}",
                show=self.show,
                counterpart=figures[n % 40],
                description_spoils_episode=episodes[n % len(episodes)] if n % 3 == 0 else None,
            )
            for n in range(100)
        )
        credits = Credit.objects.bulk_create(
            [
                Credit(person=p, show=self.show, character=c, kind=CreditKind.CAST)
                for p, c in zip(people, characters, strict=True)
            ]
            + [Credit(person=self.person, show=self.show, character=c, kind=CreditKind.CAST) for c in characters[:20]]
            + [Credit(person=p, show=self.show, kind=CreditKind.DIRECTOR) for p in people[:30]]
            + [Credit(person=self.person, show=self.show, kind=CreditKind.WRITER, season=s) for s in seasons]
        )
        Credit.episodes.through.objects.bulk_create(
            Credit.episodes.through(credit_id=credit.pk, episode_id=episodes[i % len(episodes)].pk)
            for i, credit in enumerate(credits)
        )
        tags = Tag.objects.bulk_create(Tag(name=f"Tag {n}", slug=f"tag-{n}") for n in range(30))
        articles = Article.objects.bulk_create(
            Article(
                title=f"Rocket article {n}",
                slug=f"rocket-{n}",
                standfirst="The rocket flew again.",
                body="<p>A rocket story about Korolev.</p>",
                status=Status.PUBLISHED if n % 10 else Status.DRAFT,
                published_at=MONTH - datetime.timedelta(hours=n) if n % 17 else now + datetime.timedelta(days=3),
                category=self.category,
                spoils_episode=episodes[n % len(episodes)] if n % 4 == 0 else None,
                safe_title=f"Safe headline {n}" if n % 4 == 0 else "",
            )
            for n in range(200)
        )
        every = [self.article, *articles]
        Article.tags.through.objects.bulk_create(
            [Article.tags.through(article_id=a.pk, tag_id=self.tag.pk) for a in articles]
            + [Article.tags.through(article_id=a.pk, tag_id=t.pk) for a in every[:50] for t in tags[:5]]
        )
        Article.shows.through.objects.bulk_create(
            Article.shows.through(article_id=a.pk, show_id=self.show.pk) for a in articles
        )
        Article.people.through.objects.bulk_create(
            [Article.people.through(article_id=a.pk, person_id=self.person.pk) for a in articles]
            + [Article.people.through(article_id=self.article.pk, person_id=p.pk) for p in people[:20]]
        )
        events = TimelineEvent.objects.bulk_create(
            TimelineEvent(
                date=datetime.date(1957 + n // 12, 1 + n % 12, 1),
                precision=Precision.DAY if n % 3 else Precision.MONTH,
                title=f"Event {n}",
                slug=f"event-{n}",
                real_history="Real.",
                show_history="Show.",
                spoils_episode=episodes[n % len(episodes)] if n % 5 == 0 else None,
            )
            for n in range(150)
        )
        through = TimelineEvent
        through.shows.through.objects.bulk_create(
            through.shows.through(timelineevent_id=e.pk, show_id=self.show.pk) for e in events
        )
        through.people.through.objects.bulk_create(
            through.people.through(timelineevent_id=e.pk, person_id=self.person.pk) for e in events
        )
        through.characters.through.objects.bulk_create(
            [through.characters.through(timelineevent_id=e.pk, character_id=self.character.pk) for e in events]
            + [through.characters.through(timelineevent_id=self.event.pk, character_id=c.pk) for c in characters]
        )
        through.figures.through.objects.bulk_create(
            through.figures.through(timelineevent_id=e.pk, historicalfigure_id=self.figure.pk) for e in events
        )
        through.articles.through.objects.bulk_create(
            [through.articles.through(timelineevent_id=e.pk, article_id=self.article.pk) for e in events]
            + [through.articles.through(timelineevent_id=self.event.pk, article_id=a.pk) for a in articles[:50]]
        )
        through.episodes.through.objects.bulk_create(
            through.episodes.through(timelineevent_id=self.event.pk, episode_id=e.pk) for e in episodes
        )
        GlossaryTerm.objects.bulk_create(
            GlossaryTerm(term=f"Term {n}", slug=f"term-{n}", definition="A word.") for n in range(60)
        )
        for n in range(20):
            self._alias(figures[n], f"Alias {n}")
            self._alias(people[n], f"Nickname {n}")


# A search vector read as a column ("t"."search_vector" in a select list): the size of the text it
# indexes, copied into Python for nothing. Matching and ranking use it inside the database only.
VECTOR_COLUMN = re.compile(r'(?:SELECT |, )"\w+"\."(?:safe_)?search_vector"')


def count_queries(client, url: str) -> tuple[int, int, list[str]]:
    """(warm count, cold count, the warm queries' SQL) for one URL."""
    counts = []
    for empty_cache in (True, False):
        if empty_cache:
            cache.clear()  # after a content change: fragment caches refill
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(queries))
        loaded = [q["sql"] for q in queries.captured_queries if VECTOR_COLUMN.search(q["sql"])]
        assert not loaded, loaded
    return counts[1], counts[0], [q["sql"][:160] for q in queries.captured_queries]


@pytest.mark.parametrize(("label", "name", "kwargs", "query"), PAGES, ids=[page[0] for page in PAGES])
def test_page_renders_in_the_same_few_queries_with_little_and_with_much_data(
    client, db, settings, label, name, kwargs, query
):
    settings.PAGE_CACHE_SECONDS = 0
    site = Site()
    url = reverse(name, kwargs=kwargs) + query
    if "page 2" in label:
        # A second page needs more than a page of articles even with little data.
        for n in range(30):
            factories.make_article(title=f"Rocket extra {n}", published_at=MONTH - datetime.timedelta(days=1))
    client.get(url)  # warm process-wide caches (Site, content types), as in a running server
    little, little_cold, little_sql = count_queries(client, url)
    site.grow()  # bulk inserts send no signals: count_queries empties the cache first
    much, much_cold, much_sql = count_queries(client, url)
    budget = SITEMAP_SECTIONS_WITH_QUERIES if name == "sitemap" else BUDGET
    assert little <= budget, "\n".join(little_sql)
    assert much == little, "\n".join(["little:", *little_sql, "much:", *much_sql])
    assert much_cold == little_cold <= little + 2


def test_the_budget_covers_every_public_url_name():
    """A new public page type must be added to PAGES (and so to the budget)."""
    from django.urls import get_resolver

    covered = {name for _label, name, _kwargs, _query in PAGES}
    public = set()
    for namespace in ("news", "shows", "people", "search", "universe", "spoilers"):
        resolver = get_resolver().namespace_dict[namespace][1]
        public |= {f"{namespace}:{key}" for key in resolver.reverse_dict if isinstance(key, str)}
    assert public - covered == set()
