"""Admin pieces for spoiler fields, used by the apps' admin modules: fieldsets beside the
content they guard, and a preview "as a fan who has seen up to …" (links to the public page with ``?as_progress=``, which only
staff may use and which is never cached: see spoilers.request and starcity_site.reading).

Usage in an app's admin (the admin helper owns those files)::

    class ArticleAdmin(SpoilerPreviewMixin, admin.ModelAdmin):
        fieldsets = [..., ARTICLE_SPOILER_FIELDSET]
        readonly_fields = [..., "spoiler_preview"]
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from shows.models import Episode
from spoilers.episodes import load_index
from spoilers.request import PREVIEW_PARAM

SPOILER_HELP = "Fans who have not seen the episode get the spoiler-free version; nothing spoiling reaches their page."

ARTICLE_SPOILER_FIELDSET = (
    "Spoilers",
    {
        "fields": [
            "spoils_episode",
            "safe_title",
            "safe_standfirst",
            "image_spoils",
            ("anchor_episode", "anchor_offset"),
            "spoiler_preview",
        ],
        "description": SPOILER_HELP
        + " Anchored to an episode, the story publishes at its air time plus the offset, follows it when it moves, and spoils it.",
    },
)
CHARACTER_SPOILER_FIELDSET = (
    "Spoilers",
    {
        "fields": ["description_spoils_episode", "fate", "fate_spoils_episode", "spoiler_preview"],
        "description": SPOILER_HELP,
    },
)


def _spoiled_episode_ids(obj) -> list[int]:
    if isinstance(obj, Episode):
        return [obj.pk]
    ids = [
        getattr(obj, name, None)
        for name in ("spoils_episode_id", "description_spoils_episode_id", "fate_spoils_episode_id")
    ]
    return [pk for pk in ids if pk is not None]


def preview_choices(obj) -> list[tuple[str, str]]:
    """(label, token) pairs worth previewing: nothing seen, just before and at each spoiled episode, all."""
    index = load_index()
    choices = [("has seen nothing", "none")]
    for pk in _spoiled_episode_ids(obj):
        ref = index.by_id.get(pk)
        if ref is None:
            continue
        same_show = [r for r in index.ordered if r.show_id == ref.show_id]
        before = [r for r in same_show if r.position < ref.position]
        if before:
            choices.append((f"is up to {before[-1].label}", before[-1].token))
        choices.append((f"is up to {ref.label}", ref.token))
    choices.append(("has seen everything aired", "all"))
    return list(dict.fromkeys(choices))


class SpoilerPreviewMixin:
    """Adds the read-only ``spoiler_preview`` field: links to the page as fans at several points see it."""

    @admin.display(description="Preview as a fan who…")
    def spoiler_preview(self, obj):
        if obj is None or obj.pk is None:
            return "Save first to preview."
        url = obj.get_absolute_url()
        links = format_html_join(
            " · ",
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            ((f"{url}?{urlencode({PREVIEW_PARAM: token})}", label) for label, token in preview_choices(obj)),
        )
        return format_html("{}", links)
