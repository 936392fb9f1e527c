"""``{% rich_text value %}``: an editor's stored rich text, printed as the HTML it is.

Every synopsis, biography, character note and timeline or glossary entry goes through this one
tag, so how stored rich text reaches a page is decided here. The value was cleaned by
``richtext.sanitize_html`` when it was saved (``rich_fields.RichTextModel``); nothing else is
trusted as HTML.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def rich_text(value: str | None) -> SafeString:
    return mark_safe(value or "")  # noqa: S308 — sanitised on save (rich_fields.RichTextModel)
