"""The episode index: every episode as a small tuple, kept in the shared cache.

Deciding whether a reader has seen an episode needs its show, season, number and air time. Every
page needs that (the progress form lists the episodes; lists show articles that spoil them), so
rather than join or query per page, one list of all episodes (a few hundred rows at most) lives
in the cache. It is rebuilt when a show, season or episode changes (and again on commit, so a
rolled-back edit never sticks), and warmed on any other content save when missing, so rendering
a page costs a cache read and no query. Code that bulk-changes episodes without signals calls
``rebuild()``.
"""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import NamedTuple

from django.core.cache import cache
from django.db import transaction

INDEX_KEY = "spoilers:episodes:v1"
# A safety net only: every change through the ORM rebuilds the index at once.
INDEX_SECONDS = 3600


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


def _load() -> list[EpisodeRef]:
    from shows.models import Episode

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
    return [EpisodeRef(*row) for row in rows]


def episode_index() -> EpisodeIndex:
    """All episodes; a cache read, and one query only when the cache lost them."""
    refs = cache.get(INDEX_KEY)
    if refs is None:
        refs = rebuild()
    return EpisodeIndex([EpisodeRef(*row) for row in refs])


def rebuild() -> list[tuple]:
    refs = [tuple(ref) for ref in _load()]
    cache.set(INDEX_KEY, refs, timeout=INDEX_SECONDS)
    return refs


def _episodes_changed(sender, using=None, raw=False, **kwargs) -> None:
    if raw:
        return
    rebuild()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(rebuild, using=using)


def _content_saved(sender, raw=False, **kwargs) -> None:
    # Warm the index at write time (rare) so that page renders (frequent) never pay its query.
    if not raw and cache.get(INDEX_KEY) is None:
        rebuild()


def connect() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from shows.models import Episode, Season, Show

    for model in (Show, Season, Episode):
        uid = f"spoilers:index:{model._meta.label}"
        post_save.connect(_episodes_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_episodes_changed, sender=model, dispatch_uid=uid)
    for label in ("people", "news"):
        for model in apps.get_app_config(label).get_models():
            post_save.connect(_content_saved, sender=model, dispatch_uid=f"spoilers:warm:{model._meta.label}")
