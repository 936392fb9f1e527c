"""Public show, season and episode pages (the cast & crew page, with the crossovers, is people's:
``people.views``).

The shows app imports no other content app. Credits and news about a show come through the
reverse relations other apps declare on Show (``credits``, ``articles``) and their own queryset
methods (``headline()``, ``with_related()``, ``published()``), so the dependency arrow still
points from people and news to shows (docs/architecture.md).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from library.inline import images_shown_by
from shows import structured_data
from shows.models import Episode, Season, Show
from starcity_site.reading import ReaderProgressMixin
from starcity_site.seo import PageMeta, SeoMixin, breadcrumb_trail, describe

LATEST_NEWS = 4


def shows_crumb() -> tuple[str, str]:
    return ("Shows", reverse("shows:index"))


def show_crumb(show: Show) -> tuple[str, str]:
    return (show.title, show.get_absolute_url())


class ShowListView(SeoMixin, ListView):
    template_name = "shows/show_list.html"
    context_object_name = "shows"

    def get_queryset(self):
        return Show.objects.with_related().prefetch_related("seasons")

    def get_page_meta(self):
        return PageMeta(
            "Shows", "For All Mankind and its spin-off Star City: seasons, episodes, cast.", reverse("shows:index")
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(("Shows", ""))


class ShowDetailView(ReaderProgressMixin, SeoMixin, DetailView):
    template_name = "shows/show_detail.html"
    context_object_name = "show"
    masked_context = ("latest_news", "main_cast")

    def get_object(self, queryset=None):
        # The show and its spin-offs in one query (the page has little query budget to spare).
        slug = self.kwargs["slug"]
        family = list(Show.objects.select_related("parent", "image").filter(Q(slug=slug) | Q(parent__slug=slug)))
        show = next((s for s in family if s.slug == slug), None)
        if show is None:
            raise Http404("No such show")
        self.spinoffs = sorted((s for s in family if s.parent_id == show.pk), key=lambda s: s.title)
        seasons = Prefetch("seasons", queryset=Season.objects.prefetch_related("episodes"))
        prefetch_related_objects([show], seasons)
        return show

    def get_context_data(self, **kwargs):
        show = self.object
        # One query for the main cast and the creators, split here rather than asked twice.
        credits = list(show.credits.headline().with_related().without_texts().billed())
        self.main_cast = [c for c in credits if c.is_cast]
        self.creators = [c for c in credits if c.is_creator]
        return super().get_context_data(
            main_cast=self.main_cast,
            creators=self.creators,
            spinoffs=self.spinoffs,
            release_iso=structured_data.partial_iso_date(show.premiere_date, show.premiere_precision),
            latest_news=show.articles.published().cards()[:LATEST_NEWS],
            inline_images=images_shown_by([show, *show.seasons.all()]),
            **kwargs,
        )

    def get_page_meta(self):
        show = self.object
        return PageMeta(
            show.title,
            describe(show.tagline or show.synopsis),
            show.get_absolute_url(),
            "video.tv_show",
            image=show.public_image,
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(shows_crumb(), (self.object.title, ""))

    def get_json_ld(self):
        return [structured_data.tv_series(self.object, self.main_cast, self.creators)]


class SeasonDetailView(SeoMixin, DetailView):
    template_name = "shows/season_detail.html"
    context_object_name = "season"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Season.objects.select_related("show__image").prefetch_related("episodes"),
            show__slug=self.kwargs["slug"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(show=self.object.show, **kwargs)

    def get_page_meta(self):
        season = self.object
        title = f"{season.show.title}, season {season.number}"
        return PageMeta(
            title,
            describe(season.synopsis or f"Episode guide for {title}."),
            season.get_absolute_url(),
            "video.tv_show",
            image=season.show.public_image,
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(shows_crumb(), show_crumb(self.object.show), (f"Season {self.object.number}", ""))

    def get_json_ld(self):
        return [structured_data.tv_season(self.object)]


class EpisodeDetailView(ReaderProgressMixin, SeoMixin, DetailView):
    template_name = "shows/episode_detail.html"
    context_object_name = "episode"
    masked_context = ("episode_news", "timeline_events")

    def get_object(self, queryset=None):
        episode = get_object_or_404(
            Episode.objects.with_show()
            .select_related("still", "season__show__image")
            .prefetch_related("season__episodes"),
            season__show__slug=self.kwargs["slug"],
            season__number=self.kwargs["number"],
            number=self.kwargs["episode"],
        )
        # Read once for the page and its JSON-LD.
        self.credits = self.episode_credits(episode)
        return episode

    def get_context_data(self, **kwargs):
        episode = self.object
        siblings = list(episode.season.episodes.all())
        index = next(i for i, e in enumerate(siblings) if e.pk == episode.pk)
        context = super().get_context_data(**kwargs)  # masks the episode for this reader
        context.update(
            season=episode.season,
            show=episode.season.show,
            previous_episode=siblings[index - 1] if index > 0 else None,
            next_episode=siblings[index + 1] if index + 1 < len(siblings) else None,
            credits=[c for c in self.credits if c.in_episode],
            main_cast=[c for c in self.credits if not c.in_episode and c.is_cast],
            makers=[c for c in self.credits if not c.in_episode and not c.is_cast],
            episode_news=(episode.spoiling_articles.all() | episode.anchored_articles.all())
            .published()
            .cards()[:LATEST_NEWS],
            timeline_events=list(episode.timeline_events.select_related("spoils_episode").order_by("date")),
        )
        return context

    def episode_credits(self, episode: Episode) -> list:
        """In one query: the show's credits on this episode (``in_episode``), and its headline
        credits (main cast for the whole show or this season, and the creators), who frame every
        episode. Through the relations people declares on Show and Episode."""
        season = episode.season
        framing = season.show.credits.headline().filter(Q(season__isnull=True) | Q(season=season)).values("pk")
        return list(
            season.show.credits.annotate(in_episode=Exists(episode.credits.filter(pk=OuterRef("pk"))))
            .filter(Q(in_episode=True) | Q(pk__in=framing))
            .with_related()
            .without_texts()
            .billed()
        )

    def get_page_meta(self):
        episode = self.object
        show = episode.season.show
        return PageMeta(
            f"{show.title} {episode.code}: {episode.title}" if episode.title else f"{show.title} {episode.code}",
            # Shared links reach anyone: never a spoiling synopsis (spoilers, issue 9).
            describe("" if episode.synopsis_spoils else episode.synopsis),
            episode.get_absolute_url(),
            "video.episode",
            image=show.public_image,
        )

    def get_breadcrumbs(self):
        season = self.object.season
        return breadcrumb_trail(
            shows_crumb(),
            show_crumb(season.show),
            (f"Season {season.number}", season.get_absolute_url()),
            (f"Episode {self.object.number}", ""),
        )

    def get_json_ld(self):
        return [structured_data.tv_episode(self.object, [c for c in self.credits if c.in_episode])]
