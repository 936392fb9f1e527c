"""The long texts editors write besides article bodies (synopses, biographies, character notes,
timeline and glossary entries) are rich text too: HTML cleaned by ``richtext.sanitize_html``.

- ``RichTextModel``: a model mixin; its ``save`` cleans the fields it names, so the shell or a
  demo loader stores clean HTML as the admin does. (``import_content`` restores a backup of rows
  that were cleaned when they were saved.)
- ``RichTextFieldsMixin``: for a ModelAdmin or an inline; its ``rich_text_fields`` get the editor.
- ``text_to_html`` / ``html_to_text``: the data migrations' conversions (plain text as
  ``|linebreaks`` rendered it, and back).
- ``text_to_html_operation`` converts the rows; ``history_text_to_html_operation`` the versions
  django-reversion stored of them, so an old version restores the paragraphs its page showed.
- ``plain_text``: what every consumer that wants text (meta descriptions, JSON-LD, search
  snippets) reads instead of the HTML.
"""

from __future__ import annotations

import html
import re

from django.db import migrations
from django.utils.html import linebreaks, strip_tags
from django.utils.text import capfirst

from starcity_site.revisions import rewrite_stored_versions
from starcity_site.richtext import RichTextAdminMixin, rich_text_formfield, sanitize_html

# Tags that end a line of text: dropping them must leave a space ("<p>One.</p><p>Two.</p>").
_BREAKING_TAG = re.compile(
    r"</?(?:p|br|h[1-6]|li|ul|ol|blockquote|pre|hr|figure|figcaption|div|dd|dt|td|th|tr)\b[^>]*>", re.IGNORECASE
)
_PARAGRAPH_END = re.compile(r"</p\s*>\s*", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>\s*", re.IGNORECASE)
# Any start or end tag (not "<3" nor "a < b").
_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.IGNORECASE)
# The only tags text_to_html makes.
_PARAGRAPH_TAG = re.compile(r"</?p>|<br\s*/?>", re.IGNORECASE)


def plain_text(value: str | None) -> str:
    """Readable one-line text from stored HTML: tags dropped (blocks leave a space), entities decoded."""
    return " ".join(html.unescape(strip_tags(_BREAKING_TAG.sub(" ", value or ""))).split())


def text_to_html(text: str | None) -> str:
    """Plain text as ``|linebreaks`` showed it (paragraphs, line breaks, escaped), cleaned."""
    return sanitize_html(linebreaks(text or "", autoescape=True)) if (text or "").strip() else ""


def html_to_text(value: str | None) -> str:
    """Back from ``text_to_html``: a blank line between paragraphs, a newline for each break."""
    text = _LINE_BREAK.sub("\n", _PARAGRAPH_END.sub("\n\n", value or ""))
    return html.unescape(strip_tags(text)).strip()


class RichTextModel:
    """Model mixin: ``save`` cleans each of ``rich_text_fields`` with ``sanitize_html``."""

    rich_text_fields: tuple[str, ...] = ()

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        deferred = self.get_deferred_fields()
        for name in self.rich_text_fields:
            # A deferred field is not saved (Django saves the loaded ones), so it needs no cleaning.
            if name in deferred or (update_fields is not None and name not in update_fields):
                continue
            setattr(self, name, sanitize_html(getattr(self, name)))
        super().save(*args, **kwargs)


class RichTextFieldsMixin:
    """For a ModelAdmin or an inline: the fields named in ``rich_text_fields`` use the rich-text
    editor (``richtext.rich_text_formfield``), keeping the model field's label, help and blank rule.
    A ModelAdmin using it also needs ``RichTextAdminMixin`` (``RichTextAdmin`` has both)."""

    rich_text_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rich_text_fields:
            return rich_text_formfield(
                label=capfirst(db_field.verbose_name),
                help_text=db_field.help_text,
                required=not db_field.blank,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class RichTextAdmin(RichTextFieldsMixin, RichTextAdminMixin):
    """A ModelAdmin mixin: rich-text fields, and the nonce their editor's import map needs."""


def convert_texts(apps, fields: dict[str, tuple[str, ...]], convert) -> None:
    """For data migrations: ``convert`` every non-empty value of ``fields`` (``{"app.Model": names}``)."""
    for label, names in fields.items():
        model = apps.get_model(label)
        changed = []
        for row in model._base_manager.only("pk", *names).iterator(chunk_size=500):
            before = [getattr(row, name) for name in names]
            for name in names:
                setattr(row, name, convert(getattr(row, name)))
            if before != [getattr(row, name) for name in names]:
                changed.append(row)
        model._base_manager.bulk_update(changed, names, batch_size=500)


def text_to_html_operation(fields: dict[str, tuple[str, ...]]):
    """A reversible ``RunPython``: plain text to rich text (``text_to_html``), and back (``html_to_text``)."""
    return migrations.RunPython(
        lambda apps, schema_editor: convert_texts(apps, fields, text_to_html),
        lambda apps, schema_editor: convert_texts(apps, fields, html_to_text),
    )


def _plain_to_html(value: str) -> str:
    # Saved as rich text, a value has tags and is clean already (cleaning changes nothing). Plain
    # text has no tags, or has characters cleaning escapes ("<b>rockets</b> & more": the bare "&").
    if _TAG.search(value) and sanitize_html(value) == value:
        return value
    return text_to_html(value)


def _paragraphs_to_text(value: str) -> str:
    # Only paragraphs and line breaks, as text_to_html makes them, go back: html_to_text would drop
    # the markup of anything richer, which is left as it is.
    if _TAG.search(value) and not _TAG.search(_PARAGRAPH_TAG.sub("", value)):
        return html_to_text(value)
    return value


def convert_versions(apps, schema_editor, fields: dict[str, tuple[str, ...]], convert) -> None:
    """For data migrations: ``convert`` every non-empty value of ``fields`` in the versions
    django-reversion stored of those models, as ``convert_texts`` does the rows."""
    for label, names in fields.items():

        def edit(values: dict, names=names) -> bool:
            touched = False
            for name in names:
                value = values.get(name)
                if isinstance(value, str) and value and (new := convert(value)) != value:
                    values[name] = new
                    touched = True
            return touched

        rewrite_stored_versions(apps, schema_editor.connection.alias, label, edit)


def history_text_to_html_operation(fields: dict[str, tuple[str, ...]]):
    """A reversible ``RunPython`` for the stored versions of ``fields``: those saved while the fields
    were plain text hold it still, and ``Version.revert()`` writes it back raw into an HTML field,
    where its paragraphs run together. Plain values become ``text_to_html``'s HTML (the rows' own
    migration made the same); values already HTML stay. Back: ``html_to_text`` for the HTML
    ``text_to_html`` makes (paragraphs and line breaks only)."""
    return migrations.RunPython(
        lambda apps, schema_editor: convert_versions(apps, schema_editor, fields, _plain_to_html),
        lambda apps, schema_editor: convert_versions(apps, schema_editor, fields, _paragraphs_to_text),
    )
