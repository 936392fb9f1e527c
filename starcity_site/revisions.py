"""One django-reversion revision per object, for code that saves many objects at once.

A revision is what the admin's history restores. Saving many objects inside one
``reversion.create_revision()`` block ties them together, and restoring any one of them through
a tool that reverts whole revisions would bring back all the others. The demo loader, imports and
the admin's bulk actions therefore save inside ``revision_per_object()``: it notes every saved
object of a model registered with django-reversion and, once the block is done (many-to-many
links set too), records each one in a revision of its own.

Only the public API is used: ``create_revision``, ``set_user``, ``set_comment``,
``add_to_revision`` and ``is_registered``. ``rewrite_stored_versions`` is for data migrations:
the one place that edits stored versions when the rows they copy change shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import reversion
from django.db import models
from django.db.models.signals import m2m_changed, post_save

# The objects saved so far in the current block (per thread and task), None outside one.
_saved: ContextVar[dict | None] = ContextVar("starcity-saved-objects", default=None)


def _note(model: type[models.Model], pk) -> None:
    saved = _saved.get()
    if saved is None or pk is None or not reversion.is_registered(model):
        return
    saved.setdefault((model, pk), None)


def _on_save(sender, instance, **kwargs) -> None:
    _note(type(instance), instance.pk)


def _on_m2m(sender, instance, action=None, model=None, pk_set=None, **kwargs) -> None:
    # Both ends of the link changed (``tag.articles.add(article)`` changes the article's tags).
    if action in {"post_add", "post_remove", "post_clear"}:
        _note(type(instance), instance.pk)
        for pk in pk_set or ():
            _note(model, pk)


post_save.connect(_on_save, dispatch_uid="starcity-revision-per-object")
m2m_changed.connect(_on_m2m, dispatch_uid="starcity-revision-per-object")


@contextmanager
def revision_per_object(comment: str, user=None) -> Iterator[list]:
    """Record every object saved in the block in its own revision, in the order first saved.

    Yields a list that is filled, after the block, with the objects recorded. Must not run inside
    another ``create_revision()``: reversion merges nested blocks into the outer revision.
    """
    if reversion.is_active():
        raise RuntimeError("revision_per_object() inside a revision would merge the revisions")
    recorded: list = []
    token = _saved.set({})
    try:
        yield recorded
        saved = list(_saved.get())
    finally:
        _saved.reset(token)
    for model, pk in saved:
        obj = model._base_manager.filter(pk=pk).first()
        if obj is None:
            continue  # saved, then deleted in the same block
        with reversion.create_revision():
            reversion.set_comment(comment)
            if user is not None:
                reversion.set_user(user)
            reversion.add_to_revision(obj)
        recorded.append(obj)


def rewrite_stored_versions(apps, db: str, label: str, edit: Callable[[dict], bool]) -> None:
    """For data migrations: ``edit(fields)`` each object in every JSON version django-reversion
    stored of the model ``label`` ("app.model"), in place, returning True when it changed them,
    so an old version still loads and restores after the rows changed shape."""
    content_type = apps.get_model("contenttypes", "ContentType")
    version_model = apps.get_model("reversion", "Version")
    app_label, model_name = label.lower().split(".")
    kind = content_type.objects.using(db).filter(app_label=app_label, model=model_name).first()
    if kind is None:  # a fresh database: content types are recorded after migrating
        return
    changed = []
    versions = version_model.objects.using(db).filter(content_type=kind, format="json")
    for version in versions.only("pk", "serialized_data").iterator(chunk_size=500):
        stored = json.loads(version.serialized_data)
        edited = [edit(obj.get("fields", {})) for obj in stored]  # every object, not up to the first
        if any(edited):
            version.serialized_data = json.dumps(stored)
            changed.append(version)
    version_model.objects.using(db).bulk_update(changed, ["serialized_data"], batch_size=500)
