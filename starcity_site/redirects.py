"""Slug changes never break links: an old URL permanently redirects to the new one.

Before a tracked object is saved its current public paths are read from the database; after the
save they are compared with the new ones, and each path that moved gets a
``django.contrib.redirects`` Redirect (served as a 301 by RedirectFallbackMiddleware once the old
URL 404s). Chains stay flat: older redirects that pointed at the old path now point at the new
one, and a redirect away from a path that is live again is removed.

The models are named by label, so this module imports no app (starcity_site depends on none).
A show's slug is part of its seasons' and episodes' URLs, so those move with it; a tag's feeds
move with the tag. An article's
old URL is only worth keeping once it was public.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db.models import Model
from django.db.models.signals import post_save, pre_save
from django.urls import NoReverseMatch, reverse

from starcity_site.caching import content_changed


@dataclass(frozen=True)
class Tracked:
    # (model label, lookup to the tracked object's pk, select_related) for objects whose URL
    # contains the tracked object's slug.
    dependants: tuple[tuple[str, str, str], ...] = ()
    only_if_published: bool = False
    # Other URL names of the object itself, reversed with its slug (a tag's feeds).
    also: tuple[str, ...] = ()


TRACKED: dict[str, Tracked] = {
    "news.Article": Tracked(only_if_published=True),
    "news.Tag": Tracked(also=("news:tag_feed_rss", "news:tag_feed_atom")),
    "news.Category": Tracked(),
    "people.Person": Tracked(),
    "people.Character": Tracked(),
    "shows.Show": Tracked(
        dependants=(
            ("shows.Season", "show", "show"),
            ("shows.Episode", "season__show", "season__show"),
        )
    ),
}
_OLD_PATHS = "_redirects_old_paths"


def public_paths(instance: Model, spec: Tracked) -> list[str]:
    """The object's URL and its dependants' URLs, in a stable order ('' where none resolves)."""
    paths = [_path(instance)]
    for name in spec.also:
        try:
            paths.append(reverse(name, kwargs={"slug": instance.slug}))
        except NoReverseMatch:
            paths.append("")
    for label, lookup, related in spec.dependants:
        model = apps.get_model(label)
        rows = model._default_manager.filter(**{lookup: instance.pk}).select_related(related).order_by("pk")
        paths.extend(_path(row) for row in rows)
    return paths


def _path(instance: Model) -> str:
    try:
        return instance.get_absolute_url()
    except NoReverseMatch:
        return ""


def add_redirect(old_path: str, new_path: str) -> None:
    """Redirect ``old_path`` to ``new_path`` and keep every chain one hop long."""
    if not old_path or not new_path or old_path == new_path:
        return
    site_id = Site.objects.get_current().pk
    redirects = Redirect.objects.filter(site_id=site_id)
    # A -> old becomes A -> new; the new path is live, so nothing may redirect away from it.
    changed = redirects.filter(new_path=old_path).update(new_path=new_path)
    changed += redirects.filter(old_path=new_path).delete()[0]
    Redirect.objects.update_or_create(site_id=site_id, old_path=old_path, defaults={"new_path": new_path})
    if changed:
        content_changed()  # QuerySet.update/delete send no per-row signals to the page cache


# Raw saves count too: restoring an old version in the admin (django-reversion) writes the row
# raw, and an old slug coming back must leave the current URL redirecting.
def _remember_old_paths(sender, instance, **kwargs) -> None:
    spec = TRACKED[sender._meta.label]
    if instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    if old is None or (spec.only_if_published and not old.is_published):
        return
    setattr(instance, _OLD_PATHS, public_paths(old, spec))


def _redirect_moved_paths(sender, instance, created=False, **kwargs) -> None:
    old_paths = instance.__dict__.pop(_OLD_PATHS, None)
    if created or not old_paths:
        return
    new_paths = public_paths(instance, TRACKED[sender._meta.label])
    if len(new_paths) != len(old_paths):
        new_paths = new_paths[:1]  # dependants changed during the save: keep the main URL only
    for old_path, new_path in zip(old_paths, new_paths, strict=False):
        add_redirect(old_path, new_path)


def connect() -> None:
    for label in TRACKED:
        model = apps.get_model(label)
        uid = f"slug-redirects:{label}"
        pre_save.connect(_remember_old_paths, sender=model, dispatch_uid=uid)
        post_save.connect(_redirect_moved_paths, sender=model, dispatch_uid=uid)
