"""Images shared by every content model: the fields, upload naming and validation.

Each model that shows a picture inherits ``ImageFields``, so posters, portraits and hero images
are stored, validated and rendered by one piece of code:

- ``validation``: what upload is accepted (formats, bytes, pixels, damage);
- ``processing``: upright, sRGB, metadata-free re-encoding of the stored original;
- ``renditions``: the cropped, resized WebP/JPEG files and the variants templates ask for;
- ``fields``: the model field that runs all of that on save and cleans up after replacement.

``image_upload_to`` and ``validate_image_upload`` live here because migrations name them here.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from starcity_site.images import validation
from starcity_site.images.fields import ProcessedImageField, is_new
from starcity_site.publishing import Publishable, Status


def image_upload_to(instance: models.Model, filename: str) -> str:
    """A generated name: never the uploaded one (no ``../``, no RTL tricks, no overwrites)."""
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix not in {".jpg", ".jpeg", ".png", ".webp", ".gif"}:
        suffix = ".jpg"
    return f"images/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


def validate_image_upload(file) -> None:
    """Refuse anything that is not a safe, decodable image (see ``validation.check_upload``).

    A file the row already stores was checked when it arrived and is not read again.
    """
    if isinstance(file, FieldFile):
        if not is_new(file.instance, file):
            return
        file = file.file if not file._committed else file
    validation.check_upload(file)


class ImageFields(models.Model):
    image = ProcessedImageField(
        _("image"),
        upload_to=image_upload_to,
        width_field="image_width",
        height_field="image_height",
        validators=[validate_image_upload],
        blank=True,
        max_length=255,
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required to publish."),
    )
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    image_focal_x = models.PositiveSmallIntegerField(
        _("focal point x (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Where crops centre, from the left edge, in percent."),
    )
    image_focal_y = models.PositiveSmallIntegerField(
        _("focal point y (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Where crops centre, from the top edge, in percent."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "image" in update_fields:
            self._meta.get_field("image").prepare(self)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.image and not self.image_alt.strip() and self.image_alt_required():
            raise ValidationError(
                {"image_alt": _("Describe the image for readers who cannot see it: alt text is required to publish.")}
            )

    def image_alt_required(self) -> bool:
        """Alt text is needed once the public may see the image: always, or from publishing on."""
        if isinstance(self, Publishable):
            return self.status == Status.PUBLISHED  # published now or scheduled
        return True
