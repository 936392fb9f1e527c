"""Public news views. Every queryset starts from Article.objects.published().

The article page alone widens that through news.preview (staff preview of drafts), and such a
response is marked noindex and never cached. Each view runs a fixed number of queries: lists
select_related their foreign keys and never touch a relation per row.
"""

from __future__ import annotations

import datetime
from functools import cached_property

from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from news import structured_data
from news.models import Article, Category, Tag
from news.preview import is_preview, visible_articles
from people.models import BillingLevel, Credit
from shows.models import Show, ShowStatus
from starcity_site.reading import ReaderProgressMixin
from starcity_site.seo import PageMeta, SeoMixin, breadcrumb_trail, describe

PAGE_SIZE = 12
HOME_LATEST = 6
CAST_STRIP = 8
RELATED = 3
# The show the site is about. If no show has this slug, prefer a spin-off (the site's show is
# For All Mankind's spin-off), then the earliest created.
FEATURED_SHOW_SLUG = "star-city"
PREMIERED = (ShowStatus.AIRING, ShowStatus.ENDED)


def listing(queryset=None):
    """Published articles as cards need: the category, nothing per row."""
    return (queryset if queryset is not None else Article.objects.published()).cards()


def featured_show() -> Show | None:
    return (
        Show.objects.select_related("image")
        .annotate(
            preference=Case(
                When(slug=FEATURED_SHOW_SLUG, then=Value(0)),
                When(parent__isnull=False, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("preference", "pk")
        .first()
    )


def published_months():
    """The months (as aware datetimes, newest first) in which something was published."""
    return Article.objects.published().datetimes("published_at", "month", order="DESC")


class HomeView(ReaderProgressMixin, SeoMixin, TemplateView):
    template_name = "home.html"
    masked_context = ("featured", "latest", "show", "cast")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One query for featured and latest together: the newest featured story leads, the
        # rest follow newest first.
        recent = list(listing().order_by("-featured", "-published_at", "-id")[: HOME_LATEST + 1])
        lead = recent[0] if recent and recent[0].featured else None
        context["featured"] = lead
        context["latest"] = sorted(
            (article for article in recent if article is not lead),
            key=lambda article: article.published_at,
            reverse=True,
        )[:HOME_LATEST]
        show = self.show
        context["show"] = show
        # "Expected late 2026" before the premiere, "Premiered 31 May 2026" once it is on air.
        context["release_heading"] = "Premiered" if show and show.status in PREMIERED else "Expected"
        context["cast"] = (
            list(
                Credit.objects.cast()
                .filter(show=show, billing=BillingLevel.MAIN)
                .select_related("person__image", "character")
                .without_texts()
                .order_by("billing_order", "person__name")[:CAST_STRIP]
            )
            if show
            else []
        )
        return context

    @cached_property
    def show(self) -> Show | None:
        return featured_show()

    def get_page_meta(self):
        return PageMeta(
            title="Star City Fan Site",
            description="News, cast, episodes and history behind Star City, the For All Mankind spin-off on Apple TV+.",
            path="/",
            image=self.show.public_image if self.show else None,  # the show's poster is the site's link preview
        )

    def get_json_ld(self):
        return [structured_data.website()]


class NewsListBase(ReaderProgressMixin, SeoMixin, ListView):
    """A paginated list of published article cards. ``?page=abc`` and out-of-range pages are 404."""

    template_name = "news/article_list.html"
    context_object_name = "articles"
    paginate_by = PAGE_SIZE
    masked_context = ("articles",)
    heading = "News"
    intro = ""

    def get_queryset(self):
        return listing(self.filter_articles(Article.objects.published()))

    def filter_articles(self, queryset):
        return queryset

    def trail(self) -> list[tuple[str, str]]:
        return [("News", "")]

    def get_breadcrumbs(self):
        steps = self.trail()
        number = self.page_number()
        if number > 1:
            # Deeper pages name their number, and the list itself becomes a link.
            name, _url = steps[-1]
            steps = [*steps[:-1], (name, self.request.path), (f"Page {number}", "")]
        return breadcrumb_trail(*steps)

    def get_page_meta(self):
        number = self.page_number()
        path = self.request.path + (f"?page={number}" if number > 1 else "")
        title = self.heading if number == 1 else f"{self.heading} (page {number})"
        description = describe(self.intro) or f"{self.heading}: news from the Star City fan site."
        return PageMeta(title=title, description=description, path=path)

    def page_number(self) -> int:
        # Called after pagination, which has already turned a bad ?page= into a 404.
        page_obj = getattr(self, "page_obj", None)
        return page_obj.number if page_obj else 1

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        self.page_obj = page
        return paginator, page, object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.heading
        context["intro"] = self.intro
        return context

    def get_json_ld(self):
        meta = self.get_page_meta()
        return [structured_data.collection_page(meta.title, meta.path, self.page_obj.object_list)]


class ArticleListView(NewsListBase):
    heading = "News"
    intro = "The latest on Star City and For All Mankind: casting, release dates, trailers and the history behind them."


class TagView(NewsListBase):
    template_name = "news/tag.html"
    allow_empty = False  # a tag with only drafts or scheduled stories does not exist yet

    def filter_articles(self, queryset):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.heading = f"Tagged “{self.tag.name}”"
        return queryset.filter(tags=self.tag)

    def trail(self):
        return [("News", "/news/"), (self.heading, "")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tag"] = self.tag
        return context


class CategoryView(NewsListBase):
    allow_empty = False

    def filter_articles(self, queryset):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        self.heading = self.category.name
        self.intro = self.category.description
        return queryset.filter(category=self.category)

    def trail(self):
        return [("News", "/news/"), (self.heading, "")]


class MonthArchiveView(NewsListBase):
    """/news/2026/05/: what was published that month (in the site's time zone)."""

    template_name = "news/archive_month.html"

    def filter_articles(self, queryset):
        year, month = int(self.kwargs["year"]), int(self.kwargs["month"])
        if not (1 <= month <= 12 and 1 <= year <= 9999):
            raise Http404("No such month")
        self.month = datetime.date(year, month, 1)
        self.heading = f"News from {self.month:%B %Y}"
        start = timezone.make_aware(datetime.datetime(year, month, 1))
        end = timezone.make_aware(datetime.datetime(year + month // 12, month % 12 + 1, 1)) if year < 9999 else None
        queryset = queryset.filter(published_at__gte=start)
        return queryset.filter(published_at__lt=end) if end else queryset

    def paginate_queryset(self, queryset, page_size):
        paginated = super().paginate_queryset(queryset, page_size)
        if not paginated[0].count:  # an empty month is not a page: 404, not an empty list
            raise Http404("Nothing was published that month")
        return paginated

    def trail(self):
        return [("News", "/news/"), ("Archive", "/news/archive/"), (f"{self.month:%B %Y}", "")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = published_months()
        context["month"] = self.month
        return context


class ArchiveIndexView(SeoMixin, TemplateView):
    template_name = "news/archive_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = published_months()
        return context

    def get_page_meta(self):
        return PageMeta(title="News archive", description="Every month of Star City news.", path=self.request.path)

    def get_breadcrumbs(self):
        return breadcrumb_trail(("News", "/news/"), ("Archive", ""))


class ArticleDetailView(ReaderProgressMixin, SeoMixin, DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"
    masked_context = ("previous_article", "next_article", "related")

    def get_queryset(self):
        # The neighbours' ids come with the article: two index probes inside its own query. The
        # (published_at, pk) comparisons leave the article itself out.
        published = Article.objects.published()
        when = OuterRef("published_at")
        older = published.filter(Q(published_at__lt=when) | Q(pk__lt=OuterRef("pk")), published_at__lte=when)
        newer = published.filter(Q(published_at__gt=when) | Q(pk__gt=OuterRef("pk")), published_at__gte=when)
        return (
            self.visible_articles()
            .for_detail()
            .annotate(
                older_pk=Subquery(older.order_by("-published_at", "-pk").values("pk")[:1]),
                newer_pk=Subquery(newer.order_by("published_at", "pk").values("pk")[:1]),
            )
        )

    def visible_articles(self):
        """The articles this page may show (news.share narrows them to one shared article)."""
        return visible_articles(self.request)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.preview:
            # A staff preview must never be stored by the page cache or any shared cache.
            add_never_cache_headers(response)
        return response

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        self.preview = is_preview(self.request, article)
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        # Read once for the chips, the JSON-LD and the related stories; shows and people only as
        # far as a link to them needs.
        self.tags = list(article.tags.all())
        self.shows = list(article.shows.only("title", "slug"))
        self.people = list(article.people.only("name", "slug"))
        context = super().get_context_data(tags=self.tags, shows=self.shows, people=self.people, **kwargs)
        context["preview"] = self.preview
        previous, next_, related = self.around(article)
        context["previous_article"], context["next_article"], context["related"] = previous, next_, related
        return context

    def around(self, article: Article) -> tuple[Article | None, Article | None, list[Article]]:
        """The older and newer published stories and up to three related ones, in two queries.

        Related stories (``ArticleQuerySet.closest_to``) leave out the older and newer ones, which
        are linked already. The second query loads them and the two neighbours (their ids came with
        the article, ``get_queryset``) as cards.
        """
        # None for a draft being previewed without a date: then it has no neighbours.
        older_pk, newer_pk = article.older_pk, article.newer_pk
        neighbours = [pk for pk in (older_pk, newer_pk) if pk is not None]
        published = Article.objects.published().exclude(pk=article.pk)
        tags, people = [tag.pk for tag in self.tags], [person.pk for person in self.people]
        related_ids = []
        if tags or people:
            shows = [show.pk for show in self.shows]
            related_ids = list(published.exclude(pk__in=neighbours).closest_to(tags, shows, people)[:RELATED])
        wanted = [*neighbours, *related_ids]
        if not wanted:
            return None, None, []
        rows = {row.pk: row for row in listing(published.filter(pk__in=wanted))}
        return rows.get(older_pk), rows.get(newer_pk), [rows[pk] for pk in related_ids if pk in rows]

    def get_page_meta(self):
        article = self.object
        return PageMeta(
            # Shared links reach anyone: always the spoiler-free text (spoilers.display).
            title=article.public_title,
            description=describe(article.public_standfirst or ("" if article.spoils_episode_id else article.body)),
            path=article.get_absolute_url(),
            og_type="article",
            image=article.public_image,
            noindex=self.preview,
            published=article.published_at,
            modified=article.updated_at,
        )

    def get_breadcrumbs(self):
        article = self.object
        steps = [("News", "/news/")]
        if article.category:
            steps.append((article.category.name, article.category.get_absolute_url()))
        return breadcrumb_trail(*steps, (article.public_title, ""))

    def get_json_ld(self):
        return [structured_data.news_article(self.object, self.tags, self.shows, self.people)]
