"""Demo content for people: the casts and makers of Star City and For All Mankind, their
characters and credits.

Runs after ``shows.demo`` (INSTALLED_APPS order). Character counterparts in real history are
left to the ``universe`` app's loader. Every sentence is written for this site from the
project's fact sheet. Called by ``manage.py load_demo``.
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils.text import slugify

from library.drawn import attach_placeholder
from people.models import BillingLevel, Character, Credit, CreditKind, Person
from shows.demo import FOR_ALL_MANKIND, STAR_CITY
from shows.models import Season, Show
from starcity_site.demo_tools import Tally, sync
from starcity_site.placeholders import PORTRAIT
from starcity_site.rich_fields import text_to_html


class Role(NamedTuple):
    slug: str
    name: str
    show: str
    description: str


class Biography(NamedTuple):
    name: str
    short_bio: str
    bio: str
    known_for: str = ""


class Billing(NamedTuple):
    person: str
    show: str
    kind: str
    character: str | None = None
    order: int = 100
    note: str = ""
    season: int | None = None  # None: the whole show
    billing: str = BillingLevel.MAIN


CHARACTERS = [
    # Star City
    Role(
        "chief-designer",
        "The Chief Designer",
        STAR_CITY,
        "The engineer in charge of the Soviet rockets, known by his title rather than his name. "
        "The series is built around him.",
    ),
    Role(
        "lyudmilla",
        "Lyudmilla",
        STAR_CITY,
        "She leads a KGB surveillance team whose work is to keep watch on the people of the space programme.",
    ),
    Role("sasha", "Sasha", STAR_CITY, "A cosmonaut with a reckless streak, not always willing to stick to the plan."),
    Role("anastasia", "Anastasia", STAR_CITY, "A woman in the cosmonaut corps who has yet to be tested in flight."),
    Role(
        "valya",
        "Valya",
        STAR_CITY,
        "A long-serving cosmonaut whose experience has earned the respect of the whole corps.",
    ),
    Role("lakshmi", "Lakshmi", STAR_CITY, "A scientist in the world of Star City."),
    # For All Mankind
    Role(
        "ed-baldwin",
        "Ed Baldwin",
        FOR_ALL_MANKIND,
        "Edward \u201cEd\u201d Baldwin, one of the NASA astronauts the series follows.",
    ),
    Role(
        "gordo-stevens",
        "Gordo Stevens",
        FOR_ALL_MANKIND,
        "Gordon \u201cGordo\u201d Stevens, a NASA astronaut.",
    ),
    Role("tracy-stevens", "Tracy Stevens", FOR_ALL_MANKIND, "Tracy Stevens, an astronaut."),
    Role(
        "karen-baldwin", "Karen Baldwin", FOR_ALL_MANKIND, "Karen Baldwin, one of the first season's main characters."
    ),
    Role(
        "margo-madison",
        "Margo Madison",
        FOR_ALL_MANKIND,
        "A flight controller who rises to run NASA and, by the fourth season, is working inside "
        "Roscosmos. Some fans hope a younger Margo will turn up in Star City; nobody has confirmed it.",
    ),
    Role(
        "ellen-waverly",
        "Ellen Waverly",
        FOR_ALL_MANKIND,
        "An astronaut who later turns to politics.",
    ),
    Role("molly-cobb", "Molly Cobb", FOR_ALL_MANKIND, "One of NASA's astronauts."),
    Role("danielle-poole", "Danielle Poole", FOR_ALL_MANKIND, "One of NASA's astronauts."),
    Role("aleida-rosales", "Aleida Rosales", FOR_ALL_MANKIND, "An engineer who comes to the fore in later seasons."),
    Role(
        "sergei-nikulov",
        "Sergei Nikulov",
        FOR_ALL_MANKIND,
        "A Soviet official who becomes close to Margo Madison. A young Sergei in Star City has been "
        "talked about, but not confirmed.",
    ),
    Role(
        "wernher-von-braun",
        "Wernher von Braun",
        FOR_ALL_MANKIND,
        "The series' portrayal of the real rocket engineer who led the building of NASA's Saturn V.",
    ),
    Role(
        "deke-slayton",
        "Deke Slayton",
        FOR_ALL_MANKIND,
        "The series' portrayal of the real NASA astronaut.",
    ),
]

PEOPLE = [
    Biography(
        "Rhys Ifans",
        "Leads the Star City cast as the Chief Designer.",
        "Rhys Ifans heads the cast of Star City in the role of the Chief Designer, the engineer at "
        "the centre of the Soviet push into space. Television audiences will know him as Otto "
        "Hightower in House of the Dragon.",
        "Otto Hightower in House of the Dragon",
    ),
    Biography(
        "Anna Maxwell Martin",
        "Plays Lyudmilla, the KGB officer watching over Star City.",
        "Anna Maxwell Martin joins Star City as Lyudmilla, who runs a KGB team keeping the space "
        "programme under surveillance. Her earlier television work includes Line of Duty and "
        "Motherland.",
        "Line of Duty; Motherland",
    ),
    Biography(
        "Solly McLeod",
        "Plays Sasha, a cosmonaut who does things his own way.",
        "Solly McLeod is Sasha in Star City: a cosmonaut with a habit of going off script.",
    ),
    Biography(
        "Alice Englert",
        "Plays Anastasia, a cosmonaut still waiting for her first test.",
        "Alice Englert takes the part of Anastasia in Star City, a woman cosmonaut who has not yet "
        "had the chance to prove herself.",
    ),
    Biography(
        "Adam Nagaitis",
        "Plays Valya, a veteran of the cosmonaut corps.",
        "Adam Nagaitis plays Valya in Star City, a seasoned cosmonaut with the respect of the corps. "
        "Earlier, he was seen in Chernobyl.",
        "Chernobyl",
    ),
    Biography(
        "Priya Kansara",
        "Plays Lakshmi, a scientist.",
        "Priya Kansara is cast as Lakshmi, a scientist, in Star City.",
    ),
    Biography(
        "Ben Nedivi",
        "Co-created For All Mankind; runs Star City with Matt Wolpert.",
        "Ben Nedivi is one of the three creators of For All Mankind, with Ronald D. Moore and Matt "
        "Wolpert, and shares the showrunner job on its spin-off Star City with Wolpert.",
        "For All Mankind",
    ),
    Biography(
        "Matt Wolpert",
        "Co-created For All Mankind; runs Star City with Ben Nedivi.",
        "Matt Wolpert co-created For All Mankind and is one of Star City's two showrunners, "
        "alongside Ben Nedivi. He has said the pair wanted the spin-off to stand on its own rather "
        "than reflect the parent show.",
        "For All Mankind",
    ),
    Biography(
        "Ronald D. Moore",
        "Co-creator of For All Mankind.",
        "Ronald D. Moore co-created For All Mankind, the series Star City spins off from. He has "
        "confirmed that the two shows will cross over; which characters will make the trip has not "
        "been announced.",
        "For All Mankind",
    ),
    Biography(
        "Joel Kinnaman",
        "Plays the astronaut Ed Baldwin in For All Mankind.",
        "Joel Kinnaman is in For All Mankind's first-season main cast as Edward \u201cEd\u201d "
        "Baldwin, one of the NASA astronauts the series follows.",
    ),
    Biography(
        "Michael Dorman",
        "Plays the astronaut Gordo Stevens in For All Mankind.",
        "Michael Dorman is Gordon \u201cGordo\u201d Stevens, a NASA astronaut, in For All "
        "Mankind's first-season main cast.",
    ),
    Biography(
        "Sarah Jones",
        "Plays the astronaut Tracy Stevens in For All Mankind.",
        "Sarah Jones is in For All Mankind's first-season main cast as the astronaut Tracy Stevens.",
    ),
    Biography(
        "Shantel VanSanten",
        "Plays Karen Baldwin in For All Mankind.",
        "Shantel VanSanten is Karen Baldwin in For All Mankind's first-season main cast.",
    ),
    Biography(
        "Wrenn Schmidt",
        "Plays Margo Madison in For All Mankind.",
        "Wrenn Schmidt plays Margo Madison, who starts as a flight controller and rises to lead "
        "NASA. Her story takes her to Roscosmos in the fourth season.",
    ),
    Biography(
        "Jodi Balfour",
        "Plays Ellen Waverly in For All Mankind.",
        "Jodi Balfour plays Ellen Waverly, an astronaut who later goes into politics.",
    ),
    Biography(
        "Sonya Walger",
        "Plays the astronaut Molly Cobb in For All Mankind.",
        "Sonya Walger is in For All Mankind's first-season main cast as the astronaut Molly Cobb.",
    ),
    Biography(
        "Krys Marshall",
        "Plays the astronaut Danielle Poole in For All Mankind.",
        "Krys Marshall plays Danielle Poole, one of the astronauts of For All Mankind's main cast.",
    ),
    Biography(
        "Coral Pe\u00f1a",
        "Plays the engineer Aleida Rosales in For All Mankind.",
        "Coral Pe\u00f1a joined For All Mankind's main cast in its later seasons as the engineer Aleida Rosales.",
    ),
    Biography(
        "Piotr Adamczyk",
        "Plays Sergei Nikulov in For All Mankind.",
        "Piotr Adamczyk plays Sergei Nikulov, the Soviet official close to Margo Madison, in later "
        "seasons of For All Mankind.",
    ),
    Biography(
        "Colm Feore",
        "Plays Wernher von Braun in For All Mankind.",
        "Colm Feore plays the rocket engineer Wernher von Braun, one of the real people For All "
        "Mankind brings into its story.",
    ),
    Biography(
        "Chris Bauer",
        "Plays Deke Slayton in For All Mankind.",
        "Chris Bauer plays the real astronaut Deke Slayton in For All Mankind.",
    ),
]

# Star City's cast in the fact sheet's order, the Chief Designer first as the lead; For All
# Mankind's main cast of season 1, then the later arrivals and the real people it portrays.
CREDITS = [
    Billing("Rhys Ifans", STAR_CITY, CreditKind.CAST, "chief-designer", 1, "lead"),
    Billing("Anna Maxwell Martin", STAR_CITY, CreditKind.CAST, "lyudmilla", 2),
    Billing("Solly McLeod", STAR_CITY, CreditKind.CAST, "sasha", 3),
    Billing("Alice Englert", STAR_CITY, CreditKind.CAST, "anastasia", 4),
    Billing("Adam Nagaitis", STAR_CITY, CreditKind.CAST, "valya", 5),
    Billing("Priya Kansara", STAR_CITY, CreditKind.CAST, "lakshmi", 6),
    Billing("Ben Nedivi", STAR_CITY, CreditKind.SHOWRUNNER),
    Billing("Matt Wolpert", STAR_CITY, CreditKind.SHOWRUNNER),
    Billing("Joel Kinnaman", FOR_ALL_MANKIND, CreditKind.CAST, "ed-baldwin", 1),
    Billing("Michael Dorman", FOR_ALL_MANKIND, CreditKind.CAST, "gordo-stevens", 2, season=1),
    Billing("Sarah Jones", FOR_ALL_MANKIND, CreditKind.CAST, "tracy-stevens", 3, season=1),
    Billing("Shantel VanSanten", FOR_ALL_MANKIND, CreditKind.CAST, "karen-baldwin", 4, season=1),
    Billing("Wrenn Schmidt", FOR_ALL_MANKIND, CreditKind.CAST, "margo-madison", 5),
    Billing("Jodi Balfour", FOR_ALL_MANKIND, CreditKind.CAST, "ellen-waverly", 6, season=1),
    Billing("Sonya Walger", FOR_ALL_MANKIND, CreditKind.CAST, "molly-cobb", 7, season=1),
    Billing("Krys Marshall", FOR_ALL_MANKIND, CreditKind.CAST, "danielle-poole", 8),
    Billing("Coral Pe\u00f1a", FOR_ALL_MANKIND, CreditKind.CAST, "aleida-rosales", 9, "later seasons"),
    Billing("Piotr Adamczyk", FOR_ALL_MANKIND, CreditKind.CAST, "sergei-nikulov", 10, "later seasons"),
    Billing("Colm Feore", FOR_ALL_MANKIND, CreditKind.CAST, "wernher-von-braun", 20, billing=BillingLevel.RECURRING),
    Billing("Chris Bauer", FOR_ALL_MANKIND, CreditKind.CAST, "deke-slayton", 21, billing=BillingLevel.RECURRING),
    Billing("Ronald D. Moore", FOR_ALL_MANKIND, CreditKind.CREATOR, order=100, note="co-creator"),
    Billing("Matt Wolpert", FOR_ALL_MANKIND, CreditKind.CREATOR, order=101, note="co-creator"),
    Billing("Ben Nedivi", FOR_ALL_MANKIND, CreditKind.CREATOR, order=102, note="co-creator"),
]


def load(stdout) -> None:
    tally = Tally()
    shows = {show.slug: show for show in Show.objects.filter(slug__in=[STAR_CITY, FOR_ALL_MANKIND])}
    seasons = {
        (s.show.slug, s.number): s for s in Season.objects.filter(show__in=shows.values()).select_related("show")
    }
    characters = {
        role.slug: sync(
            Character,
            {"slug": role.slug},
            {"name": role.name, "show": shows[role.show], "description": text_to_html(role.description)},
            tally,
        )
        for role in CHARACTERS
    }
    people = {}
    for bio in PEOPLE:
        person = sync(
            Person,
            {"slug": slugify(bio.name)},
            {"name": bio.name, "short_bio": bio.short_bio, "bio": text_to_html(bio.bio), "known_for": bio.known_for},
            tally,
        )
        if person is not None:  # None: an editor renamed this person; leave their page alone
            people[bio.name] = person

    for credit in CREDITS:
        if credit.person not in people:
            continue
        season = seasons.get((credit.show, credit.season)) if credit.season else None
        sync(
            Credit,
            {"person": people[credit.person], "show": shows[credit.show], "kind": credit.kind, "season": season},
            {
                "character": characters.get(credit.character),
                "billing_order": credit.order,
                "billing": credit.billing,
                "note": credit.note,
            },
            tally,
        )

    portraits = sum(
        attach_placeholder(
            person,
            title=f"Portrait: {person.name}",
            kind="portrait",
            text=person.name,
            size=PORTRAIT,
            alt=f"Drawn name card for {person.name}",
            kicker=_role_line(person.name),
        )
        for person in people.values()
    )
    stdout.write(f"people: {tally.summary()}; {portraits} portraits generated")


def _role_line(name: str) -> str:
    """What the portrait card says under the name: the first role in the credits above."""
    credit = next(c for c in CREDITS if c.person == name)
    if credit.character:
        role = next(r for r in CHARACTERS if r.slug == credit.character)
        return f"as {role.name}"
    return {CreditKind.SHOWRUNNER: "showrunner", CreditKind.CREATOR: "co-creator"}.get(credit.kind, "")
