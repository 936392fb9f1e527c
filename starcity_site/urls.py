"""Root URLs: each app's namespaced URLs, plus site-wide health, robots and sitemap."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from news import sitemaps as news_sitemaps
from news.share import shared_article
from news.views import HomeView
from people import sitemaps as people_sitemaps
from shows import sitemaps as shows_sitemaps
from starcity_site import media, views
from universe import sitemaps as universe_sitemaps

# One line per section; every section subclasses starcity_site.seo.SiteSitemap.
sitemaps: dict = {
    "static": news_sitemaps.StaticSitemap,
    "news": news_sitemaps.ArticleSitemap,
    "news-tags": news_sitemaps.TagSitemap,
    "news-categories": news_sitemaps.CategorySitemap,
    **shows_sitemaps.SITEMAPS,
    **people_sitemaps.SITEMAPS,
    **universe_sitemaps.SITEMAPS,
}

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("news/", include("news.urls")),
    path("shows/", include("shows.urls")),
    path("", include("people.urls")),
    path("search/", include("search.urls")),
    path("", include("universe.urls")),
    path("progress/", include("spoilers.urls")),
    path("preview/<slug:token>/", shared_article, name="share_preview"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico whatever the page links: send them to the hashed static file
    # (worked out per request, so importing the URLs never needs the static manifest).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico")), name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# Uploaded images from MEDIA_ROOT when there is no object storage (starcity_site/media.py).
urlpatterns += media.urlpatterns()

handler400 = "starcity_site.views.bad_request"
handler403 = "starcity_site.views.permission_denied"
handler404 = "starcity_site.views.page_not_found"
handler500 = "starcity_site.views.server_error"

admin.site.site_header = "Star City — editors"
admin.site.site_title = "Star City editors"
admin.site.index_title = "Content"
