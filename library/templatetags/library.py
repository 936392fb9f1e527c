"""{% rich_text value %}: a sanitised rich-text field as HTML, its inline library images shown.

For every rich-text field on a public page (article bodies, and the other rich-text fields that
switch to it): the stored HTML is printed as it is, except each ``<figure data-image>`` becomes a
responsive picture with its caption and credit (library.inline). The reader's spoiler progress
comes from the page's context (``progress`` and ``reveal``, set by
starcity_site.reading.ReaderProgressMixin); a page without one hides every spoiling picture. A
page listing many rich-text objects puts ``inline_images`` (``library.inline.images_shown_by``)
in its context, so their pictures cost one query, not one per object.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from library.inline import render_inline_images

register = template.Library()


@register.simple_tag(takes_context=True)
def rich_text(context, value) -> SafeString:
    return render_inline_images(
        value or "", context.get("progress"), bool(context.get("reveal")), context.get("inline_images")
    )
