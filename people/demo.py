"""Demo content for people: Star City's cast and makers, their characters and credits.

Runs after ``shows.demo`` (INSTALLED_APPS order). Character counterparts in real history are
left to the ``universe`` app's loader. Called by ``manage.py load_demo``.
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils.text import slugify

from people.models import BillingLevel, Character, Credit, CreditKind, Person
from shows.demo import FOR_ALL_MANKIND, STAR_CITY
from shows.models import Show
from starcity_site.demo_tools import Tally, sync
from starcity_site.placeholders import PORTRAIT, attach_placeholder


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


CHARACTERS = [
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
    Role(
        "sasha",
        "Sasha",
        STAR_CITY,
        "A cosmonaut with a reckless streak, not always willing to stick to the plan.",
    ),
    Role(
        "anastasia",
        "Anastasia",
        STAR_CITY,
        "A woman in the cosmonaut corps who has yet to be tested in flight.",
    ),
    Role(
        "valya",
        "Valya",
        STAR_CITY,
        "A long-serving cosmonaut whose experience has earned the respect of the whole corps.",
    ),
    Role(
        "lakshmi",
        "Lakshmi",
        STAR_CITY,
        "A scientist in the world of Star City.",
    ),
    Role(
        "margo-madison",
        "Margo Madison",
        FOR_ALL_MANKIND,
        "A For All Mankind character who, by the fourth season, is working inside Roscosmos. Some fans "
        "hope a younger Margo will turn up in Star City; nobody has confirmed it.",
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
        "Runs Star City together with Matt Wolpert.",
        "Ben Nedivi shares the showrunner job on Star City with Matt Wolpert. Both come to the "
        "spin-off from For All Mankind, the series it grows out of.",
        "For All Mankind",
    ),
    Biography(
        "Matt Wolpert",
        "Runs Star City together with Ben Nedivi.",
        "Matt Wolpert is one of Star City's two showrunners, alongside Ben Nedivi, and like him is "
        "known for For All Mankind. He has said the pair wanted the spin-off to stand on its own "
        "rather than reflect the parent show.",
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
]

# (person, show, kind, character slug, billing order, note). The cast in the fact sheet's order,
# the Chief Designer first as the lead.
CREDITS = [
    ("Rhys Ifans", STAR_CITY, CreditKind.CAST, "chief-designer", 1, "lead"),
    ("Anna Maxwell Martin", STAR_CITY, CreditKind.CAST, "lyudmilla", 2, ""),
    ("Solly McLeod", STAR_CITY, CreditKind.CAST, "sasha", 3, ""),
    ("Alice Englert", STAR_CITY, CreditKind.CAST, "anastasia", 4, ""),
    ("Adam Nagaitis", STAR_CITY, CreditKind.CAST, "valya", 5, ""),
    ("Priya Kansara", STAR_CITY, CreditKind.CAST, "lakshmi", 6, ""),
    ("Ben Nedivi", STAR_CITY, CreditKind.SHOWRUNNER, None, 100, ""),
    ("Matt Wolpert", STAR_CITY, CreditKind.SHOWRUNNER, None, 100, ""),
    ("Ronald D. Moore", FOR_ALL_MANKIND, CreditKind.CREATOR, None, 100, "co-creator"),
]


def load(stdout) -> None:
    tally = Tally()
    shows = {show.slug: show for show in Show.objects.filter(slug__in=[STAR_CITY, FOR_ALL_MANKIND])}
    characters = {
        role.slug: sync(
            Character,
            {"slug": role.slug},
            {"name": role.name, "show": shows[role.show], "description": role.description},
            tally,
        )
        for role in CHARACTERS
    }
    people = {}
    for bio in PEOPLE:
        person = sync(
            Person,
            {"slug": slugify(bio.name)},
            {"name": bio.name, "short_bio": bio.short_bio, "bio": bio.bio, "known_for": bio.known_for},
            tally,
        )
        if person is not None:  # None: an editor renamed this person; leave their page alone
            people[bio.name] = person

    for name, show, kind, character, order, note in CREDITS:
        if name not in people:
            continue
        sync(
            Credit,
            {"person": people[name], "show": shows[show], "kind": kind, "season": None},
            {
                "character": characters.get(character),
                "billing_order": order,
                "billing": BillingLevel.MAIN,
                "note": note,
            },
            tally,
        )

    portraits = sum(
        attach_placeholder(person, text=person.name, size=PORTRAIT, alt=f"Placeholder portrait of {person.name}")
        for person in people.values()
    )
    stdout.write(f"people: {tally.summary()}; {portraits} portraits generated")
