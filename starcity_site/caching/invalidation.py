"""Every change to public content starts a new content generation, for every process at once.

Connected from ``StarCitySiteConfig.ready()`` to every model of the content apps: saves (which
include publish, unpublish and image changes), deletes (cascades included) and many-to-many
changes. Code that changes content without signals (``QuerySet.update()``, ``bulk_create``)
calls ``content_changed()`` itself.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from starcity_site.caching.generation import bump

CONTENT_APPS = ("library", "shows", "people", "news", "universe", "redirects", "sites")
_M2M_DONE = {"post_add", "post_remove", "post_clear"}


def content_changed(using: str | None = None) -> None:
    """Invalidate every cached page, as part of the surrounding transaction (if any)."""
    bump(using)


def connect() -> None:
    for config in apps.get_app_configs():
        if config.label not in CONTENT_APPS:
            continue
        for model in config.get_models(include_auto_created=True):
            uid = f"page-cache:{model._meta.label}"
            post_save.connect(_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
            m2m_changed.connect(_m2m_changed, sender=model, dispatch_uid=uid)
    # Articles show their author's name, so a renamed user changes pages.
    post_save.connect(_user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="page-cache:user")


def _saved(sender, using=None, **kwargs) -> None:
    content_changed(using)


def _deleted(sender, using=None, **kwargs) -> None:
    content_changed(using)


def _m2m_changed(sender, action=None, using=None, **kwargs) -> None:
    if action in _M2M_DONE:
        content_changed(using)


def _user_saved(sender, update_fields=None, using=None, **kwargs) -> None:
    # Logging in saves last_login: no page shows it, and logins must not empty the cache.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    content_changed(using)
