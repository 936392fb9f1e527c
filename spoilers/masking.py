"""Spoiler masking: the one API public views use to show each reader only what they have seen.

``mask(objects, progress, reveal=False)`` walks model instances (a list, an evaluated or
unevaluated QuerySet, a Page) and sets display attributes on each, without queries:

- Article: ``display_title``, ``display_standfirst`` (safe versions for a reader who is behind),
  ``is_masked`` (body, caption and spoiling image must not be rendered), ``show_image``,
  ``spoiler_episode`` (EpisodeRef or None), and ``public_title`` / ``public_standfirst``: always
  the spoiler-free version, for Open Graph, JSON-LD and feeds (shared links reach anyone).
- Character: ``display_description``, ``display_fate``, ``description_masked``, ``fate_masked``,
  ``description_spoiler`` / ``fate_spoiler`` (EpisodeRef).
- Episode: ``display_synopsis``, ``synopsis_masked``.
- Anything else with ``spoils_episode_id`` (e.g. universe's TimelineEvent): ``is_masked``,
  ``spoiler_episode``.

Masked text is replaced, not hidden: templates print the display attributes only, so a spoiler
never reaches the HTML of a reader who is behind.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.paginator import Page
from django.db.models import Q, QuerySet

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
        obj.spoiler_episode = progress.ref(obj.spoils_episode_id)
        obj.is_masked = not reveal and not progress.has_seen(obj.spoils_episode_id)
    return obj


def safe_headline(article, ref) -> str:
    if article.safe_title:
        return article.safe_title
    if ref is not None:
        return f"A story about {ref.label}"
    return "A story about a recent episode"


def _mask_article(article, progress: Progress, reveal: bool) -> None:
    spoils = article.spoils_episode_id
    ref = progress.ref(spoils)
    masked = spoils is not None and not reveal and not progress.has_seen(spoils)
    article.spoiler_episode = ref
    article.is_masked = masked
    if spoils is None:
        article.public_title, article.public_standfirst = article.title, article.standfirst
    else:
        article.public_title, article.public_standfirst = safe_headline(article, ref), article.safe_standfirst
    if masked:
        article.display_title, article.display_standfirst = article.public_title, article.public_standfirst
    else:
        article.display_title, article.display_standfirst = article.title, article.standfirst
    article.show_image = bool(article.image) and not (masked and article.image_spoils)


def _mask_character(character, progress: Progress, reveal: bool) -> None:
    character.description_spoiler = progress.ref(character.description_spoils_episode_id)
    character.fate_spoiler = progress.ref(character.fate_spoils_episode_id)
    character.description_masked = not reveal and not progress.has_seen(character.description_spoils_episode_id)
    # Editors mark what spoils: a fate with no episode named is public knowledge (history, say).
    character.fate_masked = not reveal and not progress.has_seen(character.fate_spoils_episode_id)
    character.display_description = "" if character.description_masked else character.description
    character.display_fate = "" if character.fate_masked else character.fate
    character.is_masked = character.description_masked or (character.fate_masked and bool(character.fate))


def _mask_episode(episode, progress: Progress, reveal: bool) -> None:
    episode.synopsis_masked = episode.synopsis_spoils and not reveal and not progress.has_seen(episode.pk)
    episode.display_synopsis = "" if episode.synopsis_masked else episode.synopsis
    episode.is_masked = episode.synopsis_masked


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
