"""Sitemap sections for the show index, shows, seasons and episodes.

Shows carry ``updated_at``; seasons and episodes have no timestamp of their own, so they give no
lastmod rather than a made-up one.
"""

from django.urls import reverse

from shows.models import Episode, Season, Show
from starcity_site.seo import SiteSitemap


class ShowIndexSitemap(SiteSitemap):
    def items(self):
        return ["shows:index"]

    def location(self, item):
        return reverse(item)


class ShowSitemap(SiteSitemap):
    def items(self):
        return Show.objects.order_by("pk")

    def lastmod(self, show):
        return show.updated_at


class SeasonSitemap(SiteSitemap):
    def items(self):
        return Season.objects.select_related("show").order_by("pk")


class EpisodeSitemap(SiteSitemap):
    def items(self):
        return Episode.objects.with_show().order_by("pk")


SITEMAPS = {
    "shows-index": ShowIndexSitemap,
    "shows": ShowSitemap,
    "seasons": SeasonSitemap,
    "episodes": EpisodeSitemap,
}
