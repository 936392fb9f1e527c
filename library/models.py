"""The image library: every picture on the site is uploaded once, described once, and chosen
wherever it is used (article hero, person portrait, show poster, episode still, inline in a body).

An ``Image`` is stored, validated and rendered by ``starcity_site.images`` (``ImageFields``):
allow-listed decode, pixel cap, re-encode without metadata, renditions around the focal point.
The models that use an image point at it with a protected foreign key, so an image in use
cannot be deleted; an image shown inside rich text is protected the same way through an
``InlineImageUse`` row (kept by ``library.uses``).
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
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


class InlineImageUseQuerySet(models.QuerySet):
    def of(self, owner: models.Model) -> InlineImageUseQuerySet:
        """The uses recorded for ``owner``'s rich-text fields."""
        kind = ContentType.objects.db_manager(owner._state.db).get_for_model(owner)
        return self.filter(content_type=kind, object_id=owner.pk)


class InlineImageUse(models.Model):
    """One rich-text field of one object shows this image inline (``<figure data-image="ID">``,
    library.inline). Read from the text by ``library.uses`` after every save (django-reversion's
    raw restores included) of every ``RichTextModel``, and dropped when the object is deleted; the
    image key is protected, so the admin refuses to delete a picture some text still shows.

    The owner is a generic key: the library sits below every app with rich text and may not name
    their models (docs/architecture.md).
    """

    image = models.ForeignKey(Image, verbose_name=_("image"), on_delete=models.PROTECT, related_name="inline_uses")
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of owner"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("owner ID"))
    field_name = models.CharField(_("field"), max_length=100)
    owner = GenericForeignKey("content_type", "object_id")

    objects = InlineImageUseQuerySet.as_manager()

    class Meta:
        verbose_name = _("inline image use")
        constraints = [
            # Also the index every owner's lookup (content type, object ID) uses.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field_name", "image"], name="inline_image_use_once"
            )
        ]

    def __str__(self) -> str:
        owner = self.owner
        return f"{self.kind}: {owner}" if owner is not None else f"{self.kind}: #{self.object_id} (deleted)"

    @property
    def kind(self) -> str:
        """The owner's kind and field, as the admin names them: "show, synopsis"."""
        model = self.content_type.model_class()
        if model is None:
            return f"{self.content_type.model}, {self.field_name}"
        try:
            field = model._meta.get_field(self.field_name).verbose_name
        except FieldDoesNotExist:
            field = self.field_name
        return f"{model._meta.verbose_name}, {field}"
