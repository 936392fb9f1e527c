"""Demo content for shows: For All Mankind, Star City and Star City's first season.

Only what the project's fact sheet supports: no premiere day, no episode titles or air dates,
no end date for For All Mankind. Called by ``manage.py load_demo``.
"""

from __future__ import annotations

import datetime

from shows.models import DatePrecision, Episode, Season, Show, ShowStatus
from starcity_site.demo_tools import Tally, sync
from starcity_site.placeholders import POSTER, attach_placeholder

FOR_ALL_MANKIND = "for-all-mankind"
STAR_CITY = "star-city"

FAM_SYNOPSIS = (
    "An alternate history that turns on one night in 1969: a Soviet cosmonaut, Alexei Leonov, is "
    "the first person to set foot on the Moon, and the contest between the superpowers never winds "
    "down. Each season moves the story on by roughly ten years, following the astronauts, engineers "
    "and families who keep pushing further out."
)

STAR_CITY_SYNOPSIS = (
    "The first spin-off of For All Mankind goes back to 1969 and looks at the same moment from "
    "Moscow's side: the Soviet Union has won the race to the Moon, and now it has to keep winning. "
    "Engineers and cosmonauts work under the eyes of the intelligence officers assigned to watch "
    "them, in a story about the price of a claim to superiority, where suspicion counts for more "
    "than glory. Apple calls it a \u201cpropulsive, paranoid thriller\u201d.\n\n"
    "The title comes from the real closed town near Moscow that is home to the Yuri Gagarin "
    "Cosmonaut Training Center, a place that for a long time did not appear on maps."
)

FAM_SEASONS = {
    1: (
        "1970s",
        "The first decade after the Soviet Moon landing, with the space race still running at full tilt.",
    ),
    2: ("1980s", "The story jumps about ten years ahead, into the 1980s."),
    3: ("1990s", "Another jump of roughly a decade carries the rivalry into the 1990s."),
    4: (
        "2000s",
        "A season that spends much of its time in Russia, where Margo Madison is working inside Roscosmos.",
    ),
}

STAR_CITY_SEASON_1 = (
    "Ten episodes that start at the 1969 Moon landing and stay in the 1970s. As reported after "
    "San Diego Comic-Con, the season does not leap ahead a decade the way For All Mankind's "
    "seasons do."
)


def load(stdout) -> None:
    tally = Tally()
    parent = sync(
        Show,
        {"slug": FOR_ALL_MANKIND},
        {
            "title": "For All Mankind",
            "tagline": "What if the space race had never ended?",
            "synopsis": FAM_SYNOPSIS,
            "platform": "Apple TV+",
            # Four seasons have aired; the fact sheet says nothing of an ending, so not "ended".
            "status": ShowStatus.AIRING,
        },
        tally,
    )
    for number, (era, synopsis) in FAM_SEASONS.items():
        sync(
            Season,
            {"show": parent, "number": number},
            {"era": era, "episode_count": 10, "synopsis": synopsis},
            tally,
        )

    star_city = sync(
        Show,
        {"slug": STAR_CITY},
        {
            "title": "Star City",
            "tagline": "The Soviets reached the Moon first. Now they have to stay ahead.",
            "synopsis": STAR_CITY_SYNOPSIS,
            "platform": "Apple TV+",
            "status": ShowStatus.POST_PRODUCTION,
            "parent": parent,
            # Only "late 2026" is known: any date in that part of the year, shown as the window.
            "premiere_date": datetime.date(2026, 10, 1),
            "premiere_precision": DatePrecision.PART_OF_YEAR,
        },
        tally,
    )
    season = sync(
        Season,
        {"show": star_city, "number": 1},
        {"era": "1970s", "episode_count": 10, "synopsis": STAR_CITY_SEASON_1},
        tally,
    )
    for number in range(1, 11):
        # No titles have been announced: a plain label, never an invented title.
        sync(Episode, {"season": season, "number": number}, {"title": f"Episode {number}"}, tally)

    posters = sum(
        attach_placeholder(
            show, text=show.title, size=POSTER, alt=f"Placeholder poster for {show.title}", title=show.title
        )
        for show in (parent, star_city)
    )
    stdout.write(f"shows: {tally.summary()}; {posters} posters generated")
