"""A reader's progress through the shows, from the ``progress`` cookie, and what they have seen.

The cookie holds ``none`` (not started), ``all`` (all caught up) or an episode such as
``star-city:s1e4`` (seen up to and including it). Whatever arrives is normalised to a short
*token*: ``n``, ``a``, ``d`` (the default) or the episode's canonical ``<show>:s<n>e<n>``.
Normalising needs no query or cache read, so the page cache can key on it
(``PAGE_CACHE_VARIANT``); garbage of any kind becomes ``d``.

The default, for a new visitor and for anything unreadable, spoils nothing unaired or newly
aired: an episode counts as seen once it aired more than ``DEFAULT_GRACE`` ago. A reader up to an
episode of one show has seen that show's earlier episodes; for other shows the default applies.
``none`` has seen nothing; ``all`` has seen every episode that has aired.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from spoilers.episodes import EpisodeIndex, EpisodeRef, load_index

COOKIE_NAME = "progress"
COOKIE_MAX_AGE = 365 * 24 * 3600
DEFAULT_GRACE = datetime.timedelta(days=7)

DEFAULT, NONE, ALL = "d", "n", "a"
_WORDS = {"none": NONE, "n": NONE, "all": ALL, "a": ALL, "default": DEFAULT, "d": DEFAULT}
# Show slugs as Django's SlugField allows them; seasons and episodes as small positive numbers.
_EPISODE = re.compile(r"([-a-zA-Z0-9_]{1,200}):s0*([1-9][0-9]{0,3})e0*([1-9][0-9]{0,3})", re.ASCII | re.IGNORECASE)
_MAX_RAW = 220


def normalise(raw: str | None) -> str:
    """The token for a raw cookie or form value; anything unreadable is the default, ``d``."""
    if not raw or len(raw) > _MAX_RAW:
        return DEFAULT
    raw = raw.strip()
    word = _WORDS.get(raw.lower())
    if word:
        return word
    match = _EPISODE.fullmatch(raw)
    if match is None:
        return DEFAULT
    slug, season, number = match.groups()
    return f"{slug.lower()}:s{int(season)}e{int(number)}"


def cookie_value(token: str) -> str | None:
    """What the cookie stores for a token; None: no cookie (the default)."""
    return {NONE: "none", ALL: "all", DEFAULT: None}.get(token, token)


@dataclass
class Progress:
    """What one reader has seen. ``has_seen`` answers from the episode index, without queries.

    ``preview``: a staff preview "as a fan at …" (spoilers.request), whose page is never cached.
    """

    token: str
    index: EpisodeIndex
    now: datetime.datetime = field(default_factory=timezone.now)
    preview: bool = False

    @classmethod
    def from_token(cls, token: str, index: EpisodeIndex | None = None, preview: bool = False) -> Progress:
        index = index if index is not None else load_index()
        token = normalise(token)
        if token not in (DEFAULT, NONE, ALL) and token not in index.by_token:
            token = DEFAULT  # an episode that does not exist (any more): the safe default
        return cls(token, index, preview=preview)

    @property
    def episode(self) -> EpisodeRef | None:
        return self.index.by_token.get(self.token)

    @property
    def is_default(self) -> bool:
        return self.token == DEFAULT

    @property
    def label(self) -> str:
        if self.token == NONE:
            return "not started"
        if self.token == ALL:
            return "all caught up"
        if self.episode is not None:
            return f"up to {self.episode.label}"
        return "episodes aired over a week ago"

    def ref(self, episode) -> EpisodeRef | None:
        """The index entry for an episode given as an id, an Episode or an EpisodeRef."""
        if episode is None or isinstance(episode, EpisodeRef):
            return episode
        pk = episode if isinstance(episode, int) else getattr(episode, "pk", None)
        return self.index.by_id.get(pk)

    def has_seen(self, episode) -> bool:
        """True when content spoiling ``episode`` (id, Episode or EpisodeRef; None: nothing) may be shown."""
        if episode is None:
            return True
        ref = self.ref(episode)
        if ref is None:
            return False  # not in the index: unknown, so treat it as unseen
        if self.token == NONE:
            return False
        if self.token == ALL:
            return ref.airs_at is not None and ref.airs_at <= self.now
        mine = self.episode
        if mine is not None and mine.show_id == ref.show_id:
            return ref.position <= mine.position
        return ref.airs_at is not None and ref.airs_at <= self.now - DEFAULT_GRACE

    def unseen_ids(self) -> list[int]:
        """Every episode this reader has not seen: for queries that must leave spoilers out."""
        return [ref.id for ref in self.index.ordered if not self.has_seen(ref)]

    def search_filter(self, full: Q, safe: Q, field: str = "spoils_episode") -> Q:
        """A search filter that never matches on spoiling text for this reader.

        ``full`` matches on every text field, ``safe`` only on the spoiler-free ones. Rows spoiling
        an episode the reader has not seen may match only through ``safe``; pass ``Q(pk__in=[])``
        as ``safe`` when there is no spoiler-free text to search.
        """
        unseen = self.unseen_ids()
        if not unseen:
            return full
        return (~Q(**{f"{field}__in": unseen}) | Q(**{f"{field}__isnull": True})) & full | Q(
            **{f"{field}__in": unseen}
        ) & safe


def next_change(now: datetime.datetime, airs: list[datetime.datetime]) -> datetime.datetime | None:
    """The next moment any reader's view changes: an air time, or an air time plus the grace."""
    moments = [moment for at in airs for moment in (at, at + DEFAULT_GRACE) if moment > now]
    return min(moments, default=None)
