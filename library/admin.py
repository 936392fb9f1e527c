"""The image library in the admin: its list is also the chooser (Django's raw-id lookup opens it
in a popup), so it shows thumbnails and searches by title and tag."""

from __future__ import annotations

from django.contrib import admin
from django.http import Http404, JsonResponse
from django.urls import path

from library.models import Image, ImageTag
from starcity_site.admin import ContentAdmin
from starcity_site.images.renditions import rendition_url


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
    fieldsets = [
        (None, {"fields": ["image", "title", "image_alt", "caption", "image_credit", "tags"]}),
        ("Crop and spoilers", {"fields": [("image_focal_x", "image_focal_y"), "spoils_episode"]}),
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
