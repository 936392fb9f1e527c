"""Helpers for the apps' ``demo`` modules (see the ``load_demo`` command).

``sync`` is ``update_or_create`` that saves only when something differs: a second demo load
writes nothing, so timestamps, the articles' edit version and the page cache stay as they were.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.redirects.models import Redirect
from django.db import models
from django.urls import NoReverseMatch


class Tally(Counter):
    """Counts created / updated / unchanged rows for the command's one-line summary per app."""

    def summary(self) -> str:
        return f"{self['created']} created, {self['updated']} updated, {self['unchanged']} unchanged"


def sync(model: type[models.Model], lookup: dict, values: dict, tally: Tally | None = None) -> models.Model | None:
    """Find the row by ``lookup`` and make ``values`` true on it; create it when missing.

    Every write is validated with ``full_clean()`` first, like an editor's form, so demo data
    can never hold what the admin would refuse. A row an editor moved away from its demo slug
    (its old URL now redirects) is not brought back: returns None instead.
    """
    obj = model._default_manager.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = [name for name, value in values.items() if created or getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if created and _renamed_by_editor(obj):
        return None
    if changed:
        obj.full_clean()
        obj.save()
    if tally is not None:
        tally["created" if created else "updated" if changed else "unchanged"] += 1
    return obj


def _renamed_by_editor(obj: models.Model) -> bool:
    """Slug changes leave a permanent redirect behind; one from this URL means 'renamed, keep it so'."""
    if not hasattr(obj, "get_absolute_url"):
        return False
    try:
        path = obj.get_absolute_url()
    except (NoReverseMatch, models.ObjectDoesNotExist, ValueError):
        return False
    return Redirect.objects.filter(old_path=path).exists()
