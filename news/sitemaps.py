"""Sitemap sections for the news side: published articles, the tags and categories that have
published articles, and the fixed pages. Wired into ``sitemaps`` in starcity_site/urls.py."""

from __future__ import annotations

from django.db.models import Max
from django.urls import reverse

from news.models import Article, Category, Tag
from starcity_site.seo import SiteSitemap


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at").order_by("-published_at", "-id")

    def lastmod(self, item: Article):
        return item.updated_at


class _WithPublishedArticles(SiteSitemap):
    """Tags or categories that have at least one published article; lastmod = its newest."""

    model = None
    changefreq = "daily"
    priority = 0.5

    def items(self):
        published = Article.objects.published()
        return (
            self.model.objects.filter(articles__in=published)
            .annotate(newest=Max("articles__updated_at"))
            .order_by("slug")
        )

    def lastmod(self, item):
        return item.newest


class TagSitemap(_WithPublishedArticles):
    model = Tag


class CategorySitemap(_WithPublishedArticles):
    model = Category


class StaticSitemap(SiteSitemap):
    """The home page, the news list and the archive index."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "news:list", "news:archive"]

    def location(self, item: str) -> str:
        return reverse(item)
