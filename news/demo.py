"""Demo content for news: categories, tags, a desk author and four stories.

Two stories are published (the launch report and the explainer); one is scheduled and one is a
draft, so editors can try preview and scheduling. Those two must never reach the public, so the
scheduled one is kept at least a month in the future on every load. Called by ``load_demo``.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from news.models import Article, Category, Tag
from people.models import Person
from shows.demo import FOR_ALL_MANKIND, STAR_CITY
from shows.models import Show
from starcity_site.demo_tools import Tally, sync
from starcity_site.placeholders import HERO, attach_placeholder
from starcity_site.publishing import Status
from starcity_site.richtext import sanitize_html

UTC = datetime.UTC
DESK_USERNAME = "starcity-desk"

CATEGORIES = {
    "entertainment": ("Entertainment", "News about the shows, their casts and their release."),
    "explainers": ("Explainers", "Background pieces: what the shows are about and the history behind them."),
}
TAGS = {
    "star-city": "Star City",
    "for-all-mankind": "For All Mankind",
    "casting": "Casting",
    "apple-tv-plus": "Apple TV+",
    "release-date": "Release date",
    "real-history": "Real history",
}

LAUNCH_BODY = """
<p>Apple TV+ is launching Star City, the first series to branch off from its alternate-history
drama For All Mankind. Where the parent show follows the Americans, the new one crosses to the
other side of the Iron Curtain and picks up on the night in 1969 when a Soviet cosmonaut, not an
American astronaut, became the first person to walk on the Moon.</p>
<p>Apple is selling it as a \u201cpropulsive, paranoid thriller\u201d, and the setting explains why:
the engineers and cosmonauts of the Soviet programme work under constant watch from the
intelligence officers assigned to them, and keeping up the claim of Soviet superiority comes at
a price.</p>
<h2>Who is in it</h2>
<p>Rhys Ifans, Otto Hightower in House of the Dragon, leads the cast as the Chief Designer.
Anna Maxwell Martin plays Lyudmilla, who runs a KGB surveillance team. Solly McLeod is the
unpredictable cosmonaut Sasha, Alice Englert the untried cosmonaut Anastasia, Adam Nagaitis
the veteran Valya, and Priya Kansara the scientist Lakshmi.</p>
<h2>Who is making it</h2>
<p>Ben Nedivi and Matt Wolpert are the showrunners. Ronald D. Moore, who co-created For All
Mankind, has confirmed that characters will cross between the two series.</p>
<h2>When it arrives</h2>
<p>The first season has ten episodes and is expected late in 2026. Apple has not yet given a
date.</p>
"""

EXPLAINER_BODY = """
<p>Star City is the first spin-off of For All Mankind, and it tells the space race from the
Soviet side. Here is what is known so far.</p>
<h2>The premise</h2>
<p>For All Mankind turns on a single change to history: in 1969 the Soviet cosmonaut Alexei
Leonov, not Neil Armstrong, is the first human on the Moon, and the space race never stops.
Star City begins at that same moment, seen from Moscow. Its subjects are the engineers, the
cosmonauts and the intelligence officers who keep watch over them, and what it costs to keep
claiming that the Soviet system is the better one. Expect more paranoia than triumph.</p>
<p>It is not meant to copy the parent series. As the showrunner Matt Wolpert put it:</p>
<blockquote><p>\u201cWe didn't want it to function as a mirror of For All Mankind. We really wanted
it to be its own show.\u201d</p></blockquote>
<h2>The cast</h2>
<ul>
<li>Rhys Ifans as the Chief Designer, the lead role</li>
<li>Anna Maxwell Martin as Lyudmilla, head of a KGB surveillance team</li>
<li>Solly McLeod as Sasha, a cosmonaut who is something of a loose cannon</li>
<li>Alice Englert as Anastasia, a cosmonaut who has yet to be tested</li>
<li>Adam Nagaitis as Valya, a respected veteran cosmonaut</li>
<li>Priya Kansara as Lakshmi, a scientist</li>
</ul>
<h2>The timeline</h2>
<p>For All Mankind moves on by about a decade every season. Star City was expected to do the
same, but after San Diego Comic-Con it was reported that its first season stays in the 1970s.
Ronald D. Moore has confirmed crossovers with the parent show; talk of a younger Margo Madison
or a young Sergei Nikulov turning up is, for now, only speculation.</p>
<h2>The release window</h2>
<p>The ten episodes were filmed mostly in Vilnius, Lithuania, during 2025, and the series is now
in post-production. Apple TV+ has added a placeholder for it to its catalogue, and the release is
expected late in 2026. There is no exact date yet.</p>
"""

REAL_TOWN_BODY = """
<p>The series takes its name from a real place. Star City, Zvyozdny gorodok in Russian, is a
closed town outside Moscow that houses the Yuri Gagarin Cosmonaut Training Center. For many
years it was left off maps.</p>
<p>It is still where cosmonauts train today.</p>
<h2>Where the show parts company with history</h2>
<p>In reality Apollo 11 put Neil Armstrong on the Moon first, and the Soviet N1 Moon rocket
failed every time it was launched. In the show the Soviets get the N1 working, and how they do it
is one of the stories the series sets out to tell. Sergei Korolev, the real Chief Designer, stayed
anonymous to the public until he died in 1966.</p>
"""

CROSSOVER_BODY = """
<p>Ronald D. Moore has confirmed that Star City and For All Mankind will cross over. Who makes
the crossing has not been announced.</p>
<p>Fans have suggested a younger Margo Madison, who works inside Roscosmos in For All Mankind's
fourth season, or a young Sergei Nikulov. Neither has been confirmed.</p>
"""


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
    shows = {show.slug: show for show in Show.objects.filter(slug__in=[STAR_CITY, FOR_ALL_MANKIND])}
    people = {person.name: person for person in Person.objects.all()}
    author = _desk_author()

    stories = [
        {
            "slug": "apple-tv-plus-launches-star-city",
            "title": "Apple TV+ launches Star City, the For All Mankind spin-off told from the Soviet side",
            "standfirst": "Rhys Ifans leads a paranoid space-race thriller that starts in 1969 with a Soviet "
            "cosmonaut on the Moon. It is expected late in 2026.",
            "body": LAUNCH_BODY,
            "category": "entertainment",
            "published_at": datetime.datetime(2026, 5, 31, 12, 0, tzinfo=UTC),
            "status": Status.PUBLISHED,
            "featured": True,
            "source_name": "Decider",
            "source_url": "https://decider.com/",
            "tags": ["star-city", "for-all-mankind", "apple-tv-plus", "casting"],
            "shows": [STAR_CITY, FOR_ALL_MANKIND],
            "people": [
                "Rhys Ifans",
                "Anna Maxwell Martin",
                "Solly McLeod",
                "Alice Englert",
                "Adam Nagaitis",
                "Priya Kansara",
                "Ben Nedivi",
                "Matt Wolpert",
                "Ronald D. Moore",
            ],
        },
        {
            "slug": "star-city-explained-premise-cast-timeline-release",
            "title": "Star City explained: the premise, the cast, the timeline and when it arrives",
            "standfirst": "Everything known so far about the For All Mankind spin-off that follows the "
            "Soviet space programme.",
            "body": EXPLAINER_BODY,
            "category": "explainers",
            "published_at": datetime.datetime(2026, 2, 16, 10, 0, tzinfo=UTC),
            "status": Status.PUBLISHED,
            "tags": ["star-city", "for-all-mankind", "casting", "release-date"],
            "shows": [STAR_CITY, FOR_ALL_MANKIND],
            "people": [
                "Rhys Ifans",
                "Anna Maxwell Martin",
                "Solly McLeod",
                "Alice Englert",
                "Adam Nagaitis",
                "Priya Kansara",
                "Matt Wolpert",
                "Ronald D. Moore",
            ],
        },
        {
            "slug": "the-real-star-city",
            "title": "The real Star City: the closed town behind the title",
            "standfirst": "The show is named after a Moscow-region town that trains cosmonauts to this day.",
            "body": REAL_TOWN_BODY,
            "category": "explainers",
            "published_at": _scheduled_time("the-real-star-city", now),
            "status": Status.PUBLISHED,  # with a future time: scheduled
            "tags": ["star-city", "real-history"],
            "shows": [STAR_CITY],
            "people": [],
        },
        {
            "slug": "star-city-for-all-mankind-crossovers",
            "title": "Star City and For All Mankind crossovers: what is confirmed",
            "standfirst": "The crossover is official; the names being passed around are not.",
            "body": CROSSOVER_BODY,
            "category": "entertainment",
            "published_at": None,
            "status": Status.DRAFT,
            "tags": ["star-city", "for-all-mankind"],
            "shows": [STAR_CITY, FOR_ALL_MANKIND],
            "people": ["Ronald D. Moore"],
        },
    ]
    heroes = 0
    for story in stories:
        is_new = not Article.objects.filter(slug=story["slug"]).exists()
        article = sync(
            Article,
            {"slug": story["slug"]},
            {
                "title": story["title"],
                "standfirst": story["standfirst"],
                # Compare with what save() will store, so an unchanged story is not re-saved.
                "body": sanitize_html(story["body"].strip()),
                "category": categories[story["category"]],
                "author": author,
                "status": story["status"],
                "published_at": story["published_at"],
                "featured": story.get("featured", False),
                "source_name": story.get("source_name", ""),
                "source_url": story.get("source_url", ""),
            },
            tally,
        )
        if article is None:  # an editor renamed it; its old URL redirects to the new one
            continue
        # add(), not set(): an editor's extra tags and links survive a reload.
        article.tags.add(*(tags[slug] for slug in story["tags"] if tags[slug] is not None))
        article.shows.add(*(shows[slug] for slug in story["shows"]))
        article.people.add(*(people[name] for name in story["people"] if name in people))
        heroes += attach_placeholder(
            article,
            text=article.title,
            size=HERO,
            title=article.title,
            alt=f"Placeholder illustration for \u201c{article.title}\u201d",
            image_caption="A generated illustration; no photograph accompanies this story.",
        )
        if is_new and article.published_at:
            # A story first loaded today was not "updated" today: its last change is its publication.
            Article.objects.filter(pk=article.pk).update(updated_at=article.published_at)
    stdout.write(f"news: {tally.summary()}; {heroes} hero images generated")


def _find_or_create(model, slug: str, name: str, defaults: dict, tally: Tally):
    """Categories and tags are found by slug or name and never changed: editors rename and merge them."""
    obj = model.objects.filter(slug=slug).first() or model.objects.filter(name=name).first()
    if obj is not None:
        tally["unchanged"] += 1
        return obj
    return sync(model, {"slug": slug}, {"name": name, **defaults}, tally)
