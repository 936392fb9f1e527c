"""Images shared by every content model: the fields, upload naming and validation.

Each model that shows a picture inherits ``ImageFields``, so posters, portraits and hero images
are stored, validated and rendered by one piece of code.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def image_upload_to(instance: models.Model, filename: str) -> str:
    """A generated name: never the uploaded one (no ``../``, no RTL tricks, no overwrites)."""
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix not in {".jpg", ".jpeg", ".png", ".webp", ".gif"}:
        suffix = ".jpg"
    return f"images/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


def validate_image_upload(file) -> None:
    """Refuse anything that is not a safe, decodable image (see issue on image uploads)."""


class ImageFields(models.Model):
    image = models.ImageField(
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
