"""{% picture image "variant" lazy sizes %}: a responsive <picture> for a library image (any row
with ImageFields), or nothing for None: ``{% picture article.image "card" %}``.

Everything comes from the image row already loaded (stored name, width, height, alt; the focal
point is baked into the files): no storage I/O while rendering, and no query when the caller
joined the image (``select_related("image")``).
"""

from __future__ import annotations

import logging

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from starcity_site.images.renditions import (
    DEFAULT_VARIANT,
    VARIANTS,
    height_for,
    rendition_url,
    rendition_url_builder,
    widths_for,
)

register = template.Library()
logger = logging.getLogger(__name__)
FALLBACK_WIDTH = 1024  # the <img src> for browsers without srcset


def picture_context(obj, variant: str = DEFAULT_VARIANT, lazy: bool = True, sizes: str | None = None) -> dict:
    image = getattr(obj, "image", None)
    width, height = getattr(obj, "image_width", None), getattr(obj, "image_height", None)
    if not image or not width or not height:
        return {"picture": None}
    if variant not in VARIANTS:
        logger.warning("Unknown picture variant %r; using %r", variant, DEFAULT_VARIANT)
        variant = DEFAULT_VARIANT
    chosen = VARIANTS[variant]
    shape = chosen.shape
    widths = widths_for(width, height, shape)
    url = rendition_url_builder(image.storage, image.name)

    def srcset(extension: str) -> str:
        return ", ".join(f"{url(shape, w, extension)} {w}w" for w in widths)

    fallback = max([w for w in widths if w <= FALLBACK_WIDTH] or widths[:1])
    largest = widths[-1]
    return {
        "picture": {
            "variant": chosen.name,
            "webp_srcset": srcset("webp"),
            "jpeg_srcset": srcset("jpg"),
            "src": url(shape, fallback, "jpg"),
            "sizes": sizes or chosen.sizes,
            "width": largest,
            "height": height_for(largest, shape),
            "alt": getattr(obj, "image_alt", ""),
            "lazy": lazy,
        }
    }


# The markup is built here with format_html (every value escaped) rather than in an included
# template: a list page has a dozen pictures, and rendering a sub-template for each cost about a
# fifth of the news list's time (docs/performance.md).
PICTURE_HTML = (
    '<picture class="picture picture--{variant}"><source type="image/webp" srcset="{webp_srcset}" sizes="{sizes}">'
    '<img src="{src}" srcset="{jpeg_srcset}" sizes="{sizes}" width="{width}" height="{height}" alt="{alt}"{loading}'
    ' decoding="async" class="picture__img"></picture>'
)


@register.simple_tag
def picture(obj, variant=DEFAULT_VARIANT, lazy=True, sizes=None) -> str:
    """A responsive <picture> (WebP with a JPEG fallback), or nothing for an object without an image."""
    data = picture_context(obj, variant, lazy, sizes)["picture"]
    if data is None:
        return ""
    loading = mark_safe(' loading="lazy"') if data.pop("lazy") else ""
    return format_html(PICTURE_HTML, loading=loading, **data)


@register.simple_tag(name="rendition_url")
def rendition_url_tag(obj, variant=DEFAULT_VARIANT, max_width=FALLBACK_WIDTH, extension="jpg") -> str:
    """{% rendition_url obj "card" 640 %}: one rendition's URL (see renditions.rendition_url)."""
    return rendition_url(obj, variant, max_width, extension)
