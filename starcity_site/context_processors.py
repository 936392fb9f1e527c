"""Values every template may use. No database queries here: error pages render through it."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The links base.html puts on every page.
NAV_URL_NAMES = {
    "home": "home",
    "news": "news:list",
    "shows": "shows:index",
    "people": "people:index",
    "timeline": "universe:timeline",
    "archive": "news:archive",
    "rss": "news:feed_rss",
    "atom": "news:feed_atom",
    "search": "search:results",
    "sitemap": "sitemap",
    "progress": "spoilers:progress",
}


@lru_cache(maxsize=8)
def _nav_urls(script_prefix: str, urlconf) -> dict[str, str]:
    return {key: reverse(name, urlconf=urlconf) for key, name in NAV_URL_NAMES.items()}


def nav_urls() -> dict[str, str]:
    """The site-wide links, reversed once per URLconf and script prefix instead of on every
    page (each ``{% url %}`` costs a resolver walk; docs/performance.md)."""
    return _nav_urls(get_script_prefix(), get_urlconf())


def site(request):
    return {
        "SITE_NAME": "Star City Fan Site",
        "SITE_URL": settings.SITE_URL,
        "ADMIN_PATH": settings.ADMIN_PATH,
        "nav": nav_urls(),
    }
