"""The image library in the admin: its list is also the chooser (Django's raw-id lookup opens it
in a popup), so it shows thumbnails and searches by title and tag.

``ImageChooserAdminMixin`` is for the admins of the models that use an image (shows, people,
articles, episodes): every foreign key to ``Image`` becomes the chooser. An image's page lists
what uses it, the texts showing it inline included (``InlineImageUse``); deleting one in use stops
on Django's protected-objects page (the keys PROTECT).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db import models
from django.http import Http404, JsonResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join

from library.models import Image, ImageTag, InlineImageUse
from library.widgets import ImageChooserWidget
from starcity_site.admin import ContentAdmin
from starcity_site.images.renditions import rendition_url

USED_BY_ROWS = 50  # per kind of use: the page is for finding them, not a full report


class ImageChooserAdminMixin:
    """Foreign keys to library images are chosen through the library's list, with a thumbnail."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Image:
            kwargs["widget"] = ImageChooserWidget(db_field.remote_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def uses_of(image: Image) -> list:
    """Every row pointing at ``image``, found through the relations other apps declare on it, and
    every text showing it inline: one query per relation and per kind of text, however many rows."""
    rows = []
    for relation in Image._meta.related_objects:
        related = relation.related_model
        if related is InlineImageUse:
            rows += inline_uses_of(image)
            continue
        # select_related(): the non-null keys a row's name reads (an episode names its show).
        found = related._default_manager.filter(**{relation.field.name: image}).select_related()[:USED_BY_ROWS]
        kind = f"{related._meta.verbose_name}, {relation.field.verbose_name}"  # "show, image"
        rows += [(kind, row) for row in found]
    return rows


def inline_uses_of(image: Image) -> list:
    """The objects whose rich text shows ``image``, each named with its field ("show, synopsis"):
    one query for the uses, then one per kind of object (the generic key's own prefetch would
    read each row's name with queries of its own)."""
    uses = list(
        image.inline_uses.select_related("content_type").order_by("content_type_id", "field_name", "object_id")[
            :USED_BY_ROWS
        ]
    )
    wanted = defaultdict(set)
    for use in uses:
        wanted[use.content_type].add(use.object_id)
    owners = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        if model is not None:
            found = model._default_manager.filter(pk__in=ids).select_related()
            owners.update({(content_type.pk, row.pk): row for row in found})
    # A use whose object is gone (deleted without signals) still protects the image, so it is listed.
    return [(use.kind, owners.get((use.content_type_id, use.object_id), f"#{use.object_id} (deleted)")) for use in uses]


def _change_link(row) -> str:
    if not isinstance(row, models.Model):
        return ""
    try:
        return reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[quote(row.pk)])
    except NoReverseMatch:
        return ""


@admin.register(ImageTag)
class ImageTagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Image)
class ImageAdmin(ContentAdmin):
    list_display = ["thumbnail", "title", "image_alt", "image_credit", "created_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = ["tags"]
    search_fields = ["title", "tags__name", "image_alt", "caption"]
    autocomplete_fields = ["tags", "spoils_episode"]
    readonly_fields = ["used_by"]
    fieldsets = [
        (None, {"fields": ["image", "title", "image_alt", "caption", "image_credit", "tags"]}),
        ("Crop and spoilers", {"fields": [("image_focal_x", "image_focal_y"), "spoils_episode"]}),
        ("Used by", {"fields": ["used_by"]}),
    ]

    # --- the rich-text editor's inline image node (static/admin-editor/library-image.js) ---
    def get_urls(self):
        preview = self.admin_site.admin_view(self.chooser_preview)
        return [
            path("<int:object_id>/chooser-preview/", preview, name="library_image_chooser_preview"),
            *super().get_urls(),
        ]

    def chooser_preview(self, request, object_id: int):
        """What the editor shows for an inline image: title, alt text and a small rendition."""
        image = Image.objects.filter(pk=object_id).first()
        if image is None or not self.has_view_permission(request, image):
            raise Http404("No such image")
        return JsonResponse(
            {
                "id": image.pk,
                "title": image.title,
                "alt": image.image_alt,
                "thumbnail": rendition_url(image, "hero", 640),
            }
        )

    @admin.display(description="used by")
    def used_by(self, obj: Image):
        uses = uses_of(obj) if obj.pk else []
        if not uses:
            return "Nothing uses this image yet."
        items = []
        for kind, row in uses:
            url = _change_link(row)
            label = format_html('<a href="{}">{}</a>', url, row) if url else format_html("{}", row)
            items.append((kind, label))
        return format_html('<ul class="used-by">{}</ul>', format_html_join("", "<li>{}: {}</li>", items))
