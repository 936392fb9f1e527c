"""The image library in the admin: its list is also the chooser (Django's raw-id lookup opens it
in a popup), so it shows thumbnails and searches by title and tag."""

from __future__ import annotations

from django.contrib import admin

from library.models import Image, ImageTag
from starcity_site.admin import ContentAdmin


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
