"""Editors' rich text: sanitised with nh3 (stored HTML is trusted only after passing through here),
and written in the admin with django-prose-editor, offering only what the sanitiser keeps."""

from __future__ import annotations

import nh3
from csp.constants import NONCE
from csp.decorators import csp_update
from django import forms
from django.forms import Script
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "cite",
    "code",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    # An inline library image, by ID only (library.inline): no src, so no picture from elsewhere.
    "figure": {"data-image"},
    "q": {"cite"},
}
# Only web and mail links; javascript:, data:, vbscript: and friends are dropped by nh3.
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# --- The admin's editor -------------------------------------------------------------------
# django-prose-editor (Tiptap) offers exactly these nodes and marks; each produces only tags
# that ALLOWED_TAGS keeps (tests/security/test_richtext.py holds the two lists together), so
# what an editor makes survives cleaning. Tags nh3 keeps but the toolbar does not offer (abbr,
# cite, q, small, figure without data-image) are for pasted or older bodies. LibraryImage is our
# own node (settings.DJANGO_PROSE_EDITOR_EXTENSIONS, static/admin-editor/library-image.js): an
# image chosen from the library, stored as <figure data-image="ID"></figure> (library.inline).
EDITOR_EXTENSIONS: dict[str, object] = {
    "Heading": {"levels": [2, 3, 4]},  # the page title is the only h1
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
    "BulletList": True,
    # No start number or numbering style: the allow-list keeps no attributes on <ol>.
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "LibraryImage": {"changelistUrl": reverse_lazy("admin:library_image_changelist")},
}


def clean_editor_html(html: str) -> str:
    """``sanitize_html``, and an editor left empty (one empty paragraph) stores an empty body."""
    cleaned = sanitize_html(html)
    return "" if cleaned == "<p></p>" else cleaned


class RichTextWidget(AdminProseEditorWidget):
    """django-prose-editor's admin widget, plus our script giving its editable area the field's label."""

    @property
    def media(self):
        return super().media + forms.Media(
            js=[Script("admin-editor/richtext.js", type="module")], css={"all": ["admin-editor/richtext.css"]}
        )


def rich_text_formfield(**kwargs) -> ProseEditorFormField:
    """The admin form field for a rich-text body: the editor widget, cleaned by ``clean_editor_html``.

    Cleaning here (as well as in the model's ``save``) means the form's redisplay and its
    "no lost update" comparison already see the stored text.
    """
    kwargs.setdefault("required", False)
    return ProseEditorFormField(
        extensions=EDITOR_EXTENSIONS, sanitize=clean_editor_html, widget=RichTextWidget, **kwargs
    )


class RichTextAdminMixin:
    """For a ModelAdmin whose form has a rich-text field: its add and change pages allow a nonce.

    The editor's import map is an inline ``<script type="importmap">``; templates/admin/change_form.html
    gives it the request's nonce, and this adds that nonce to these pages' ``script-src`` only.
    No other admin page and no public page gets a nonce, and none gets 'unsafe-inline'.
    """

    @method_decorator(csp_update({"script-src": [NONCE]}))
    def changeform_view(self, request, *args, **kwargs):
        return super().changeform_view(request, *args, **kwargs)
