"""Values every template may use. No database queries here: error pages render through it."""

from django.conf import settings
from django.urls import reverse

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


def nav_urls() -> dict[str, str]:
    return {key: reverse(name) for key, name in NAV_URL_NAMES.items()}


def site(request):
    return {
        "SITE_NAME": "Star City Fan Site",
        "SITE_URL": settings.SITE_URL,
        "ADMIN_PATH": settings.ADMIN_PATH,
        "nav": nav_urls(),
    }
