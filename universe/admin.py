"""Editors' screens for the universe: timeline events, places, glossary terms, historical figures.

Aliases are edited inline (a generic inline) on every page of a thing that can have them. The
people, character and show admins belong to another module; ``attach_alias_inlines`` adds the
alias inline (and the appearances inline for characters) to whichever of them is registered,
so an editor can type "Korolyov" on the character's own page.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from people.models import Character, CharacterAppearance, Person
from shows.models import Show
from starcity_site.admin import ContentAdmin
from starcity_site.rich_fields import RichTextAdmin, RichTextFieldsMixin
from universe.models import Alias, GlossaryTerm, HistoricalFigure, Place, TimelineEvent


class AliasInline(GenericTabularInline):
    model = Alias
    fields = ["text", "language"]
    extra = 1
    verbose_name_plural = "Aliases (other spellings and names, Latin or Cyrillic; search finds any of them)"


def autocomplete_where_possible(model_admin, names: list[str]) -> list[str]:
    """The fields whose related model has a registered admin with search fields.

    The other apps' admins are written separately; until one can search, its field keeps
    Django's plain widget instead of failing the system check (admin.E039/E040).
    """
    site, found = model_admin.admin_site, []
    for name in names:
        related = model_admin.model._meta.get_field(name).related_model
        if site.is_registered(related) and site.get_model_admin(related).search_fields:
            found.append(name)
    return found


class CharacterAppearanceInline(admin.TabularInline):
    model = CharacterAppearance
    fields = ["show", "first_episode", "note"]
    extra = 1
    verbose_name_plural = "Appearances (the character's own show and any crossover)"

    def get_autocomplete_fields(self, request):
        return autocomplete_where_possible(self, ["show", "first_episode"])


class CharacterInline(RichTextFieldsMixin, admin.StackedInline):
    """The characters based on a figure, shown on the figure's page.

    Stacked, not tabular: each rich-text editor takes its name from its field's own label.
    """

    model = Character
    fk_name = "counterpart"
    fields = ["name", "show", "counterpart_note"]
    readonly_fields = ["name", "show"]
    rich_text_fields = ("counterpart_note",)
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = "Characters based on this figure"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(HistoricalFigure)
class HistoricalFigureAdmin(RichTextAdmin, ContentAdmin):
    list_display = ["name", "role", "born", "died"]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "role", "summary", ("born", "died")]
    rich_text_fields = ("summary",)
    inlines = [AliasInline, CharacterInline]


@admin.register(Place)
class PlaceAdmin(RichTextAdmin, ContentAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    rich_text_fields = ("description",)
    filter_horizontal = ["shows"]
    inlines = [AliasInline]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(RichTextAdmin, ContentAdmin):
    list_display = ["term", "slug"]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    rich_text_fields = ("definition",)
    filter_horizontal = ["shows"]
    inlines = [AliasInline]


@admin.register(TimelineEvent)
class TimelineEventAdmin(RichTextAdmin, ContentAdmin):
    list_display = ["title", "date_label", "relation", "spoils_episode"]
    list_filter = ["relation", "precision", "shows"]
    search_fields = ["title", "real_history", "show_history"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    # Autocomplete where the related admin can search (see autocomplete_where_possible).
    wanted_autocomplete = ["episodes", "characters", "people", "figures", "articles", "spoils_episode"]
    filter_horizontal = ["shows", "places"]
    rich_text_fields = ("real_history", "show_history")
    fieldsets = [
        (None, {"fields": ["title", "slug", ("date", "precision"), "relation"]}),
        ("Two histories", {"fields": ["real_history", "show_history"]}),
        ("Connected", {"fields": ["shows", "episodes", "characters", "people", "figures", "places", "articles"]}),
        ("Spoilers", {"fields": ["spoils_episode", "safe_title"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("spoils_episode__season__show")

    def get_autocomplete_fields(self, request):
        return autocomplete_where_possible(self, self.wanted_autocomplete)

    @admin.display(description="date", ordering="date")
    def date_label(self, obj: TimelineEvent) -> str:
        return obj.date_label


def attach_alias_inlines(site: admin.AdminSite = admin.site) -> None:
    """Add the alias inline (and appearances for characters) to the other apps' admins, once."""
    extra = {
        Person: [AliasInline],
        Show: [AliasInline],
        Character: [CharacterAppearanceInline, AliasInline],
    }
    for model, inlines in extra.items():
        if not site.is_registered(model):
            continue
        model_admin = site.get_model_admin(model)
        missing = [inline for inline in inlines if inline not in model_admin.inlines]
        if missing:
            model_admin.inlines = [*model_admin.inlines, *missing]


# universe comes after people and shows in INSTALLED_APPS, so their admins are registered now.
attach_alias_inlines()
