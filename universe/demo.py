"""Demo content for the universe: historical figures, places, glossary terms, aliases and the
timeline of real history against the shows' history.

Runs last in ``manage.py load_demo`` (INSTALLED_APPS order), after the shows and characters it
links to exist. Idempotent through ``sync``. Only what the project's fact sheet supports, plus
the figures' well-documented birth and death dates; every sentence written for this site.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType

from news.models import Article
from people.models import Character, CharacterAppearance
from shows.demo import FOR_ALL_MANKIND, STAR_CITY
from shows.models import Episode, Show
from starcity_site.demo_tools import Tally, sync
from starcity_site.rich_fields import text_to_html
from universe.models import Alias, GlossaryTerm, HistoricalFigure, Place, Precision, Relation, TimelineEvent

KOROLEV, LEONOV, ARMSTRONG = "sergei-korolev", "alexei-leonov", "neil-armstrong"
GAGARIN, TERESHKOVA = "yuri-gagarin", "valentina-tereshkova"
VON_BRAUN, SLAYTON = "wernher-von-braun", "deke-slayton"
SAME_IN_SHOWS = "The same in the shows: this happens before their history parts from ours in 1969."
UNTOLD = "The shows have not said whether this happens in their history."

FIGURES = {
    KOROLEV: {
        "name": "Sergei Korolev",
        "role": "Chief Designer of the Soviet space programme",
        "summary": (
            "The engineer who led Soviet rocket design through the first years of the space race. "
            "To the public he was only ever \u201cthe Chief Designer\u201d: the state kept his name a "
            "secret for as long as he lived, and only revealed it after his death in 1966."
        ),
        "born": datetime.date(1907, 1, 12),
        "died": datetime.date(1966, 1, 14),
    },
    LEONOV: {
        "name": "Alexei Leonov",
        "role": "Soviet cosmonaut",
        "summary": (
            "A cosmonaut of the first Soviet generation. In our history he never reached the Moon; "
            "For All Mankind begins by imagining that he did, and that he got there first."
        ),
        "born": datetime.date(1934, 5, 30),
        "died": datetime.date(2019, 10, 11),
    },
    ARMSTRONG: {
        "name": "Neil Armstrong",
        "role": "American astronaut, commander of Apollo 11",
        "summary": (
            "In real history the first human being to step onto the Moon, in July 1969. In the "
            "world of the shows he arrives second."
        ),
        "born": datetime.date(1930, 8, 5),
        "died": datetime.date(2012, 8, 25),
    },
    GAGARIN: {
        "name": "Yuri Gagarin",
        "role": "Soviet cosmonaut, the first human in space",
        "summary": (
            "Flew Vostok 1 on 12 April 1961 and became the first person to travel into space. The "
            "cosmonaut training centre in Star City carries his name."
        ),
        "born": datetime.date(1934, 3, 9),
        "died": datetime.date(1968, 3, 27),
    },
    TERESHKOVA: {
        "name": "Valentina Tereshkova",
        "role": "Soviet cosmonaut, the first woman in space",
        "summary": "Flew Vostok 6 in June 1963, the first woman to go into space.",
        "born": datetime.date(1937, 3, 6),
        "died": None,
    },
    VON_BRAUN: {
        "name": "Wernher von Braun",
        "role": "Rocket engineer behind NASA's Saturn V",
        "summary": (
            "The engineer who led the building of the Saturn V, the rocket that carried the Apollo "
            "crews to the Moon. For All Mankind brings him into its story, played by Colm Feore."
        ),
        "born": datetime.date(1912, 3, 23),
        "died": datetime.date(1977, 6, 16),
    },
    SLAYTON: {
        "name": "Deke Slayton",
        "role": "NASA astronaut",
        "summary": "One of NASA's astronauts, portrayed in For All Mankind by Chris Bauer.",
        "born": datetime.date(1924, 3, 1),
        "died": datetime.date(1993, 6, 13),
    },
}

PLACES = {
    "star-city": {
        "name": "Star City",
        "description": (
            "A closed town outside Moscow, built around the Yuri Gagarin Cosmonaut Training Center, "
            "where cosmonauts still train today. For a long time it did not appear on maps. The "
            "spin-off series borrows its name."
        ),
        "shows": [STAR_CITY, FOR_ALL_MANKIND],
    },
    "baikonur": {
        "name": "Baikonur",
        "description": "The Soviet launch site on the steppe of Kazakhstan, from which the crewed flights set off.",
        "shows": [STAR_CITY],
    },
    "vilnius": {
        "name": "Vilnius",
        "description": (
            "The capital of Lithuania, where much of Star City was filmed during 2025, standing in for the Soviet Union."
        ),
        "shows": [STAR_CITY],
    },
}

TERMS = {
    "n1": {
        "term": "N1",
        "definition": (
            "The giant Soviet rocket meant to carry cosmonauts to the Moon. In reality it never "
            "completed a single flight; in the shows' history the Soviet engineers make it work."
        ),
        "shows": [STAR_CITY, FOR_ALL_MANKIND],
    },
    "chief-designer": {
        "term": "Chief Designer",
        "definition": (
            "The title under which the head of Soviet rocket design was known while his real name "
            "stayed secret. Star City gives the title to its lead character."
        ),
        "shows": [STAR_CITY],
    },
    "cosmonaut": {
        "term": "Cosmonaut",
        "definition": "A Soviet or Russian space traveller: the word the USSR used where America said astronaut.",
        "shows": [STAR_CITY, FOR_ALL_MANKIND],
    },
    "kgb": {
        "term": "KGB",
        "definition": (
            "The Soviet security and intelligence service. In Star City its officers watch the "
            "engineers and cosmonauts as closely as the rockets."
        ),
        "shows": [STAR_CITY],
    },
    "roscosmos": {
        "term": "Roscosmos",
        "definition": (
            "Russia's space agency, heir to the Soviet programme. In For All Mankind's fourth "
            "season, Margo Madison ends up working inside it."
        ),
        "shows": [FOR_ALL_MANKIND],
    },
}


class AliasSpec(NamedTuple):
    text: str
    language: str = ""


# (model, slug) → aliases. Cyrillic spellings carry lang="ru" on the page.
ALIASES = {
    (HistoricalFigure, KOROLEV): [AliasSpec("Korolyov"), AliasSpec("Королёв", "ru"), AliasSpec("Сергей Королёв", "ru")],
    (HistoricalFigure, LEONOV): [AliasSpec("Aleksei Leonov"), AliasSpec("Алексей Леонов", "ru")],
    (HistoricalFigure, GAGARIN): [AliasSpec("Юрий Гагарин", "ru")],
    (HistoricalFigure, TERESHKOVA): [AliasSpec("Валентина Терешкова", "ru")],
    (Character, "chief-designer"): [AliasSpec("Korolev"), AliasSpec("Korolyov"), AliasSpec("Королёв", "ru")],
    (Place, "star-city"): [
        AliasSpec("Zvyozdny gorodok"),
        AliasSpec("Zvezdny gorodok"),
        AliasSpec("Звёздный городок", "ru"),
    ],
    (Place, "baikonur"): [AliasSpec("Baykonur"), AliasSpec("Байконур", "ru")],
    (GlossaryTerm, "n1"): [AliasSpec("N-1"), AliasSpec("Н1", "ru")],
    (GlossaryTerm, "chief-designer"): [AliasSpec("Главный конструктор", "ru")],
    (GlossaryTerm, "cosmonaut"): [AliasSpec("космонавт", "ru")],
    (GlossaryTerm, "kgb"): [AliasSpec("КГБ", "ru"), AliasSpec("Committee for State Security")],
    (GlossaryTerm, "roscosmos"): [AliasSpec("Роскосмос", "ru")],
}

# Characters drawn from real people: (character slug, figure slug, what the show changed).
PORTRAYALS = [
    (
        "wernher-von-braun",
        VON_BRAUN,
        "The real engineer placed in the show's alternate history, where the Moon race goes on past 1969.",
    ),
    ("deke-slayton", SLAYTON, "The real astronaut placed in the show's alternate history."),
]

COUNTERPART_NOTE = (
    "Korolev died in 1966, three years before the Moon landing that opens the series, and never "
    "saw his Moon rocket fly. Star City keeps a Chief Designer at the head of the programme in "
    "1969 and lets him make the N1 work; the character is written for the series and played by "
    "Rhys Ifans."
)


class Event(NamedTuple):
    slug: str
    date: datetime.date
    precision: int
    title: str
    relation: str
    real_history: str
    show_history: str
    shows: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    episodes: tuple[tuple[str, int, int], ...] = ()  # (show slug, season, episode)
    articles: tuple[str, ...] = ()  # slugs of the news stories that tell it


EVENTS = [
    Event(
        "star-city-the-town",
        datetime.date(1960, 1, 1),
        Precision.DECADE,
        "A town that is not on the map",
        Relation.SAME,
        "Outside Moscow a closed town grows up around the cosmonaut training centre, later named "
        "after Yuri Gagarin. For decades it is left off maps.",
        "The same town is the home of the cosmonauts in both series, and gives the spin-off its title.",
        shows=(STAR_CITY, FOR_ALL_MANKIND),
        places=("star-city",),
        articles=("the-real-star-city",),
    ),
    Event(
        "the-chief-designer-era",
        datetime.date(1960, 1, 1),
        Precision.DECADE,
        "The man known only as the Chief Designer",
        Relation.DIVERGED,
        "Sergei Korolev runs the design of Soviet rockets, but the public never learns his name: "
        "the newspapers speak only of a Chief Designer.",
        "The Chief Designer is still at the head of the programme when the series begins in 1969.",
        shows=(STAR_CITY,),
        figures=(KOROLEV,),
        characters=("chief-designer",),
    ),
    Event(
        "death-of-korolev",
        datetime.date(1966, 1, 14),
        Precision.DAY,
        "Korolev dies, and his name is finally published",
        Relation.DIVERGED,
        "Sergei Korolev dies in January 1966. Only then does the Soviet state reveal who its Chief Designer had been.",
        "The show's Chief Designer lives on into the Moon race of 1969 and beyond.",
        shows=(STAR_CITY,),
        figures=(KOROLEV,),
        characters=("chief-designer",),
        articles=("sergei-korolev-the-chief-designer",),
    ),
    Event(
        "the-n1-rocket",
        datetime.date(1969, 1, 1),
        Precision.YEAR,
        "The N1 Moon rocket",
        Relation.DIVERGED,
        "The Soviet Moon rocket fails on every launch it ever makes, and never carries anyone anywhere.",
        "The Soviet engineers get the N1 working. How they manage it is one of the stories Star City sets out to tell.",
        shows=(STAR_CITY, FOR_ALL_MANKIND),
        places=("baikonur",),
        articles=("the-n1-four-launches-four-failures",),
    ),
    Event(
        "first-steps-on-the-moon",
        datetime.date(1969, 7, 20),
        Precision.DAY,
        "The first steps on the Moon",
        Relation.DIVERGED,
        "Apollo 11 lands, and Neil Armstrong becomes the first person to walk on the Moon.",
        "A Soviet cosmonaut, Alexei Leonov, is first on the Moon. The space race does not end "
        "there, and both series grow out of that moment.",
        shows=(STAR_CITY, FOR_ALL_MANKIND),
        figures=(LEONOV, ARMSTRONG),
        episodes=((FOR_ALL_MANKIND, 1, 1), (STAR_CITY, 1, 1)),
        articles=("red-moon-revisited", "where-the-shows-leave-real-history"),
    ),
    Event(
        "star-city-season-one",
        datetime.date(1970, 1, 1),
        Precision.DECADE,
        "Star City's first season",
        Relation.SHOW_ONLY,
        "",
        "Engineers, cosmonauts and the KGB officers who watch them, through the 1970s: the first "
        "season of the spin-off stays in this one decade.",
        shows=(STAR_CITY,),
        characters=("chief-designer", "lyudmilla", "sasha", "anastasia", "valya", "lakshmi"),
    ),
    Event(
        "margo-in-roscosmos",
        datetime.date(2000, 1, 1),
        Precision.DECADE,
        "Margo Madison inside Roscosmos",
        Relation.SHOW_ONLY,
        "",
        "For All Mankind's fourth season spends much of its time in Russia, where Margo Madison now works inside Roscosmos.",
        shows=(FOR_ALL_MANKIND,),
        characters=("margo-madison",),
    ),
]

FIRSTS = "soviet-firsts-gagarin-tereshkova-leonov"
N1_STORY = "the-n1-four-launches-four-failures"


def _real(slug, date, precision, title, real, show=UNTOLD, relation=Relation.REAL_ONLY, **links) -> Event:
    """An event of the real Soviet programme; after 1969 the shows' side of it is untold."""
    return Event(slug, date, precision, title, relation, real, show, shows=(STAR_CITY, FOR_ALL_MANKIND), **links)


N1_IN_SHOWS = (
    "In the shows the Soviets get the N1 working in the end; how they do it is one of the stories "
    "Star City sets out to tell."
)

REAL_EVENTS = [
    _real(
        "gagarin-vostok-1",
        datetime.date(1961, 4, 12),
        Precision.DAY,
        "Gagarin, the first human in space",
        "Yuri Gagarin orbits the Earth in Vostok 1.",
        SAME_IN_SHOWS,
        Relation.SAME,
        figures=(GAGARIN,),
        places=("baikonur",),
        articles=(FIRSTS,),
    ),
    _real(
        "tereshkova-vostok-6",
        datetime.date(1963, 6, 16),
        Precision.DAY,
        "Tereshkova, the first woman in space",
        "Valentina Tereshkova flies Vostok 6.",
        SAME_IN_SHOWS,
        Relation.SAME,
        figures=(TERESHKOVA,),
        articles=(FIRSTS,),
    ),
    _real(
        "leonov-first-spacewalk",
        datetime.date(1965, 3, 18),
        Precision.DAY,
        "Leonov's first spacewalk",
        "Alexei Leonov leaves Voskhod 2 and becomes the first person to walk in space.",
        SAME_IN_SHOWS,
        Relation.SAME,
        figures=(LEONOV,),
        articles=(FIRSTS,),
    ),
    _real(
        "n1-first-launch",
        datetime.date(1969, 2, 21),
        Precision.DAY,
        "The N1's first launch fails",
        "The first Soviet Moon rocket to be launched fails in flight.",
        N1_IN_SHOWS,
        Relation.DIVERGED,
        articles=(N1_STORY,),
        places=("baikonur",),
    ),
    _real(
        "n1-second-launch",
        datetime.date(1969, 7, 3),
        Precision.DAY,
        "The second N1 destroys its launch pad",
        "The second N1 fails and falls back onto its launch complex, wrecking the pad.",
        N1_IN_SHOWS,
        Relation.DIVERGED,
        articles=(N1_STORY,),
        places=("baikonur",),
    ),
    _real(
        "luna-16",
        datetime.date(1970, 9, 1),
        Precision.MONTH,
        "Luna 16 brings back Moon soil",
        "An uncrewed Soviet probe returns a sample of lunar soil to Earth.",
        articles=(FIRSTS,),
    ),
    _real(
        "lunokhod-1",
        datetime.date(1970, 11, 1),
        Precision.MONTH,
        "Lunokhod 1, the first rover on the Moon",
        "A remote-controlled Soviet rover starts to drive across the lunar surface.",
        articles=(FIRSTS,),
    ),
    _real(
        "salyut-1",
        datetime.date(1971, 4, 1),
        Precision.MONTH,
        "Salyut 1, the first space station",
        "The Soviet Union launches the first space station.",
        articles=(FIRSTS,),
    ),
    _real(
        "soyuz-11",
        datetime.date(1971, 6, 1),
        Precision.MONTH,
        "The Soyuz 11 crew is lost",
        "The crew of Soyuz 11 die on their way back to Earth from Salyut 1.",
        articles=(FIRSTS,),
    ),
    _real(
        "n1-third-launch",
        datetime.date(1971, 6, 27),
        Precision.DAY,
        "The N1's third launch fails",
        "The third N1 fails as well.",
        N1_IN_SHOWS,
        Relation.DIVERGED,
        articles=(N1_STORY,),
    ),
    _real(
        "n1-fourth-launch",
        datetime.date(1972, 11, 23),
        Precision.DAY,
        "The last N1 launch fails",
        "The fourth and final N1 launch ends in failure; the rocket never completes a flight.",
        N1_IN_SHOWS,
        Relation.DIVERGED,
        articles=(N1_STORY,),
    ),
    _real(
        "apollo-soyuz",
        datetime.date(1975, 7, 1),
        Precision.MONTH,
        "Apollo\u2013Soyuz",
        "The first joint flight of the United States and the Soviet Union; Alexei Leonov commands the Soyuz.",
        figures=(LEONOV,),
        articles=(FIRSTS,),
    ),
    Event(
        "for-all-mankind-1980s",
        datetime.date(1980, 1, 1),
        Precision.DECADE,
        "For All Mankind's second season",
        Relation.SHOW_ONLY,
        "",
        "For All Mankind jumps about ten years ahead: its second season is set in the 1980s.",
        shows=(FOR_ALL_MANKIND,),
    ),
    Event(
        "for-all-mankind-1990s",
        datetime.date(1990, 1, 1),
        Precision.DECADE,
        "For All Mankind's third season",
        Relation.SHOW_ONLY,
        "",
        "Another decade on: the third season carries the rivalry into the 1990s.",
        shows=(FOR_ALL_MANKIND,),
    ),
]


def load(stdout) -> None:
    tally = Tally()
    shows = {show.slug: show for show in Show.objects.filter(slug__in=[STAR_CITY, FOR_ALL_MANKIND])}
    figures = {
        slug: sync(HistoricalFigure, {"slug": slug}, _rich(values, "summary"), tally)
        for slug, values in FIGURES.items()
    }
    places = _with_shows(Place, {slug: _rich(spec, "description") for slug, spec in PLACES.items()}, shows, tally)
    terms = _with_shows(GlossaryTerm, {slug: _rich(spec, "definition") for slug, spec in TERMS.items()}, shows, tally)
    characters = {c.slug: c for c in Character.objects.select_related("show")}

    designer = characters.get("chief-designer")
    if designer is not None and figures[KOROLEV] is not None:
        sync(
            Character,
            {"pk": designer.pk},
            {"counterpart": figures[KOROLEV], "counterpart_note": text_to_html(COUNTERPART_NOTE)},
            tally,
        )
    for slug, figure, note in PORTRAYALS:
        if slug in characters and figures.get(figure) is not None:
            sync(
                Character,
                {"pk": characters[slug].pk},
                {"counterpart": figures[figure], "counterpart_note": text_to_html(note)},
                tally,
            )
    _first_appearances(characters.values(), tally)
    episodes = {
        (e.season.show.slug, e.season.number, e.number): e for e in Episode.objects.with_show().filter(season__number=1)
    }
    articles = {a.slug: a for a in Article.objects.only("pk", "slug")}

    targets = {HistoricalFigure: figures, Character: characters, Place: places, GlossaryTerm: terms}
    for (model, slug), specs in ALIASES.items():
        target = targets[model].get(slug)
        if target is None:
            continue
        content_type = ContentType.objects.get_for_model(model)
        for spec in specs:
            sync(
                Alias,
                {"content_type": content_type, "object_id": target.pk, "text": spec.text},
                {"language": spec.language},
                tally,
            )

    for event in [*EVENTS, *REAL_EVENTS]:
        obj = sync(
            TimelineEvent,
            {"slug": event.slug},
            {
                "date": event.date,
                "precision": event.precision,
                "title": event.title,
                "relation": event.relation,
                "real_history": text_to_html(event.real_history),
                "show_history": text_to_html(event.show_history),
            },
            tally,
        )
        if obj is None:
            continue
        _set(obj.shows, [shows[s] for s in event.shows if s in shows])
        _set(obj.figures, [figures[s] for s in event.figures if figures.get(s)])
        _set(obj.characters, [characters[s] for s in event.characters if s in characters])
        _set(obj.places, [places[s] for s in event.places if places.get(s)])
        _set(obj.episodes, [episodes[key] for key in event.episodes if key in episodes])
        _set(obj.articles, [articles[s] for s in event.articles if s in articles])
    stdout.write(f"universe: {tally.summary()}")


def _rich(spec: dict, field: str) -> dict:
    """The spec with its long text written as the editor stores it (paragraphs of HTML)."""
    return {**spec, field: text_to_html(spec.get(field, ""))}


def _with_shows(model, specs: dict, shows: dict, tally: Tally) -> dict:
    found = {}
    for slug, spec in specs.items():
        values = {key: value for key, value in spec.items() if key != "shows"}
        obj = found[slug] = sync(model, {"slug": slug}, values, tally)
        if obj is not None:
            _set(obj.shows, [shows[s] for s in spec["shows"] if s in shows])
    return found


def _first_appearances(characters, tally: Tally) -> None:
    """Every character appears in their own show; Star City's main cast from its first episode."""
    firsts = {
        episode.season.show_id: episode
        for episode in Episode.objects.filter(season__number=1, number=1).select_related("season")
    }
    for character in characters:
        first = firsts.get(character.show_id) if character.show.slug == STAR_CITY else None
        sync(CharacterAppearance, {"character": character, "show": character.show}, {"first_episode": first}, tally)


def _set(manager, objects: list) -> None:
    """Set a many-to-many only when it differs: an unchanged second load writes nothing."""
    if {obj.pk for obj in manager.all()} != {obj.pk for obj in objects}:
        manager.set(objects)
