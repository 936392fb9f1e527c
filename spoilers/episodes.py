"""The episode index: every episode as a small tuple, read in one query when a reader's progress
is worked out (spoilers.progress), once per request.

Deciding whether a reader has seen an episode needs its show, season, number and air time, and
every page needs that (the progress form lists the episodes; lists show articles that spoil
them). A few hundred rows at most, so the index is not cached: a query is never stale, whatever
changed the episodes (an admin save, a restore, a bulk update, a raw load).
"""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import NamedTuple

from shows.models import Episode


class EpisodeRef(NamedTuple):
    id: int
    show_id: int
    show_slug: str
    show_title: str
    season: int
    number: int
    title: str
    airs_at: datetime.datetime | None

    @property
    def code(self) -> str:
        return f"S{self.season}E{self.number}"

    @property
    def label(self) -> str:
        """'Star City S1E5', how the site names an episode to a reader."""
        return f"{self.show_title} {self.code}"

    @property
    def token(self) -> str:
        """The progress value meaning "seen up to this episode", e.g. 'star-city:s1e5'."""
        return f"{self.show_slug.lower()}:s{self.season}e{self.number}"

    @property
    def position(self) -> tuple[int, int]:
        return (self.season, self.number)


class EpisodeIndex:
    def __init__(self, refs: list[EpisodeRef]) -> None:
        self.ordered = refs

    @cached_property
    def by_id(self) -> dict[int, EpisodeRef]:
        return {ref.id: ref for ref in self.ordered}

    @cached_property
    def by_token(self) -> dict[str, EpisodeRef]:
        return {ref.token: ref for ref in self.ordered}


def load_index() -> EpisodeIndex:
    """Every episode, in one query: a reader's Progress loads it once per request."""
    rows = Episode.objects.order_by("season__show__title", "season__show_id", "season__number", "number").values_list(
        "id",
        "season__show_id",
        "season__show__slug",
        "season__show__title",
        "season__number",
        "number",
        "title",
        "airs_at",
    )
    return EpisodeIndex([EpisodeRef(*row) for row in rows])
