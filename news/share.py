"""Share links: /preview/<token>/ shows one article to a reviewer who has no account.

The token is 256 random bits stored on the ShareLink; an unknown (forged, mistyped) token is a
404, an expired or revoked one a 410 that says so. A valid link renders the article through a
subclass of the public article view whose queryset is the shared article alone, so the reviewer
sees exactly what readers will. Every response is noindex and never cached (``never_cache``).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from news.models import Article, ShareLink
from news.views import ArticleDetailView


@method_decorator(never_cache, name="dispatch")
class SharedArticleView(ArticleDetailView):
    def get(self, request, *args, token: str, **kwargs) -> HttpResponse:
        self.link = ShareLink.objects.select_related("article").filter(token=token).first()
        if self.link is None:
            raise Http404("No such preview link")
        if self.link.is_active:
            response = super().get(request, *args, **kwargs)
        else:
            response = render(request, "preview/link_gone.html", {"link": self.link}, status=410)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def visible_articles(self):
        return Article.objects.filter(pk=self.link.article_id)

    def get_object(self, queryset=None):
        self.preview = True
        return (queryset if queryset is not None else self.get_queryset()).get()

    def get_context_data(self, **kwargs):
        return super().get_context_data(share_link=self.link, **kwargs)


shared_article = SharedArticleView.as_view()
