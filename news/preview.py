"""Who may see an article at its URL: the public sees published ones; staff may preview the rest.

The public site's article view asks ``visible_articles(request)`` instead of building its own
rule, so staff preview (and only that) widens ``Article.objects.published()``. Whenever
``is_preview`` is true the view marks the page noindex and never cached, and the template shows
the banner (``templates/includes/preview_banner.html``). A reviewer's share link is the article
view's subclass in ``news.share``: it narrows the queryset to the shared article itself.
"""

from __future__ import annotations

from django.http import HttpRequest

from news.models import Article, ArticleQuerySet


def can_preview(request: HttpRequest) -> bool:
    """Staff who may change articles see drafts and scheduled articles at their real URL."""
    user = getattr(request, "user", None)
    return bool(user and user.is_active and user.is_staff and user.has_perm("news.change_article"))


def visible_articles(request: HttpRequest) -> ArticleQuerySet:
    if can_preview(request):
        return Article.objects.all()
    return Article.objects.published()


def is_preview(request: HttpRequest, article: Article) -> bool:
    """True when ``article`` is shown before it is public: noindex, never cached."""
    return not article.is_published and can_preview(request)
