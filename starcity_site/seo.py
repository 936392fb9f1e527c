"""What a page tells search engines and link previews: meta tags, canonical URLs, JSON-LD.

Views describe themselves with a ``PageMeta`` (title, description, canonical path, Open Graph
type, image) and a breadcrumb trail; ``SeoMixin`` puts them in the context as ``page_meta``,
``breadcrumbs`` and ``json_ld``, and base.html renders them. Every absolute URL is built from
``settings.SITE_URL`` so the canonical host is the configured one, whatever host a request used.
This module imports no content app: builders take any object with the attributes they read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from starcity_site.images.renditions import rendition_url
from starcity_site.rich_fields import plain_text

SITE_NAME = "Star City Fan Site"
PREVIEW_VARIANT, PREVIEW_WIDTH = "hero", 1200
DESCRIPTION_CHARS = 200

# Inside <script> the HTML parser looks only for "</script" (and "<!--"); escaping every <, >
# and & as JSON unicode escapes keeps the data inert and still valid, identical JSON.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def absolute_url(path_or_url: str) -> str:
    """``/news/x/`` → ``https://site/news/x/``; URLs that already have a host pass through."""
    if not path_or_url:
        return settings.SITE_URL + "/"
    if urlsplit(path_or_url).netloc:
        return path_or_url
    return settings.SITE_URL + path_or_url


def describe(text: str, chars: int = DESCRIPTION_CHARS) -> str:
    """A plain-text description from text or HTML, cut at a word boundary."""
    return Truncator(plain_text(text)).chars(chars)


def image_url(obj: Any) -> str:
    """Absolute URL of a link-preview-sized rendition of a library image (ImageFields), or ''
    for None.

    A 16:9 rendition at most 1200 px wide (what link previews show); the original only when no
    rendition can be named (no stored size).
    """
    image = getattr(obj, "image", None)
    if not image:
        return ""
    return absolute_url(rendition_url(obj, PREVIEW_VARIANT, PREVIEW_WIDTH) or image.url)


@dataclass
class PageMeta:
    """The head of a page: rendered by includes/meta.html (and the <title> in base.html)."""

    title: str
    description: str = ""
    path: str = ""  # canonical path, e.g. article.get_absolute_url(); '' = the home page
    og_type: str = "website"  # "article", "profile", "video.tv_show", …
    image: Any = None  # a library image (ImageFields: ``image``, ``image_alt``, width/height) or None
    noindex: bool = False  # staff previews, search results, error pages
    published: datetime | None = None  # article:published_time
    modified: datetime | None = None  # article:modified_time

    @property
    def full_title(self) -> str:
        return self.title if self.title == SITE_NAME else f"{self.title} — {SITE_NAME}"

    @property
    def canonical(self) -> str:
        """Absolute on SITE_URL, for <link rel="canonical">, og:url and JSON-LD: a page reached
        through another host name (the PaaS's own, say) still names the real one."""
        return absolute_url(self.path)

    @cached_property
    def image_url(self) -> str:
        return image_url(self.image)

    @property
    def image_alt(self) -> str:
        return getattr(self.image, "image_alt", "") if self.image_url else ""

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image_url else "summary"


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail; the last one is the current page (its url may be '')."""

    name: str
    url: str = ""


def breadcrumb_trail(*steps: tuple[str, str] | Crumb) -> list[Crumb]:
    """Home, then the given (name, url) steps: ``breadcrumb_trail(("News", "/news/"), (title, ""))``."""
    return [Crumb("Home", "/"), *(s if isinstance(s, Crumb) else Crumb(*s) for s in steps)]


def breadcrumb_list(crumbs: list[Crumb], current_path: str = "") -> dict:
    """schema.org BreadcrumbList for a trail; the current page's item is its canonical URL."""
    items = []
    for position, crumb in enumerate(crumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": crumb.name}
        url = crumb.url or current_path
        if url:
            item["item"] = absolute_url(url)
        items.append(item)
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def image_object(obj: Any) -> dict | None:
    url = image_url(obj)
    if not url:
        return None
    return {"@type": "ImageObject", "url": url}


def publisher() -> dict:
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute_url("/")}


def json_ld_script(data: dict | list) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``; safe against ``</script>``.

    CSP note: a JSON-LD block is a data block, never executed, so ``script-src 'self'`` does
    not apply to it and it needs no nonce.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    # Safe: the JSON holds no <, > or & any more; HTML-escaping it instead would corrupt quotes.
    return mark_safe(f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>')  # noqa: S308


class SeoMixin:
    """For class-based views: override ``get_page_meta``, ``get_breadcrumbs``, ``get_json_ld``."""

    def get_page_meta(self) -> PageMeta | None:
        return None

    def get_breadcrumbs(self) -> list[Crumb]:
        return []

    def get_json_ld(self) -> list[dict]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_meta"] = self.get_page_meta()
        context["breadcrumbs"] = self.get_breadcrumbs()
        context["json_ld"] = [data for data in self.get_json_ld() if data]
        return context


class SiteSitemap(Sitemap):
    """A Sitemap whose URLs use SITE_URL's scheme and host (not the django.contrib.sites row)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    @property
    def paginator(self):
        # The items as a list: one query per section instead of a COUNT and then the page
        # (issue 8's query budget; a section stays far below the 50,000-URL page limit).
        return Paginator(list(self._items()), self.limit)
