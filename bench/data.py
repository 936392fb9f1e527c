"""Bulk-build the benchmark's data set and pick the pages to load.

Run inside a configured Django process (bench/run.py does it): ``python bench/data.py build``
fills an empty, migrated database in a few seconds with bulk inserts — 3 shows of 30 episodes,
300 people with characters and credits, 1,000 articles with tags, shows and people, 200 timeline
events, 40 historical figures and 60 glossary terms — and
``python bench/data.py pages`` prints the main pages' URLs with their size and SQL query count,
``python bench/data.py cost`` their Python calls and CPU time per uncached render (``run.py --calls``).
"""

from __future__ import annotations

import datetime
import json
import os
import random
import sys
from io import BytesIO
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SEARCH_WORD = "booster"

FIRST = "Anna Boris Dmitri Elena Fyodor Galina Igor Irina Kirill Lev Marina Nikolai Olga Pavel Sofia Yuri".split()  # noqa: SIM905
LAST = "Belova Chernov Demidova Egorov Fomina Gromov Ivanova Kuznetsov Lebedeva Morozov Orlova Petrov".split()  # noqa: SIM905
VOCABULARY = (  # noqa: SIM905
    "the design bureau worked through winter on a new booster while the commission argued over the "
    "launch date and the crew trained outside Moscow engineers tested the engine again at the range "
    "a cosmonaut wrote home about the cold the chief designer slept at his desk the cameras followed "
    "the rocket to the pad and the season ends with the first flight around the Moon"
).split()


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n))


def body(rng: random.Random) -> str:
    parts = []
    for n in range(rng.randint(6, 10)):
        parts.append(f"<p>{words(rng, rng.randint(60, 110)).capitalize()}.</p>")
        if n == 3:
            parts.append(f"<h2>{words(rng, 4).capitalize()}</h2>")
    return "".join(parts)


def image(name: str, size: tuple[int, int]) -> str:
    """One real JPEG in MEDIA_ROOT, shared by every row that shows a picture."""
    from django.conf import settings
    from PIL import Image

    relative = f"images/bench/{name}.jpg"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    Image.new("RGB", size, (40, 60, 90)).save(buffer, "JPEG", quality=80)
    target.write_bytes(buffer.getvalue())
    return relative


def build() -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from library.models import Image
    from news.models import Article, Category, Tag
    from people.models import Character, Credit, CreditKind, Person
    from shows.models import Episode, Season, Show, ShowStatus
    from starcity_site.publishing import Status

    rng = random.Random(8)
    now = timezone.now()
    hero, portrait = image("hero", (1600, 900)), image("portrait", (600, 800))
    hero_fields = {"image": hero, "image_width": 1600, "image_height": 900, "image_alt": "A rocket on the pad"}
    portrait_fields = {"image": portrait, "image_width": 600, "image_height": 800, "image_alt": "Portrait"}

    def library(count: int, title: str, fields: dict) -> list:
        """``count`` library images sharing one file, as if each row had its own upload."""
        return Image.objects.bulk_create(Image(title=f"{title} {i}", **fields) for i in range(count))

    with transaction.atomic():
        posters = library(2, "Poster", hero_fields)
        parent = Show.objects.create(title="For All Mankind", slug="for-all-mankind", status=ShowStatus.ENDED)
        shows = [parent]
        for title, poster in zip(("Star City", "Moon Base"), posters, strict=True):
            shows.append(
                Show.objects.create(
                    title=title,
                    slug=title.lower().replace(" ", "-"),
                    parent=parent,
                    synopsis=words(rng, 80),
                    image=poster,
                )
            )
        seasons = Season.objects.bulk_create(
            Season(show=show, number=n, era="1970s", episode_count=10, synopsis=words(rng, 40))
            for show in shows
            for n in (1, 2, 3)
        )
        episodes = Episode.objects.bulk_create(
            Episode(
                season=season,
                number=n,
                title=words(rng, 3).title(),
                airs_at=now - datetime.timedelta(days=400 - 7 * n - 70 * season.number),
                synopsis=words(rng, 50),
            )
            for season in seasons
            for n in range(1, 11)
        )
        portraits = library(300, "Portrait", portrait_fields)
        people = Person.objects.bulk_create(
            Person(
                name=f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST) % len(LAST)]} {i}",
                slug=f"person-{i}",
                short_bio=words(rng, 12),
                bio=f"<p>{words(rng, 120)}</p>",
                image=portraits[i],
            )
            for i in range(300)
        )
        characters = Character.objects.bulk_create(
            Character(name=f"Character {i}", slug=f"character-{i}", show=shows[i % 3], description=words(rng, 60))
            for i in range(120)
        )
        credits = Credit.objects.bulk_create(
            [
                Credit(person=people[i], show=c.show, kind=CreditKind.CAST, character=c, billing_order=i)
                for i, c in enumerate(characters)
            ]
            + [
                Credit(person=people[120 + i], show=shows[i % 3], kind=CreditKind.DIRECTOR, billing_order=200 + i)
                for i in range(180)
            ]
        )
        Credit.episodes.through.objects.bulk_create(
            Credit.episodes.through(credit_id=credit.pk, episode_id=episodes[(k + i) % len(episodes)].pk)
            for k, credit in enumerate(credits[120:])
            for i in range(2)
        )
        User = get_user_model()
        authors = [User(username=f"author{i}", first_name=FIRST[i], last_name=LAST[i]) for i in range(6)]
        for author in authors:
            author.set_unusable_password()
        authors = User.objects.bulk_create(authors)
        categories = Category.objects.bulk_create(
            Category(name=name, slug=name.lower()) for name in ("News", "Casting", "Reviews", "Interviews", "Features")
        )
        tags = Tag.objects.bulk_create(Tag(name=f"Topic {i}", slug=f"topic-{i}") for i in range(60))
        heroes = library(1000, "Hero", hero_fields)
        articles = []
        for i in range(1000):
            status, published_at = Status.PUBLISHED, now - datetime.timedelta(hours=26 * i + 1)
            if i % 40 == 0:
                status, published_at = Status.DRAFT, None
            elif i % 67 == 0:
                published_at = now + datetime.timedelta(days=1 + i % 30)  # scheduled
            articles.append(
                Article(
                    title=f"{words(rng, 6).capitalize()} ({i})",
                    slug=f"article-{i}",
                    standfirst=words(rng, 30).capitalize() + ".",
                    body=body(rng),
                    status=status,
                    published_at=published_at,
                    author=authors[i % len(authors)],
                    category=categories[i % len(categories)],
                    featured=i % 50 == 1,
                    image=heroes[i],
                )
            )
        articles = Article.objects.bulk_create(articles)
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=a.pk, tag_id=tags[(i * 7 + k) % len(tags)].pk)
            for i, a in enumerate(articles)
            for k in range(3)
        )
        Article.shows.through.objects.bulk_create(
            Article.shows.through(article_id=a.pk, show_id=shows[1 + i % 2].pk) for i, a in enumerate(articles)
        )
        Article.people.through.objects.bulk_create(
            Article.people.through(article_id=a.pk, person_id=people[(i * 3 + k) % 300].pk)
            for i, a in enumerate(articles)
            for k in range(2)
        )
        build_universe(rng, shows, episodes, characters, people, articles)
    from django.db import connection

    from starcity_site.caching import content_changed

    content_changed()  # bulk inserts send no signals
    # Planner statistics, as autovacuum would gather within a minute of a load this size: right
    # after the bulk insert PostgreSQL still believes the tables are empty and picks plans
    # (hash joins over every article) that no running site would see.
    # VACUUM too, and a checkpoint: otherwise autovacuum and the checkpointer work through the
    # fresh rows while the first pages are loaded, and take their CPU from those pages alone.
    with connection.cursor() as cursor:
        for sql in ["VACUUM (ANALYZE)", "CHECKPOINT"] if connection.vendor == "postgresql" else ["ANALYZE"]:
            cursor.execute(sql)


def build_universe(rng, shows, episodes, characters, people, articles) -> None:
    """Timeline events (each linked to shows, characters, people and articles), historical
    figures and glossary terms: enough for the timeline to fill its first page."""
    from universe.models import GlossaryTerm, HistoricalFigure, Precision, Relation, TimelineEvent

    figures = HistoricalFigure.objects.bulk_create(
        HistoricalFigure(name=f"Figure {i}", slug=f"figure-{i}", role=words(rng, 5), summary=words(rng, 60))
        for i in range(40)
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(term=f"Term {i}", slug=f"term-{i}", definition=words(rng, 40)) for i in range(60)
    )
    relations = list(Relation.values)
    events = TimelineEvent.objects.bulk_create(
        TimelineEvent(
            date=datetime.date(1957 + i // 12, 1 + i % 12, 1 + i % 28),
            precision=Precision.DAY if i % 5 else Precision.MONTH,
            title=words(rng, 5).capitalize(),
            slug=f"event-{i}",
            relation=relations[i % len(relations)],
            real_history=words(rng, 50),
            show_history=words(rng, 50),
            spoils_episode=episodes[i % len(episodes)] if i % 4 == 0 else None,
        )
        for i in range(200)
    )
    through = TimelineEvent
    through.shows.through.objects.bulk_create(
        through.shows.through(timelineevent_id=e.pk, show_id=shows[1 + i % 2].pk) for i, e in enumerate(events)
    )
    through.characters.through.objects.bulk_create(
        through.characters.through(timelineevent_id=e.pk, character_id=characters[i % len(characters)].pk)
        for i, e in enumerate(events)
    )
    through.people.through.objects.bulk_create(
        through.people.through(timelineevent_id=e.pk, person_id=people[i % len(people)].pk)
        for i, e in enumerate(events)
    )
    through.figures.through.objects.bulk_create(
        through.figures.through(timelineevent_id=e.pk, historicalfigure_id=figures[i % len(figures)].pk)
        for i, e in enumerate(events)
    )
    through.articles.through.objects.bulk_create(
        through.articles.through(timelineevent_id=e.pk, article_id=articles[(i * 5) % len(articles)].pk)
        for i, e in enumerate(events)
    )


def page_urls() -> dict[str, str | None]:
    """The main pages, each with data about the size of a real one. None: no such page yet."""
    from django.urls import NoReverseMatch, reverse

    def first(*candidates: tuple[str, dict]) -> str | None:
        for name, kwargs in candidates:
            try:
                return reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
        return None

    search = first(("search:results", {}))
    return {
        "home": first(("home", {})),
        "news list": first(("news:list", {})),
        "article": first(("news:article", {"slug": "article-101"})),
        "tag": first(("news:tag", {"slug": "topic-7"})),
        "show": first(("shows:detail", {"slug": "star-city"})),
        "cast & crew": first(("people:show_cast", {"slug": "star-city"})),
        "people index": first(("people:index", {})),
        "person": first(("people:person", {"slug": "person-1"})),
        "character": first(("people:character", {"slug": "character-1"})),
        "search": f"{search}?q={SEARCH_WORD}" if search else None,
        "timeline": first(("universe:timeline", {})),
    }


def each_page(measure) -> dict:
    """``measure(client, url)`` for each main page (None where the page does not exist yet)."""
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    return {name: None if url is None else {"url": url, **measure(client, url)} for name, url in page_urls().items()}


def probe() -> dict:
    """Each page rendered twice in-process: status, bytes and SQL queries of each request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(client, url: str) -> dict:
        counts, response = [], None
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            counts.append(len(queries))
        return {"status": response.status_code, "bytes": len(response.content), "sql": counts}

    return each_page(measure)


def cost(batches: int = 7, per_batch: int = 10) -> dict:
    """Each page's in-process cost with the page cache off (``PAGE_CACHE_SECONDS=0``).

    ``calls``: Python function calls per render, counted by cProfile. It does not drift with the
    machine's load, so two versions of the code compare fairly on shared cores, where req/s
    varies by a third from run to run. ``cpu_ms``: CPU time per render, the fastest of several
    batches, without the profiler. ``db_cpu_ms``: the CPU time of the PostgreSQL backend serving
    this process, per render over all batches (read from /proc, so only for a server on this
    machine; None otherwise), in clock ticks of 10 ms: about 0.15 ms resolution here.
    """
    import cProfile
    import pstats
    import time

    from django.db import connection

    def backend_cpu_s() -> float | None:
        if connection.vendor != "postgresql":
            return None
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the server runs elsewhere
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def measure(client, url: str) -> dict:
        for _ in range(5):  # warm: templates compiled, episode index and connection in place
            client.get(url)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(per_batch):
            client.get(url)
        profile.disable()
        times = []
        db_before = backend_cpu_s()
        for _ in range(batches):
            started = time.process_time()
            for _ in range(per_batch):
                client.get(url)
            times.append((time.process_time() - started) / per_batch * 1000)
        db_after = backend_cpu_s()
        db_ms = None if db_before is None or db_after is None else (db_after - db_before) / (batches * per_batch) * 1000
        return {
            "calls": round(pstats.Stats(profile).total_calls / per_batch),
            "cpu_ms": round(min(times), 2),
            "db_cpu_ms": None if db_ms is None else round(db_ms, 2),
            **sql_alone(client, url),
        }

    def sql_alone(client, url: str) -> dict:
        """The page's own statements, sent again with their parameters through a plain cursor:
        what its reads cost with no ORM at all (no query building, compiling or model rows)."""
        statements = []

        def record(execute, sql, params, many, context):
            statements.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            client.get(url)
        runs = batches * per_batch
        with connection.cursor() as cursor:
            db_before, started = backend_cpu_s(), time.process_time()
            for _ in range(runs):
                for sql, params in statements:
                    cursor.execute(sql, params)
                    cursor.fetchall()
            python_ms = (time.process_time() - started) / runs * 1000
            db_after = backend_cpu_s()
        return {
            "raw_cpu_ms": round(python_ms, 2),
            "raw_db_cpu_ms": None if db_before is None else round((db_after - db_before) / runs * 1000, 2),
        }

    return each_page(measure)


if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "starcity_site.settings")
    import django

    django.setup()
    if sys.argv[1:] == ["build"]:
        build()
    elif sys.argv[1:] == ["pages"]:
        print(json.dumps(probe()))
    elif sys.argv[1:] == ["cost"]:
        print(json.dumps(cost()))
    else:
        sys.exit("usage: data.py build | pages | cost")
