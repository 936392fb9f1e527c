"""``{% progress_form %}``: the small "where are you up to?" form on every page (base.html)."""

from __future__ import annotations

from itertools import groupby

from django import template
from django.db import DatabaseError
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from spoilers.progress import ALL, NONE, Progress
from spoilers.request import cookie_token

register = template.Library()


SELECTED = mark_safe(" selected")  # a constant, nothing from the reader
NOT_SELECTED = mark_safe("")


def episode_groups(progress: Progress) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """Aired episodes as (optgroup label, [(value, label, selected)]) by show and season.

    Unaired episodes cannot have been seen, so they are not offered (the current setting is kept).
    """
    shown = [
        r
        for r in progress.index.ordered
        if (r.airs_at is not None and r.airs_at <= progress.now) or r.token == progress.token
    ]
    return [
        (
            f"{show} — season {season}",
            [(r.token, f"{r.code}: {r.title}" if r.title else r.code, r.token == progress.token) for r in refs],
        )
        for (show, season), refs in groupby(shown, key=lambda r: (r.show_title, r.season))
    ]


def episode_options(groups) -> SafeString:
    """The groups as escaped ``<optgroup>``/``<option>`` markup.

    Every page carries the form with a hundred options or so; a template loop over them costs
    more than the rest of a small page, so the tag builds them with Django's escaping helpers.
    """
    return format_html_join(
        "",
        '<optgroup label="{}">{}</optgroup>',
        (
            (
                label,
                format_html_join(
                    "",
                    '<option value="{}"{}>Up to {}</option>',
                    ((value, SELECTED if selected else NOT_SELECTED, text) for value, text, selected in options),
                ),
            )
            for label, options in groups
        ),
    )


def reader_progress(context) -> Progress | None:
    """The view's progress (ReaderProgressMixin), else the cookie's alone.

    Never the query string: error pages render this form too, the 400 page among them, where
    ``request.GET`` itself may be what could not be read (too many fields).
    """
    progress = context.get("progress")
    if isinstance(progress, Progress):
        return progress
    request = context.get("request")
    if request is None:
        return None
    try:
        return Progress.from_token(cookie_token(request))
    except DatabaseError:
        # Error pages (503: the database is down) render base.html too: no form, no second error.
        return None


@register.inclusion_tag("includes/progress_form.html", takes_context=True)
def progress_form(context, standalone=False):
    """The form; on the settings page itself only where that page puts it (``standalone``)."""
    if context.get("progress_page") and not standalone:
        return {"progress": None}
    progress = reader_progress(context)
    if progress is None:
        return {"progress": None}
    return {
        "action": reverse("spoilers:progress"),
        "progress": progress,
        "options": episode_options(episode_groups(progress)),
        "none_value": "none",
        "all_value": "all",
        "is_none": progress.token == NONE,
        "is_all": progress.token == ALL,
        # On the settings page, saving goes back to the page the reader came from.
        "next": (standalone and context.get("next")) or context["request"].get_full_path(),
    }
