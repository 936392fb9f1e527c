"""``{% progress_form %}``: the small "where are you up to?" form on every page (base.html)."""

from __future__ import annotations

from html import escape
from itertools import groupby

from django import template
from django.db import DatabaseError
from django.utils.safestring import SafeString, mark_safe

from spoilers.progress import ALL, NONE
from spoilers.request import get_progress
from starcity_site.context_processors import nav_urls

register = template.Library()


def episode_groups(progress) -> list[tuple[str, list[tuple[str, str]]]]:
    """Aired episodes as (optgroup label, [(value, label)]) by show and season, for a <select>.

    Unaired episodes cannot have been seen, so they are not offered (the current setting is kept).
    """
    shown = [
        r
        for r in progress.index.ordered
        if (r.airs_at is not None and r.airs_at <= progress.now) or r.token == progress.token
    ]
    groups = []
    for (show, season), refs in groupby(shown, key=lambda r: (r.show_title, r.season)):
        options = [(r.token, f"{r.code}{': ' + r.title if r.title else ''}") for r in refs]
        groups.append((f"{show} — season {season}", options))
    return groups


def episode_options(groups, selected: str) -> SafeString:
    """The <optgroup>s of episode options, built here rather than in the template.

    Every page carries this form and a site with a few seasons offers ~100 options: looping over
    them in the template language cost a public page several milliseconds (docs/performance.md).
    The standard library's ``html.escape`` is what Django's ``escape`` calls, minus the lazy-string
    wrapper that would run 300 times.
    """
    parts = []
    for group, options in groups:
        parts.append(f'<optgroup label="{escape(group)}">')
        for value, label in options:
            chosen = " selected" if value == selected else ""
            parts.append(f'<option value="{escape(value)}"{chosen}>Up to {escape(label)}</option>')
        parts.append("</optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 -- every value above is escaped


@register.inclusion_tag("includes/progress_form.html", takes_context=True)
def progress_form(context, standalone=False):
    """The form; on the settings page itself only where that page puts it (``standalone``)."""
    request = context.get("request")
    if request is None or (context.get("progress_page") and not standalone):
        return {"progress": None}
    try:
        progress = get_progress(request)
    except DatabaseError:
        # Error pages (503: the database is down) render base.html too: no form, no second error.
        return {"progress": None}
    return {
        "action": nav_urls()["progress"],
        "progress": progress,
        "episode_options": episode_options(episode_groups(progress), progress.token),
        "none_value": "none",
        "all_value": "all",
        "is_none": progress.token == NONE,
        "is_all": progress.token == ALL,
        # On the settings page, saving goes back to the page the reader came from.
        "next": (standalone and context.get("next")) or request.get_full_path(),
    }
