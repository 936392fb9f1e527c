"""Demo content for shows: For All Mankind with its four seasons, Star City and its first season.

Only what the project's fact sheet supports: For All Mankind's premiere day and season 1 titles,
no invented titles or air dates for Star City (none has been announced), and an episode's air
date only where it is certain (a series premiere airs its first episode). Called by
``manage.py load_demo``.
"""

from __future__ import annotations

import datetime

from library.drawn import attach_placeholder
from shows.models import DatePrecision, Episode, Season, Show, ShowStatus
from starcity_site.demo_tools import Tally, sync
from starcity_site.placeholders import POSTER
from starcity_site.rich_fields import text_to_html

FOR_ALL_MANKIND = "for-all-mankind"
STAR_CITY = "star-city"
FAM_PREMIERE = datetime.datetime(2019, 11, 1, 8, 0, tzinfo=datetime.UTC)

FAM_SYNOPSIS = (
    "An alternate history that turns on one night in 1969: a Soviet cosmonaut, Alexei Leonov, is "
    "the first person to set foot on the Moon, and the contest between the superpowers never winds "
    "down. Each season moves the story on by roughly ten years, following the astronauts, engineers "
    "and families who keep pushing further out.\n\n"
    "Ronald D. Moore, Matt Wolpert and Ben Nedivi created it for the launch of Apple TV+. Four "
    "seasons of ten episodes have been released, and a fifth has been ordered."
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
        "The first season opened Apple TV+ on 1 November 2019. It follows NASA through the years "
        "after the Soviet Moon landing, with the space race still running at full tilt.",
    ),
    2: (
        "1980s",
        "Released in February 2021, the second season jumps about ten years ahead, into the 1980s.",
    ),
    3: (
        "1990s",
        "Released in June 2022, the third season carries the rivalry another decade on, into the 1990s.",
    ),
    4: (
        "2000s",
        "Released in November 2023, the fourth season spends much of its time in Russia, where "
        "Margo Madison is working inside Roscosmos.",
    ),
}

# Season 1 of For All Mankind, in order. Only the pilot's story is in the fact sheet; the others
# say what their title refers to where that is plain, and nothing about their plot.
FAM_EPISODES = [
    (
        "Red Moon",
        "The pilot. In 1969 the world watches a Soviet cosmonaut, Alexei Leonov, climb down "
        "onto the Moon before any American, and NASA has to take in that it has lost the race it "
        "meant to win. Everything the series goes on to tell grows from that night.",
    ),
    (
        "He Built the Saturn V",
        "The title points at Wernher von Braun, the engineer behind NASA's Saturn V Moon rocket, "
        "played in the series by Colm Feore.",
    ),
    ("Nixon's Women", ""),
    ("Prime Crew", ""),
    ("Into the Abyss", ""),
    ("Home Again", ""),
    ("Hi Bob", ""),
    ("Rupture", ""),
    ("Bent Bird", ""),
    ("A City Upon a Hill", ""),
]

STAR_CITY_SEASON_1 = (
    "Ten episodes that start at the 1969 Moon landing and stay in the 1970s. As reported after "
    "San Diego Comic-Con, the season does not leap ahead a decade the way For All Mankind's "
    "seasons do. No episode titles or air dates have been announced."
)

STAR_CITY_PILOT = (
    "The series opens in 1969, at the moment a Soviet cosmonaut becomes the first person to walk "
    "on the Moon, and follows the people in Star City who now have to live up to it."
)


def load(stdout) -> None:
    tally = Tally()
    parent = sync(
        Show,
        {"slug": FOR_ALL_MANKIND},
        {
            "title": "For All Mankind",
            "tagline": "What if the space race had never ended?",
            "synopsis": text_to_html(FAM_SYNOPSIS),
            "platform": "Apple TV+",
            # Four seasons out and a fifth ordered: still running, not ended.
            "status": ShowStatus.AIRING,
            "premiere_date": FAM_PREMIERE.date(),
            "premiere_precision": DatePrecision.DAY,
        },
        tally,
    )
    for number, (era, synopsis) in FAM_SEASONS.items():
        season = sync(
            Season,
            {"show": parent, "number": number},
            {"era": era, "episode_count": 10, "synopsis": text_to_html(synopsis)},
            tally,
        )
        if number == 1:
            for episode_number, (title, synopsis) in enumerate(FAM_EPISODES, start=1):
                sync(
                    Episode,
                    {"season": season, "number": episode_number},
                    {
                        "title": title,
                        "synopsis": text_to_html(synopsis),
                        "airs_at": FAM_PREMIERE if episode_number == 1 else None,
                    },
                    tally,
                )

    star_city = sync(
        Show,
        {"slug": STAR_CITY},
        {
            "title": "Star City",
            "tagline": "The Soviets reached the Moon first. Now they have to stay ahead.",
            "synopsis": text_to_html(STAR_CITY_SYNOPSIS),
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
        {"era": "1970s", "episode_count": 10, "synopsis": text_to_html(STAR_CITY_SEASON_1)},
        tally,
    )
    for number in range(1, 11):
        # No titles have been announced: a plain label, never an invented title.
        sync(
            Episode,
            {"season": season, "number": number},
            {"title": f"Episode {number}", "synopsis": text_to_html(STAR_CITY_PILOT) if number == 1 else ""},
            tally,
        )

    posters = sum(
        attach_placeholder(
            show,
            title=f"Poster: {show.title}",
            kind="poster",
            text=show.title,
            size=POSTER,
            alt=f"Poster artwork: the title {show.title} over a night sky with the Moon",
            kicker=show.platform,
        )
        for show in (parent, star_city)
    )
    stdout.write(f"shows: {tally.summary()}; {posters} posters generated")
