"""Editors' screens for shows, seasons and episodes.

A show's page edits its seasons inline (and its credits: people.admin adds that inline, since
shows may not import people); a season's page edits its episodes inline (Django's admin does not
nest inlines).
"""

from __future__ import annotations

from django.contrib import admin

from library.admin import ImageChooserAdminMixin
from shows.models import Episode, Season, Show
from starcity_site.admin import ContentAdmin
from starcity_site.rich_fields import RichTextAdmin

# Chosen from the library, where its alt text, credit and crop are edited.
IMAGE_FIELDSET = ("Poster", {"fields": ["image"]})


class SeasonInline(admin.TabularInline):
    model = Season
    fields = ["number", "era", "episode_count"]
    extra = 0
    show_change_link = True  # the season's own page edits its episodes


class EpisodeInline(admin.TabularInline):
    model = Episode
    fields = ["number", "title", "airs_at", "synopsis_spoils"]
    extra = 0
    show_change_link = True


@admin.register(Show)
class ShowAdmin(ImageChooserAdminMixin, RichTextAdmin, ContentAdmin):
    list_display = ["title", "thumbnail", "status", "release_label", "platform", "parent", "updated_at"]
    list_filter = ["status", "platform"]
    list_select_related = ["parent", "image"]
    search_fields = ["title", "tagline", "slug"]
    raw_id_fields = ["image"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    rich_text_fields = ("synopsis",)
    fieldsets = [
        (None, {"fields": ["title", "slug", "tagline", "synopsis", "parent"]}),
        ("Release", {"fields": ["status", "platform", ("premiere_date", "premiere_precision")]}),
        IMAGE_FIELDSET,
    ]
    inlines = [SeasonInline]

    @admin.display(description="premiere", ordering="premiere_date")
    def release_label(self, obj: Show) -> str:
        return obj.release_label or "—"


@admin.register(Season)
class SeasonAdmin(RichTextAdmin, ContentAdmin):
    list_display = ["__str__", "show", "number", "era", "episode_count"]
    list_filter = ["show"]
    list_select_related = ["show"]
    search_fields = ["show__title", "era", "synopsis"]
    autocomplete_fields = ["show"]
    fields = ["show", "number", "era", "episode_count", "synopsis"]
    rich_text_fields = ("synopsis",)
    inlines = [EpisodeInline]


@admin.register(Episode)
class EpisodeAdmin(ImageChooserAdminMixin, RichTextAdmin, ContentAdmin):
    list_display = ["__str__", "season", "number", "title", "airs_at"]
    list_filter = ["season__show", "season"]
    list_select_related = ["season__show"]
    search_fields = ["title", "synopsis", "season__show__title"]
    date_hierarchy = "airs_at"
    autocomplete_fields = ["season"]
    raw_id_fields = ["still"]
    fields = ["season", "number", "title", "airs_at", "synopsis", "synopsis_spoils", "still"]
    rich_text_fields = ("synopsis",)
