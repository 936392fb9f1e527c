"""Which library images each rich-text field shows inline (``InlineImageUse``), read from the text.

Connected from ``LibraryConfig.ready()`` to every installed model that mixes in ``RichTextModel``
(its ``rich_text_fields`` name the texts), so a new rich-text field is covered without a line
here. Receivers, not ``save()``:

- ``post_save`` also fires on the raw saves django-reversion restores a version with (and
  ``loaddata`` loads a backup with), so a restored text brings its pictures back under protection;
- ``post_delete`` fires for every object a delete cascades to (a show's seasons and episodes).

Writes that send no signals (``QuerySet.update()``, ``bulk_create``) record nothing; content code
saves rows one at a time.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from library.inline import inline_image_ids
from library.models import Image, InlineImageUse
from starcity_site.rich_fields import RichTextModel


def record_inline_uses(instance, fields) -> None:
    """Rewrite ``instance``'s uses for ``fields`` from their text: the images they show and that
    exist are recorded, every other use of those fields is dropped."""
    if not fields:
        return
    using = instance._state.db or "default"
    kind = ContentType.objects.db_manager(using).get_for_model(instance)
    shown = {name: inline_image_ids(getattr(instance, name)) for name in fields}
    ids = {pk for pks in shown.values() for pk in pks}
    existing = set(Image.objects.using(using).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    wanted = {(name, pk) for name, pks in shown.items() for pk in pks if pk in existing}
    uses = InlineImageUse.objects.using(using).of(instance).filter(field_name__in=fields)
    have = {(name, image): pk for pk, name, image in uses.values_list("pk", "field_name", "image_id")}
    stale = [pk for key, pk in have.items() if key not in wanted]
    if stale:
        InlineImageUse.objects.using(using).filter(pk__in=stale).delete()
    new = [
        InlineImageUse(image_id=image, content_type=kind, object_id=instance.pk, field_name=name)
        for name, image in sorted(wanted - have.keys())
    ]
    if new:
        # Another save of the same object may have recorded them meanwhile.
        InlineImageUse.objects.using(using).bulk_create(new, ignore_conflicts=True)


def _saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    # A field left out of the save (update_fields, or deferred and so not written) keeps its uses.
    deferred = instance.get_deferred_fields()
    fields = [
        name
        for name in instance.rich_text_fields
        if name not in deferred and (update_fields is None or name in update_fields)
    ]
    record_inline_uses(instance, fields)


def _deleted(sender, instance, using=None, **kwargs) -> None:
    InlineImageUse.objects.using(using).of(instance).delete()


def connect() -> None:
    for model in apps.get_models():
        if issubclass(model, RichTextModel) and model.rich_text_fields:
            uid = f"library.inline-uses:{model._meta.label}"
            post_save.connect(_saved, sender=model, dispatch_uid=uid)
            post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
