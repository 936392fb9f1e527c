"""schema.org JSON-LD for shows, seasons and episodes, as plain dicts the template serialises.

Cast credits become ``PerformanceRole`` entries of ``actor`` (the actor plus the character as
``roleName``/``characterName``), the way schema.org models who plays whom; creators and
showrunners become ``creator``.
"""

from __future__ import annotations

from typing import Any

from shows.models import DatePrecision, Episode, Season, Show
from starcity_site import seo
from starcity_site.rich_fields import plain_text

CONTEXT = "https://schema.org"


absolute = seo.absolute_url


def partial_iso_date(value, precision: str) -> str:
    """ISO 8601 only as precise as what is known: "2026-11-20", "2026-11" or "2026".

    "Late 2026" is stored as a date in November; claiming 2026-11-01 would invent a premiere.
    """
    if value is None:
        return ""
    if precision == DatePrecision.DAY:
        return value.isoformat()
    if precision == DatePrecision.MONTH:
        return f"{value:%Y-%m}"
    return f"{value:%Y}"


def person_ref(person) -> dict[str, Any]:
    data = {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}
    if picture := seo.image_url(person.public_image):
        data["image"] = picture
    return data


def performance_role(credit) -> dict[str, Any]:
    return {
        "@type": "PerformanceRole",
        "actor": person_ref(credit.person),
        "roleName": credit.character.name,
        "characterName": credit.character.name,
    }


def series_ref(show: Show) -> dict[str, Any]:
    return {"@type": "TVSeries", "name": show.title, "url": absolute(show.get_absolute_url())}


def season_ref(season: Season) -> dict[str, Any]:
    data = {
        "@type": "TVSeason",
        "name": f"Season {season.number}",
        "seasonNumber": season.number,
        "url": absolute(season.get_absolute_url()),
    }
    if season.episode_count:
        data["numberOfEpisodes"] = season.episode_count
    return data


def episode_ref(episode: Episode) -> dict[str, Any]:
    data = {
        "@type": "TVEpisode",
        "episodeNumber": episode.number,
        "name": episode.title or episode.code,
        "url": absolute(episode.get_absolute_url()),
    }
    if episode.airs_at:
        data["datePublished"] = episode.airs_at.date().isoformat()
    return data


def tv_series(show: Show, cast, creators) -> dict[str, Any]:
    data = {"@context": CONTEXT, **series_ref(show)}
    if show.synopsis:
        data["description"] = plain_text(show.synopsis)
    if picture := seo.image_url(show.public_image):
        data["image"] = picture
    if start := partial_iso_date(show.premiere_date, show.premiere_precision):
        data["startDate"] = start
    data["containsSeason"] = [season_ref(season) for season in show.seasons.all()]
    data["numberOfSeasons"] = len(data["containsSeason"])
    data["actor"] = [performance_role(credit) for credit in cast if credit.character_id]
    data["creator"] = [person_ref(credit.person) for credit in creators]
    if show.parent_id:
        data["isBasedOn"] = series_ref(show.parent)
    return data


def tv_season(season: Season) -> dict[str, Any]:
    data = {"@context": CONTEXT, **season_ref(season)}
    data["partOfSeries"] = series_ref(season.show)
    data["episode"] = [episode_ref(episode) for episode in season.episodes.all()]
    if season.synopsis:
        data["description"] = plain_text(season.synopsis)
    return data


def tv_episode(episode: Episode, credits) -> dict[str, Any]:
    data = {"@context": CONTEXT, **episode_ref(episode)}
    data["partOfSeason"] = season_ref(episode.season)
    data["partOfSeries"] = series_ref(episode.season.show)
    if episode.synopsis and not episode.synopsis_spoils:  # public data: never a spoiler
        data["description"] = plain_text(episode.synopsis)
    data["actor"] = [performance_role(c) for c in credits if c.is_cast and c.character_id]
    return data
