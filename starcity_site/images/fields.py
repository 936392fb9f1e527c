"""The image field: checks uploads in the form, re-encodes and makes renditions on save.

It is Django's ImageField with three hooks (form field, ``pre_save``, signals) and deconstructs
as a plain ``models.ImageField``, so the existing migrations of shows, people and news stay as
they are.
"""

from __future__ import annotations

from django import forms
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete, post_init, post_save

from starcity_site.images import processing, renditions, validation

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
_UNKNOWN = object()  # the stored name was not loaded (deferred field)


class ImageUploadFormField(forms.ImageField):
    """Our checks instead of forms.ImageField's, which trust any of Pillow's ~70 formats."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validation.check_upload(upload)
        return upload

    def widget_attrs(self, widget):
        attrs = forms.FileField.widget_attrs(self, widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT
        return attrs


def loaded_name_attribute(field: models.Field) -> str:
    return f"_{field.attname}_stored_name"


def processed_name_attribute(field: models.Field) -> str:
    return f"_{field.attname}_processed_name"


def is_new(instance: models.Model, file: FieldFile) -> bool:
    """Whether ``file`` is not yet what the row stores: an upload, or a name set since loading."""
    if not file:
        return False
    if file.name and file.name == getattr(instance, processed_name_attribute(file.field), None):
        return False  # stored by ImageFields.save() a moment ago
    if not file._committed:
        return True
    stored = getattr(instance, loaded_name_attribute(file.field), _UNKNOWN)
    return stored is not _UNKNOWN and file.name != stored


class ProcessedImageField(models.ImageField):
    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_init.connect(self._remember_stored_name, sender=cls)
            post_save.connect(self._after_save, sender=cls)
            post_delete.connect(self._after_delete, sender=cls)

    def prepare(self, instance) -> None:
        """Store a new image of ``instance`` (processed, with renditions) before the row is saved.

        Called by ImageFields.save() outside the save's transaction, so a refused file raises
        ValidationError without breaking the caller's transaction; ``pre_save`` is the fallback
        for other paths (bulk_create).
        """
        file = getattr(instance, self.attname)
        if is_new(instance, file):
            self._store_processed(instance, file)

    def pre_save(self, instance, add):
        self.prepare(instance)
        return super().pre_save(instance, add)

    def _store_processed(self, instance, file: FieldFile) -> None:
        """Check, normalise and store ``file`` under a fresh name, with its renditions."""
        source = file.file if not file._committed else file
        try:
            image = validation.check_upload(source)
        finally:
            if file._committed:
                file.close()  # opened from storage just to read it
        clean, image_format = processing.normalise(image)
        # A caller may have stored the raw file already (FieldFile.save); it is replaced.
        raw_name = file.name if file._committed else None
        name = self.generate_filename(instance, f"upload.{processing.EXTENSION[image_format]}")
        name = self.storage.save(name, ContentFile(processing.encode(clean, image_format)), max_length=self.max_length)
        # Straight into __dict__: through the descriptor Django would re-read the new file's size
        # from storage (a GET on S3), and we know it already.
        instance.__dict__[self.attname] = name
        stored = getattr(instance, self.attname)
        setattr(instance, self.width_field, clean.width)
        setattr(instance, self.height_field, clean.height)
        try:
            renditions.make_renditions(
                stored.storage, stored.name, clean, instance.image_focal_x, instance.image_focal_y
            )
        except Exception:
            stored.storage.delete(stored.name)
            raise
        if raw_name and raw_name != stored.name:
            stored.storage.delete(raw_name)
        setattr(instance, processed_name_attribute(self), stored.name)

    def _remember_stored_name(self, instance, **kwargs) -> None:
        value = instance.__dict__.get(self.attname, _UNKNOWN)
        if value is _UNKNOWN:
            name = _UNKNOWN
        elif isinstance(value, str):
            name = value
        elif isinstance(value, FieldFile) and value._committed:
            name = value.name or ""
        else:  # an upload not yet stored, or None
            name = ""
        setattr(instance, loaded_name_attribute(self), name)

    def _after_save(self, instance, raw=False, **kwargs) -> None:
        attribute = loaded_name_attribute(self)
        old = getattr(instance, attribute, _UNKNOWN)
        current = getattr(instance, self.attname)
        setattr(instance, attribute, current.name or "")
        if raw or old is _UNKNOWN or not old or old == current.name:
            return
        # Only once the new row is committed: a rolled-back save must still find its old files.
        storage = current.storage
        transaction.on_commit(lambda: delete_image_files(storage, old), using=kwargs.get("using"))

    def _after_delete(self, instance, **kwargs) -> None:
        file = getattr(instance, self.attname)
        if file and file.name:
            storage, name = file.storage, file.name
            transaction.on_commit(lambda: delete_image_files(storage, name), using=kwargs.get("using"))


def delete_image_files(storage, name: str) -> None:
    """The original and all its renditions (uploads are uniquely named: no other row shares them)."""
    renditions.delete_renditions(storage, name)
    storage.delete(name)
