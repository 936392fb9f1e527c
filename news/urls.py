from django.urls import path, re_path

from news import feeds, views

app_name = "news"

# Fixed words come before the article pattern: an article slugged "archive" or "feed" would be
# shadowed, so editors should avoid those slugs.
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/rss/", feeds.NewsRssFeed(), name="feed_rss"),
    path("feed/atom/", feeds.NewsAtomFeed(), name="feed_atom"),
    path("archive/", views.ArchiveIndexView.as_view(), name="archive"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.MonthArchiveView.as_view(), name="month"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<slug:slug>/rss/", feeds.TagRssFeed(), name="tag_feed_rss"),
    path("tag/<slug:slug>/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article"),
]
