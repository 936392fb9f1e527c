"""Share links: /preview/<token>/ shows one article to a reviewer who has no account.

The token is 256 random bits stored on the ShareLink; an unknown (forged, mistyped) token is a
404, an expired or revoked one a 410 that says so. A valid link renders the article through the
public article view itself, narrowed to that article by ``news.preview``, so the reviewer sees
exactly what readers will. Every response is noindex and never cached (``never_cache``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from news.models import ShareLink
from news.preview import SHARE_LINK_ATTR


@never_cache
def shared_article(request: HttpRequest, token: str) -> HttpResponse:
    from news.views import ArticleDetailView  # the public view; imported late, it imports news.preview

    link = ShareLink.objects.select_related("article").filter(token=token).first()
    if link is None:
        raise Http404("No such preview link")
    if not link.is_active:
        response = render(request, "preview/link_gone.html", {"link": link}, status=410)
    else:
        setattr(request, SHARE_LINK_ATTR, link)
        response = ArticleDetailView.as_view()(request, slug=link.article.slug)
        if hasattr(response, "render"):
            response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
