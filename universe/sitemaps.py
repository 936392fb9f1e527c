"""Sitemap sections for the universe: the timeline and glossary pages, events and figures.
Wired into ``sitemaps`` in starcity_site/urls.py with ``**universe_sitemaps.SITEMAPS``."""

from __future__ import annotations

from django.urls import reverse

from starcity_site.seo import SiteSitemap
from universe.models import HistoricalFigure, TimelineEvent


class UniversePagesSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["universe:timeline", "universe:glossary"]

    def location(self, item: str) -> str:
        return reverse(item)


class TimelineEventSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return TimelineEvent.objects.only("slug", "updated_at").order_by("date", "precision", "pk")

    def lastmod(self, item: TimelineEvent):
        return item.updated_at


class HistoricalFigureSitemap(SiteSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return HistoricalFigure.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, item: HistoricalFigure):
        return item.updated_at


SITEMAPS = {
    "universe": UniversePagesSitemap,
    "timeline": TimelineEventSitemap,
    "history": HistoricalFigureSitemap,
}
