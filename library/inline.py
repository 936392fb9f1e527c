"""Library images inside rich text (article bodies, and any other sanitised rich-text field).

Stored form: an inline image is exactly ``<figure data-image="ID"></figure>``, ID being a
``library.Image`` primary key, and nothing else: no ``src``, no alt text, no caption. The
editor's node (static/admin-editor/library-image.js) writes this form; ``sanitize_html`` keeps
it because ``figure`` may carry ``data-image`` and nothing more (starcity_site.richtext), and
nh3 always serialises it the same way, so the pattern below is matched on clean HTML only.
Everything the reader sees (renditions, size, alt, caption, credit, the spoiler mask) is looked
up from the library when the body is shown, so a new caption or crop reaches every story, and no
picture from another host can ever enter a body. A figure of any other shape (pasted, older
bodies) is left as it is; an ID that matches no image renders nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from library.models import Image
from starcity_site.images.renditions import rendition_url
from starcity_site.reading import SpoilerDisplay
from starcity_site.templatetags.images import picture

INLINE_FIGURE = re.compile(r'<figure data-image="(\d{1,18})"></figure>')
# The column is as wide as a hero (templates/news/article_detail.html), so the hero's 16:9 crop
# and sizes serve.
INLINE_VARIANT = "hero"

FIGURE_HTML = '<figure class="inline-image">{picture}{caption}</figure>'
CAPTION_HTML = "<figcaption>{caption}{credit}</figcaption>"
CREDIT_HTML = ' <span class="credit">{}</span>'
MASK_HTML = (
    '<aside class="spoiler-box spoiler-box--inline" aria-label="Spoiler warning">'
    '<p class="spoiler-box__text">A picture is hidden here: it shows {what}, which you have not marked as seen.</p>'
    "</aside>"
)
FEED_HTML = '<figure><img src="{src}" alt="{alt}">{caption}</figure>'


def inline_image_ids(html: str) -> list[int]:
    """The library image IDs a (sanitised) body shows inline, in order, each once."""
    return list(dict.fromkeys(int(match) for match in INLINE_FIGURE.findall(html or "")))


def images_for(*htmls: str) -> dict[int, Image | None]:
    """Every library image the bodies show inline, by ID (None for one that is gone): one query
    however many there are."""
    ids = [pk for html in htmls for pk in inline_image_ids(html)]
    found = Image.objects.in_bulk(ids) if ids else {}
    return {pk: found.get(pk) for pk in ids}


def images_shown_by(objects) -> dict[int, Image | None]:
    """Every library image the rich-text fields of ``objects`` show inline, in one query: a view
    listing rich-text objects passes it as ``inline_images``, so ``{% rich_text %}`` asks no query
    per object."""
    return images_for(
        *(
            getattr(obj, name)
            for obj in objects
            for name in obj.rich_text_fields
            if name not in obj.get_deferred_fields()
        )
    )


def _caption(image) -> str:
    if not image.caption and not image.image_credit:
        return ""
    credit = format_html(CREDIT_HTML, image.image_credit) if image.image_credit else ""
    return format_html(CAPTION_HTML, caption=image.caption, credit=credit)


class _Reader(SpoilerDisplay):
    """The reader's progress, asked the same question as every spoiling model asks it."""


def _mask(reader: _Reader, episode_id: int) -> str:
    ref = reader.spoiled_ref(episode_id)
    if ref is None:
        return format_html(MASK_HTML, what="an episode")
    what = format_html("<i>{}</i> {}", ref.show_title, ref.code)
    return format_html(MASK_HTML, what=what)


def _replace(html: str, render: Callable, images: dict[int, Image | None] | None) -> SafeString:
    if not INLINE_FIGURE.search(html or ""):
        return mark_safe(html or "")  # noqa: S308 - stored bodies are sanitised on save
    images = images or {}
    if not images.keys() >= set(inline_image_ids(html)):  # not looked up by the view beforehand
        images = {**images, **images_for(html)}
    return mark_safe(INLINE_FIGURE.sub(lambda match: render(images.get(int(match.group(1)))), html))  # noqa: S308


def render_inline_images(html: str, progress=None, reveal: bool = False, images=None) -> SafeString:
    """A sanitised body with its inline figures as pictures: one query for all of them, none for
    those in ``images`` (``images_shown_by``, from the view).

    A picture that spoils an episode the reader (``progress``, as the page's view applied it) has
    not seen becomes a note instead; without a progress every spoiling picture is hidden.
    """
    reader = _Reader().apply_progress(progress, reveal)

    def render(image) -> str:
        if image is None or not image.image:
            return ""
        if reader.hides(image.spoils_episode_id):
            return _mask(reader, image.spoils_episode_id)
        markup = picture(image, INLINE_VARIANT, True)
        return format_html(FIGURE_HTML, picture=markup, caption=_caption(image)) if markup else ""

    return _replace(html, render, images)


def feed_inline_images(html: str, absolute_url: Callable[[str], str], progress, images: dict[int, Image]) -> SafeString:
    """For feeds: each inline figure as one plain ``<img>`` with an absolute URL (feed readers
    take no ``srcset`` or ``<picture>``), or nothing when it would spoil or is gone. ``images``:
    ``images_for`` every item's body, so a feed asks once."""
    reader = _Reader().apply_progress(progress)

    def render(image) -> str:
        if image is None or reader.hides(image.spoils_episode_id):
            return ""
        url = rendition_url(image, INLINE_VARIANT)
        return (
            format_html(FEED_HTML, src=absolute_url(url), alt=image.image_alt, caption=_caption(image)) if url else ""
        )

    return _replace(html, render, images)
