"""The image library: every picture on the site is uploaded once, described once, and chosen
wherever it is used (article hero, person portrait, show poster, episode still, inline in a body).

An ``Image`` is stored, validated and rendered by ``starcity_site.images`` (``ImageFields``):
allow-listed decode, pixel cap, re-encode without metadata, renditions around the focal point.
The models that use an image point at it with a protected foreign key, so an image in use
cannot be deleted.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from starcity_site.images import ImageFields


class ImageTag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("image tag")

    def __str__(self) -> str:
        return self.name


class ImageQuerySet(models.QuerySet):
    def search(self, query: str) -> ImageQuerySet:
        """Images whose title or one of whose tags contains every word of ``query``."""
        images = self
        for word in query.split():
            images = images.filter(Q(title__icontains=word) | Q(tags__name__icontains=word))
        return images.distinct() if query.split() else images


class Image(ImageFields):
    title = models.CharField(_("title"), max_length=200, help_text=_("For finding it in the library; not shown."))
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    tags = models.ManyToManyField(ImageTag, verbose_name=_("tags"), blank=True, related_name="images")
    # By label, not import: the library sits below shows (docs/architecture.md).
    spoils_episode = models.ForeignKey(
        "shows.Episode",
        verbose_name=_("spoils episode"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Hide this picture from fans who have not seen this episode yet."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("image")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.image:
            raise ValidationError({"image": _("Choose a picture to upload.")})
        super().clean()
