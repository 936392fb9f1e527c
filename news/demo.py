"""Demo content for news: categories, tags, a desk author and eighteen stories.

Fifteen are published: news, explainers, history pieces, cast profiles and one story marked as a
spoiler for For All Mankind's pilot. Three never reach the public, so editors can try the other
states: one is scheduled (kept at least a month in the future on every load), one is a draft,
and one is anchored to Star City's first episode, publishing itself two hours after the episode
airs (it has no air date yet, so it waits). The texts are in ``news.demo_stories``. Called by
``load_demo``.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.utils import timezone

from library.drawn import attach_placeholder, drawn_image
from news import demo_stories as texts
from news.models import Article, Category, ReviewStep, Tag
from people.models import Person
from shows.demo import FOR_ALL_MANKIND, STAR_CITY
from shows.models import Episode, Show
from starcity_site.demo_tools import Tally, sync
from starcity_site.placeholders import HERO
from starcity_site.publishing import Status
from starcity_site.richtext import sanitize_html

UTC = datetime.UTC
DESK_USERNAME = "starcity-desk"
SCHEDULED_SLUG = "before-star-city-a-watching-guide"
ANCHORED_SLUG = "star-city-episode-one-what-to-look-for"

CATEGORIES = {
    "entertainment": ("Entertainment", "News about the shows, their casts and their release."),
    "explainers": ("Explainers", "Background pieces: what the shows are about and the history behind them."),
    "history": ("History", "The real Soviet space programme behind the shows."),
    "cast": ("Cast profiles", "The actors and the characters they play."),
}
TAGS = {
    "star-city": "Star City",
    "for-all-mankind": "For All Mankind",
    "casting": "Casting",
    "apple-tv-plus": "Apple TV+",
    "release-date": "Release date",
    "real-history": "Real history",
    "n1-rocket": "N1 rocket",
    "sergei-korolev": "Sergei Korolev",
    "cosmonauts": "Cosmonauts",
    "production": "Production",
}

STAR_CITY_CAST = [
    "Rhys Ifans",
    "Anna Maxwell Martin",
    "Solly McLeod",
    "Alice Englert",
    "Adam Nagaitis",
    "Priya Kansara",
]
BOTH = (STAR_CITY, FOR_ALL_MANKIND)


class Story(NamedTuple):
    slug: str
    title: str
    standfirst: str
    body: str
    category: str
    published_at: datetime.datetime | None
    tags: tuple[str, ...]
    shows: tuple[str, ...] = (STAR_CITY,)
    people: tuple[str, ...] = ()
    status: str = Status.PUBLISHED
    featured: bool = False
    source_name: str = ""
    source_url: str = ""
    # Spoilers: (show slug, season, episode) the story gives away, and its spoiler-free texts.
    spoils: tuple[str, int, int] | None = None
    safe_title: str = ""
    safe_standfirst: str = ""
    anchored: bool = False  # published two hours after the spoiled episode airs
    # A story about one person or show shows their portrait or poster (one library image for
    # both): a person's name or a show's slug. Otherwise the story gets a drawn still of its own.
    picture_of: str = ""


def _day(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, 0, tzinfo=UTC)


def stories(now: datetime.datetime) -> list[Story]:
    return [
        Story(
            "apple-tv-plus-launches-star-city",
            "Apple TV+ launches Star City, the For All Mankind spin-off told from the Soviet side",
            "Rhys Ifans leads a paranoid space-race thriller that starts in 1969 with a Soviet "
            "cosmonaut on the Moon. It is expected late in 2026.",
            texts.LAUNCH,
            "entertainment",
            _day(2026, 5, 31, 12),
            ("star-city", "for-all-mankind", "apple-tv-plus", "casting"),
            BOTH,
            (*STAR_CITY_CAST, "Ben Nedivi", "Matt Wolpert", "Ronald D. Moore"),
            featured=True,
            source_name="Decider",
            source_url="https://decider.com/",
        ),
        Story(
            "star-city-explained-premise-cast-timeline-release",
            "Star City explained: the premise, the cast, the timeline and when it arrives",
            "Everything known so far about the For All Mankind spin-off that follows the Soviet space programme.",
            texts.EXPLAINER,
            "explainers",
            _day(2026, 2, 16, 10),
            ("star-city", "for-all-mankind", "casting", "release-date"),
            BOTH,
            (*STAR_CITY_CAST, "Matt Wolpert", "Ronald D. Moore"),
        ),
        Story(
            "the-real-star-city",
            "The real Star City: the closed town behind the title",
            "The show is named after a Moscow-region town that trains cosmonauts to this day.",
            texts.REAL_TOWN,
            "history",
            _day(2026, 3, 10),
            ("star-city", "real-history", "cosmonauts"),
        ),
        Story(
            "the-n1-four-launches-four-failures",
            "The N1: four launches, four failures, and the rocket Star City makes fly",
            "The Soviet Moon rocket never completed a flight. The show's whole history depends on it working.",
            texts.N1,
            "history",
            _day(2026, 4, 24),
            ("n1-rocket", "real-history", "star-city"),
            BOTH,
        ),
        Story(
            "sergei-korolev-the-chief-designer",
            "Sixty years on: Sergei Korolev, the Chief Designer nobody could name",
            "The USSR kept its rocket chief's identity secret until his death in January 1966. "
            "Star City makes his title its lead role.",
            texts.KOROLEV,
            "history",
            _day(2026, 1, 14),
            ("sergei-korolev", "real-history", "star-city"),
            (STAR_CITY,),
            ("Rhys Ifans",),
        ),
        Story(
            "rhys-ifans-the-chief-designer",
            "Rhys Ifans is the Chief Designer: the lead of Star City",
            "From House of the Dragon to the head of the Soviet rocket programme.",
            texts.IFANS,
            "cast",
            _day(2026, 6, 4),
            ("casting", "star-city", "sergei-korolev"),
            (STAR_CITY,),
            ("Rhys Ifans",),
            picture_of="Rhys Ifans",
        ),
        Story(
            "anna-maxwell-martin-lyudmilla",
            "Anna Maxwell Martin plays Lyudmilla, the KGB officer watching Star City",
            "The Line of Duty actor leads the surveillance team that keeps the space programme in line.",
            texts.MAXWELL_MARTIN,
            "cast",
            _day(2026, 6, 11),
            ("casting", "star-city"),
            (STAR_CITY,),
            ("Anna Maxwell Martin",),
            picture_of="Anna Maxwell Martin",
        ),
        Story(
            "star-city-cosmonauts-sasha-anastasia-valya",
            "Meet Star City's cosmonauts: Sasha, Anastasia and Valya",
            "A loose cannon, an untested newcomer and a respected veteran.",
            texts.COSMONAUTS,
            "cast",
            _day(2026, 6, 18),
            ("casting", "cosmonauts", "star-city"),
            (STAR_CITY,),
            ("Solly McLeod", "Alice Englert", "Adam Nagaitis", "Priya Kansara"),
        ),
        Story(
            "star-city-season-one-stays-in-the-1970s",
            "Star City's first season will stay in the 1970s",
            "Unlike For All Mankind, the spin-off will not jump a decade within its first season.",
            texts.SEVENTIES,
            "entertainment",
            _day(2026, 2, 3),
            ("star-city", "for-all-mankind", "release-date"),
            BOTH,
        ),
        Story(
            "star-city-in-post-production",
            "Star City moves into post-production after filming in Vilnius",
            "The ten-episode first season was shot largely in Lithuania's capital through 2025.",
            texts.POST_PRODUCTION,
            "entertainment",
            _day(2026, 1, 20),
            ("star-city", "production", "release-date", "apple-tv-plus"),
        ),
        Story(
            "for-all-mankind-season-by-season",
            "For All Mankind season by season: four decades of the space race that never ended",
            "Four seasons of ten episodes, each jumping about ten years, and a fifth on the way.",
            texts.SEASON_GUIDE,
            "explainers",
            _day(2026, 3, 2),
            ("for-all-mankind", "apple-tv-plus"),
            (FOR_ALL_MANKIND,),
            ("Ronald D. Moore", "Matt Wolpert", "Ben Nedivi", "Wrenn Schmidt"),
            picture_of=FOR_ALL_MANKIND,
        ),
        Story(
            "soviet-firsts-gagarin-tereshkova-leonov",
            "Gagarin, Tereshkova, Leonov: the Soviet firsts behind Star City",
            "The real records the show's world is built on, from Vostok 1 to Apollo\u2013Soyuz.",
            texts.FIRSTS,
            "history",
            _day(2026, 4, 12),
            ("real-history", "cosmonauts"),
            BOTH,
        ),
        Story(
            "where-the-shows-leave-real-history",
            "Where For All Mankind and Star City leave real history",
            "The Moon landing, the N1, the Chief Designer and the town itself, set side by side.",
            texts.DIVERGENCES,
            "explainers",
            _day(2026, 5, 8),
            ("real-history", "n1-rocket", "sergei-korolev"),
            BOTH,
        ),
        Story(
            "not-a-mirror-star-city-its-own-show",
            "\u201cNot a mirror\u201d: why Star City is meant to be its own show",
            "Matt Wolpert on the spin-off's identity, and what is confirmed about crossovers.",
            texts.NOT_A_MIRROR,
            "entertainment",
            _day(2026, 6, 25),
            ("star-city", "for-all-mankind"),
            BOTH,
            ("Matt Wolpert", "Ben Nedivi", "Ronald D. Moore"),
        ),
        Story(
            "red-moon-revisited",
            "Red Moon revisited: the night Leonov walked on the Moon",
            "For All Mankind's pilot, watched again with Star City on the way.",
            texts.RED_MOON,
            "explainers",
            _day(2026, 7, 2),
            ("for-all-mankind",),
            BOTH,
            spoils=(FOR_ALL_MANKIND, 1, 1),
            safe_title="Revisiting For All Mankind's first episode",
            safe_standfirst="A second look at the pilot, with Star City on the way.",
        ),
        Story(
            ANCHORED_SLUG,
            "Star City, episode 1: what to look for now that it is out",
            "The N1, the watchers and the cosmonauts: the questions the first episode starts to answer.",
            texts.EPISODE_ONE,
            "entertainment",
            None,
            ("star-city",),
            (STAR_CITY,),
            ("Rhys Ifans", "Anna Maxwell Martin"),
            spoils=(STAR_CITY, 1, 1),
            safe_title="Star City, episode 1: our first look",
            safe_standfirst="Our thoughts on the premiere, for those who have seen it.",
            anchored=True,
        ),
        Story(
            SCHEDULED_SLUG,
            "Before Star City: the order to watch For All Mankind in",
            "A short guide for newcomers, from \u201cRed Moon\u201d onwards.",
            texts.SCHEDULED_GUIDE,
            "explainers",
            _scheduled_time(SCHEDULED_SLUG, now),
            ("for-all-mankind", "star-city"),
            BOTH,
        ),
        Story(
            "star-city-for-all-mankind-crossovers",
            "Star City and For All Mankind crossovers: what is confirmed",
            "The crossover is official; the names being passed around are not.",
            texts.CROSSOVERS,
            "entertainment",
            None,
            ("star-city", "for-all-mankind"),
            BOTH,
            ("Ronald D. Moore",),
            status=Status.DRAFT,
        ),
    ]


def _desk_author():
    """The byline for demo stories: a plain account that cannot log in."""
    user, created = get_user_model().objects.get_or_create(
        username=DESK_USERNAME, defaults={"first_name": "Star City desk", "is_staff": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _scheduled_time(slug: str, now: datetime.datetime) -> datetime.datetime:
    """Keep the scheduled demo story well in the future, and unchanged while it is."""
    current = Article.objects.filter(slug=slug).values_list("published_at", flat=True).first()
    if current is not None and current > now + datetime.timedelta(days=30):
        return current
    return (now + datetime.timedelta(days=365)).replace(hour=9, minute=0, second=0, microsecond=0)


def load(stdout) -> None:
    tally = Tally()
    now = timezone.now()
    categories = {
        slug: _find_or_create(Category, slug, name, {"description": description}, tally)
        for slug, (name, description) in CATEGORIES.items()
    }
    tags = {slug: _find_or_create(Tag, slug, name, {}, tally) for slug, name in TAGS.items()}
    shows = {show.slug: show for show in Show.objects.filter(slug__in=BOTH)}
    people = {person.name: person for person in Person.objects.all()}
    episodes = {
        (e.season.show.slug, e.season.number, e.number): e
        for e in Episode.objects.with_show().filter(season__number=1, number=1)
    }
    author = _desk_author()

    heroes = 0
    for story in stories(now):
        is_new = not Article.objects.filter(slug=story.slug).exists()
        episode = episodes.get(story.spoils) if story.spoils else None
        values = {
            "title": story.title,
            "standfirst": story.standfirst,
            # Compare with what save() will store, so an unchanged story is not re-saved.
            "body": sanitize_html(story.body.strip()),
            "category": categories[story.category],
            "author": author,
            "status": story.status,
            "featured": story.featured,
            "source_name": story.source_name,
            "source_url": story.source_url,
            "spoils_episode": episode,
            "safe_title": story.safe_title,
            "safe_standfirst": story.safe_standfirst,
        }
        if story.anchored:
            # save() works the publish time out from the episode's air time (news.anchoring).
            values.update(anchor_episode=episode, anchor_offset=datetime.timedelta(hours=2))
        else:
            values["published_at"] = story.published_at
        article = sync(Article, {"slug": story.slug}, values, tally)
        if article is None:  # an editor renamed it; its old URL redirects to the new one
            continue
        # add(), not set(): an editor's extra tags and links survive a reload.
        article.tags.add(*(tags[slug] for slug in story.tags if tags[slug] is not None))
        article.shows.add(*(shows[slug] for slug in story.shows))
        article.people.add(*(people[name] for name in story.people if name in people))
        subject = people.get(story.picture_of) or shows.get(story.picture_of)
        if subject is not None and subject.image is not None:
            if article.image is None:
                article.image = subject.image  # the same library image, not a second copy
                article.save()
        else:
            # A spoiling story's picture is seen by every reader: it names the spoiler-free headline.
            headline = story.safe_title or article.title
            heroes += attach_placeholder(
                article,
                title=f"Still: {story.slug}",
                kind="still",
                text=headline,
                size=HERO,
                kicker=article.category.name if article.category else "",
                alt=f"Illustration: a rocket on its launch pad at dusk, under the headline \u201c{headline}\u201d",
            )
        if is_new and story.status == Status.DRAFT:
            # The draft waits on an editor's desk (the admin dashboard), as a submitted story would.
            Article.objects.filter(pk=article.pk).update(submitted_at=now)
            ReviewStep.objects.create(
                article=article, kind=ReviewStep.Kind.SUBMITTED, user=author, note="Ready for a look."
            )
        if is_new and article.published_at:
            # A story first loaded today was not "updated" today: its last change is its publication.
            Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)
    load_inline_story(author, categories["entertainment"], tally)
    stdout.write(f"news: {tally.summary()}; {heroes} hero images generated")


def _find_or_create(model, slug: str, name: str, defaults: dict, tally: Tally):
    """Categories and tags are found by slug or name and never changed: editors rename and merge them."""
    obj = model.objects.filter(slug=slug).first() or model.objects.filter(name=name).first()
    if obj is not None:
        tally["unchanged"] += 1
        return obj
    return sync(model, {"slug": slug}, {"name": name, **defaults}, tally)


# --- a story with pictures from the image library in its body (library.inline) ----------------
INLINE_STORY_SLUG = "a-first-look-inside-star-city"
INLINE_PICTURES = (
    (
        "Demo: the control room",
        "The control room",
        "Illustration: rows of consoles in a Soviet mission control room, drawn in blue and gold",
        "The mission control set, built from period photographs.",
    ),
    (
        "Demo: the launch pad at dawn",
        "The launch pad at dawn",
        "Illustration: a rocket standing on its launch pad as the sky turns orange",
        "The launch pad, where the first episode opens.",
    ),
)
INLINE_STORY_BODY = """
<p>The production has shared two pictures from the Star City sets, and both show how closely the
designers followed the Soviet space programme of the late 1960s.</p>
<figure data-image="{first}"></figure>
<p>The control room is the heart of the series: most of the first season's tension plays out at
its consoles, far from the cosmonauts themselves.</p>
<figure data-image="{second}"></figure>
<p>The pad scenes were shot at dawn over several weeks, for the light.</p>
"""


def load_inline_story(author, category, tally: Tally) -> None:
    """One published story whose body shows two library images inline, drawn as placeholders."""
    ids = []
    for title, text, alt, caption in INLINE_PICTURES:
        image = drawn_image(title=title, kind="still", text=text, size=HERO, alt=alt)
        if image.caption != caption:
            image.caption = caption
            image.save(update_fields=["caption", "updated_at"])
        ids.append(image.pk)
    values = {
        "title": "A first look inside Star City: the control room and the launch pad",
        "standfirst": "Two pictures from the sets show the mission control room and the launch pad.",
        "body": sanitize_html(INLINE_STORY_BODY.format(first=ids[0], second=ids[1]).strip()),
        "category": category,
        "author": author,
        "status": Status.PUBLISHED,
        "published_at": _day(2026, 6, 2, 10),
    }
    sync(Article, {"slug": INLINE_STORY_SLUG}, values, tally)
