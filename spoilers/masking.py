"""Spoiler masking: the one API public views use to show each reader only what they have seen.

``mask(objects, progress, reveal=False)`` walks model instances (a list, an evaluated or
unevaluated QuerySet, a Page) and decides, without queries, what each reader may see; the
models' display properties (spoilers.display) then answer accordingly:

- Article: ``display_title``, ``display_standfirst`` (safe versions for a reader who is behind),
  ``is_masked`` (body, caption and spoiling image must not be rendered), ``show_image``,
  ``spoiler_episode`` (EpisodeRef or None), and ``public_title`` / ``public_standfirst``: always
  the spoiler-free version, for Open Graph, JSON-LD and feeds (shared links reach anyone).
- Character: ``display_description``, ``display_fate``, ``description_masked``, ``fate_masked``,
  ``description_spoiler`` / ``fate_spoiler`` (EpisodeRef).
- Episode: ``display_synopsis``, ``synopsis_masked``.
- Anything else with ``spoils_episode_id`` (e.g. universe's TimelineEvent): ``is_masked``,
  ``spoiler_episode`` set as plain attributes.

Unmasked instances are safe by default (spoilers.display): they show the spoiler-free version.

Masked text is replaced, not hidden: templates print the display attributes only, so a spoiler
never reaches the HTML of a reader who is behind.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.paginator import Page
from django.db.models import Q, QuerySet

from spoilers.display import GENERIC_SAFE_TITLE
from spoilers.progress import Progress


def mask(objects, progress: Progress, reveal: bool = False):
    """Set display attributes on every object; returns ``objects`` (a QuerySet stays evaluated)."""
    if objects is None:
        return objects
    if isinstance(objects, Page):
        mask(objects.object_list, progress, reveal)
        return objects
    if isinstance(objects, QuerySet | list | tuple):
        for obj in objects:
            mask_one(obj, progress, reveal)
        return objects
    return mask_one(objects, progress, reveal)


def mask_one(obj, progress: Progress, reveal: bool = False):
    meta = getattr(obj, "_meta", None)
    label = meta.label_lower if meta is not None else ""
    if label == "news.article":
        _mask_article(obj, progress, reveal)
    elif label == "people.character":
        _mask_character(obj, progress, reveal)
    elif label == "shows.episode":
        _mask_episode(obj, progress, reveal)
    elif hasattr(obj, "spoils_episode_id"):
        # Other models (universe's TimelineEvent): plain attributes, set here.
        obj.spoiler_episode = progress.ref(obj.spoils_episode_id)
        obj.is_masked = not reveal and not progress.has_seen(obj.spoils_episode_id)
    return obj


def _decide(obj, **values) -> None:
    # Read by the properties of spoilers.display (safe by default until decided here).
    for name, value in values.items():
        obj.__dict__[f"_spoiler_{name}"] = value


def _mask_article(article, progress: Progress, reveal: bool) -> None:
    spoils = article.spoils_episode_id
    ref = progress.ref(spoils)
    title = article.safe_title or (f"A story about {ref.label}" if ref is not None else GENERIC_SAFE_TITLE)
    _decide(
        article,
        episode=ref,
        masked=spoils is not None and not reveal and not progress.has_seen(spoils),
        public_title=title,
    )


def _mask_character(character, progress: Progress, reveal: bool) -> None:
    # Editors mark what spoils: a fate with no episode named is public knowledge (history, say).
    description, fate = character.description_spoils_episode_id, character.fate_spoils_episode_id
    _decide(
        character,
        description_episode=progress.ref(description),
        fate_episode=progress.ref(fate),
        description_masked=not reveal and not progress.has_seen(description),
        fate_masked=not reveal and not progress.has_seen(fate),
    )


def _mask_episode(episode, progress: Progress, reveal: bool) -> None:
    _decide(episode, synopsis_masked=episode.synopsis_spoils and not reveal and not progress.has_seen(episode.pk))


def spoiler_safe_q(progress: Progress, full: Q, safe: Q, field: str = "spoils_episode") -> Q:
    """A search filter that never matches on spoiling text for this reader.

    ``full`` matches on every text field, ``safe`` only on the spoiler-free ones. Rows spoiling
    an episode the reader has not seen may match only through ``safe``; pass ``Q(pk__in=[])``
    as ``safe`` when there is no spoiler-free text to search.
    """
    unseen = progress.unseen_ids()
    if not unseen:
        return full
    return (~Q(**{f"{field}__in": unseen}) | Q(**{f"{field}__isnull": True})) & full | Q(
        **{f"{field}__in": unseen}
    ) & safe


def masked_list(objects: Iterable, progress: Progress, reveal: bool = False) -> list:
    """``mask`` for any iterable, returning a list (e.g. a prefetched related manager's ``all()``)."""
    return [mask_one(obj, progress, reveal) for obj in objects]
