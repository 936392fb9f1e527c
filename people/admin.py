"""Editors' screens for people, characters and credits.

Credits are edited inline on a person's page and on a show's page (this module adds that inline
to the show admin: people depends on shows, not the other way round).
"""

from __future__ import annotations

from django.contrib import admin

from library.admin import ImageChooserAdminMixin
from people.models import JOINED_VECTORS, Character, Credit, Person
from shows.models import Show
from spoilers.admin_tools import CHARACTER_SPOILER_FIELDSET, SpoilerPreviewMixin
from starcity_site.admin import ContentAdmin
from starcity_site.rich_fields import RichTextAdmin

# Chosen from the library, where its alt text, credit and crop are edited.
IMAGE_FIELDSET = ("Photo", {"fields": ["image"]})
CREDIT_FIELDS = ["kind", "character", "season", "episodes", "billing", "billing_order", "note"]
# Inline rows keep to what fits a row; episodes and the note are on the credit's own page.
INLINE_CREDIT_FIELDS = ["kind", "character", "season", "billing", "billing_order"]


class CreditInlineBase(admin.TabularInline):
    model = Credit
    autocomplete_fields = ["person", "show", "character", "season"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("person", "show", "character", "season__show")
            .defer(*JOINED_VECTORS)
        )


class PersonCreditInline(CreditInlineBase):
    fields = ["show", *INLINE_CREDIT_FIELDS]
    verbose_name_plural = "Credits"


class ShowCreditInline(CreditInlineBase):
    fields = ["person", *INLINE_CREDIT_FIELDS]
    verbose_name_plural = "Credits (cast and crew)"


@admin.register(Person)
class PersonAdmin(ImageChooserAdminMixin, RichTextAdmin, ContentAdmin):
    list_display = ["name", "thumbnail", "short_bio", "known_for", "updated_at"]
    search_fields = ["name", "slug", "short_bio", "known_for"]
    list_filter = ["credits__kind", "credits__show"]
    list_select_related = ["image"]
    raw_id_fields = ["image"]
    prepopulated_fields = {"slug": ["name"]}
    rich_text_fields = ("bio",)
    fieldsets = [
        (None, {"fields": ["name", "slug", "short_bio", "bio", "birth_date", "known_for"]}),
        IMAGE_FIELDSET,
    ]
    inlines = [PersonCreditInline]

    def get_queryset(self, request):
        return super().get_queryset(request).distinct()  # the credit filters join a to-many relation


@admin.register(Character)
class CharacterAdmin(RichTextAdmin, SpoilerPreviewMixin, ContentAdmin):
    list_display = ["name", "show", "counterpart", "updated_at"]
    list_filter = ["show"]
    list_select_related = ["show", "counterpart"]
    search_fields = ["name", "slug", "description", "counterpart__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["show", "counterpart", "description_spoils_episode", "fate_spoils_episode"]
    readonly_fields = ["spoiler_preview"]
    rich_text_fields = ("description", "counterpart_note", "fate")
    fieldsets = [
        (None, {"fields": ["name", "slug", "show", "description"]}),
        ("Real history", {"fields": ["counterpart", "counterpart_note"]}),
        CHARACTER_SPOILER_FIELDSET,
    ]


@admin.register(Credit)
class CreditAdmin(ContentAdmin):
    list_display = ["person", "kind", "character", "show", "season", "billing", "billing_order"]
    list_filter = ["kind", "billing", "show"]
    list_select_related = ["person", "character", "show", "season__show"]
    search_fields = ["person__name", "character__name", "show__title", "note"]
    autocomplete_fields = ["person", "show", "character", "season", "episodes"]
    fields = ["person", "show", *CREDIT_FIELDS]
    view_on_site = False  # a credit has no page of its own

    def get_queryset(self, request):
        # The list joins each credit's person and character: without their stored search vectors.
        return super().get_queryset(request).defer(*JOINED_VECTORS)


def attach_show_credits(site: admin.AdminSite = admin.site) -> None:
    """Edit credits on a show's page too (the show admin cannot import Credit itself)."""
    if site.is_registered(Show):
        show_admin = site.get_model_admin(Show)
        if ShowCreditInline not in show_admin.inlines:
            show_admin.inlines = [*show_admin.inlines, ShowCreditInline]


attach_show_credits()
