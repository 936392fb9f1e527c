"""RSS 2.0 and Atom feeds of published news, all stories or one tag's, with full content.

Spoilers (issue 9): feed readers send no cookie, so a feed is spoiler-safe by the site's default
(nothing aired in the last week) unless its URL names a progress, ``?progress=star-city:s1e4``
or ``?progress=all`` (the settings page links each reader's own). A masked story keeps its
spoiler-free headline and standfirst and has no body.

Every URL in a feed is absolute and built from SITE_URL (the syndication framework would
otherwise use the django.contrib.sites row, which is not kept in step with the deploy).
"""

from __future__ import annotations

import copy

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from library.inline import feed_inline_images, images_for
from news.models import Article, Tag
from spoilers.progress import Progress
from starcity_site.reading import apply_progress
from starcity_site.seo import SITE_NAME, absolute_url

ITEMS = 20


class FullContentRss(Rss201rev2Feed):
    """RSS with the whole story in ``content:encoded`` (the description stays the standfirst)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": "http://purl.org/rss/1.0/modules/content/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class FullContentAtom(Atom1Feed):
    """Atom with the whole story in ``<content type="html">`` next to the ``<summary>``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class NewsRssFeed(Feed):
    feed_type = FullContentRss
    description_template = None
    progress: Progress | None = None  # set per request by __call__
    inline_images: dict = {}  # set per request by items()
    language = "en-gb"

    def __call__(self, request, *args, **kwargs):
        # One feed object serves every request: the reader's progress goes on a copy.
        feed = copy.copy(self)
        feed.progress = Progress.from_token(request.GET.get("progress", ""))
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self, obj=None):
        return f"{SITE_NAME}: news"

    def description(self, obj=None):
        return "News about Star City, the For All Mankind spin-off on Apple TV+."

    def link(self, obj=None):
        return absolute_url(reverse("news:list"))

    def feed_url(self, obj=None):
        return absolute_url(reverse("news:feed_rss"))

    def articles(self, obj=None):
        return Article.objects.published()

    def items(self, obj=None):
        items = apply_progress(
            list(self.articles(obj).select_related("author").prefetch_related("tags")[:ITEMS]),
            self.progress or Progress.from_token(""),
        )
        # Every inline picture of the feed in one query (library.inline); masked bodies are not sent.
        self.inline_images = images_for(*(item.body for item in items if not item.is_masked))
        return items

    def item_title(self, item: Article) -> str:
        return item.display_title

    def item_description(self, item: Article) -> str:
        # Readers render the description as HTML; the standfirst is plain text (issue 7).
        return escape(item.display_standfirst)

    def item_link(self, item: Article) -> str:
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item: Article) -> str:
        return item.author_name

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item: Article) -> dict:
        # The body was sanitised when it was saved (news.models.Article.save); its inline pictures
        # become plain <img> with absolute URLs, or nothing when they would spoil.
        if item.is_masked:
            return {"content": ""}
        return {"content": feed_inline_images(item.body, absolute_url, self.progress, self.inline_images)}


class NewsAtomFeed(NewsRssFeed):
    feed_type = FullContentAtom

    def subtitle(self, obj=None):
        return self.description(obj)

    def feed_url(self, obj=None):
        return absolute_url(reverse("news:feed_atom"))


class TagRssFeed(NewsRssFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not Article.objects.published().filter(tags=tag).exists():
            raise Http404("No published stories with this tag")
        return tag

    def title(self, obj=None):
        return f"{SITE_NAME}: news tagged “{obj.name}”"

    def description(self, obj=None):
        # RSS readers render the channel description as HTML; a tag name is plain text (issue 7).
        return escape(self.subtitle(obj))

    def subtitle(self, obj=None):
        return f"Star City news tagged “{obj.name}”."

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj=None):
        return absolute_url(reverse("news:tag_feed_rss", kwargs={"slug": obj.slug}))

    def articles(self, obj=None):
        return Article.objects.published().filter(tags=obj)


class TagAtomFeed(TagRssFeed):
    feed_type = FullContentAtom

    def feed_url(self, obj=None):
        return absolute_url(reverse("news:tag_feed_atom", kwargs={"slug": obj.slug}))
