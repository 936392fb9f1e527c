"""Episode-anchored publishing (issue 9): "publish two hours after S1E5 airs".

An anchored article's publish time is always its episode's air time plus its offset: worked out
on every save of the article, and moved for every anchored article when an episode's air time
changes (``move_anchored_articles``, connected to Episode's post_save in ``NewsConfig.ready``).
While the episode has no air time the article has no publish time, so it stays invisible
whatever its status (``published()`` needs ``published_at <= now``). An anchored article spoils
its episode unless the editor named another one.
"""

from __future__ import annotations

import datetime

from django.apps import apps

from starcity_site.caching import content_changed


def anchored_time(airs_at: datetime.datetime | None, offset: datetime.timedelta | None) -> datetime.datetime | None:
    if airs_at is None:
        return None
    return airs_at + (offset or datetime.timedelta(0))


def apply_anchor(article) -> None:
    """Set an anchored article's publish time (and spoiled episode) from its episode; called on save."""
    if article.anchor_episode_id is None:
        return
    if article.spoils_episode_id is None:
        article.spoils_episode_id = article.anchor_episode_id
    article.published_at = anchored_time(article.anchor_episode.airs_at, article.anchor_offset)


def move_anchored_articles(sender, instance, raw: bool = False, using: str | None = None, **kwargs) -> None:
    """An episode was saved: every article anchored to it follows its (possibly new) air time."""
    if raw:  # loaddata: the fixture already holds consistent publish times
        return
    article_model = apps.get_model("news", "Article")
    moved = 0
    anchored = (
        article_model.objects.using(using).filter(anchor_episode=instance).only("pk", "published_at", "anchor_offset")
    )
    for article in anchored:
        when = anchored_time(instance.airs_at, article.anchor_offset)
        if when != article.published_at:
            # update(): only the publish time changes; no new revision or version for a schedule move.
            moved += article_model.objects.using(using).filter(pk=article.pk).update(published_at=when)
    if moved:
        content_changed(using)  # update() sends no signal; the due-time schedule changed too
