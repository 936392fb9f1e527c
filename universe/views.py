"""Public pages of the universe: the two-column timeline, an event, a historical figure, the glossary.

Every page runs a fixed number of queries: lists are prefetched, aliases are read in one query
for all the objects on a page (``Alias.objects.grouped_for``), and the show's side of an event
tied to an episode, and its title, are shown as the reader's progress may see them
(starcity_site.reading).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, TemplateView

from library.inline import images_shown_by
from news.models import Article
from people.models import Character
from people.structured_data import figure_ref
from shows.models import Episode, Show
from starcity_site.reading import ReaderProgressMixin
from starcity_site.seo import PageMeta, SeoMixin, absolute_url, breadcrumb_trail, describe
from universe.models import Alias, GlossaryTerm, HistoricalFigure, Place, TimelineEvent

EARLIEST_DECADE, LATEST_DECADE = 1900, 2090


def timeline_crumb() -> tuple[str, str]:
    return ("Timeline", reverse("universe:timeline"))


class TimelineView(ReaderProgressMixin, SeoMixin, ListView):
    """Our history and the show's, side by side; ``?show=<slug>`` and ``?decade=1960`` narrow it.

    A filter value that is not a show or a decade is ignored (the whole timeline, not an error).
    """

    template_name = "universe/timeline.html"
    context_object_name = "events"
    paginate_by = 100
    # The "Reveal" link in a row reveals the rows of this page.
    masked_context = revealed_context = ("events",)

    @cached_property
    def shows(self) -> list[Show]:
        return list(Show.objects.order_by("title"))

    @cached_property
    def show(self) -> Show | None:
        slug = self.request.GET.get("show", "")
        return next((show for show in self.shows if show.slug == slug), None)

    @cached_property
    def decade(self) -> int | None:
        raw = self.request.GET.get("decade", "").strip().removesuffix("s")
        if not raw.isascii() or not raw.isdigit() or len(raw) != 4:
            return None
        value = int(raw)
        return value if value % 10 == 0 and EARLIEST_DECADE <= value <= LATEST_DECADE else None

    def get_queryset(self):
        events = TimelineEvent.objects.for_listing()
        if self.show is not None:
            events = events.for_show(self.show)
        if self.decade is not None:
            events = events.in_decade(self.decade)
        return events

    def get_context_data(self, **kwargs):
        years = TimelineEvent.objects.dates("date", "year")
        decades = sorted({day.year // 10 * 10 for day in years})
        context = super().get_context_data(
            shows=self.shows,
            decades=decades,
            selected_show=self.show,
            selected_decade=self.decade,
            **kwargs,
        )
        context["inline_images"] = images_shown_by(context["object_list"])
        return context

    def get_page_meta(self):
        return PageMeta(
            "Timeline: our history and the show's",
            "Where For All Mankind and Star City follow real history, and where they part from it: "
            "the Moon landing, the N1 rocket, the Chief Designer and more, side by side.",
            reverse("universe:timeline"),  # filtered views name the whole timeline as canonical
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(("Timeline", ""))


class EventDetailView(ReaderProgressMixin, SeoMixin, DetailView):
    template_name = "universe/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return TimelineEvent.objects.select_related("spoils_episode").prefetch_related(
            Prefetch("episodes", queryset=Episode.objects.with_show()),
            Prefetch("characters", queryset=Character.objects.select_related("show")),
            "people",
            "figures",
            "shows",
            Prefetch("articles", queryset=Article.objects.published().order_by("-published_at")),
            "places",
        )

    def get_page_meta(self):
        event = self.object
        return PageMeta(
            # Shared links reach anyone: the spoiler-free title and text (spoilers.display).
            f"{event.public_title} ({event.date_label})",
            # Shared links reach anyone: no show history that spoils an episode (issue 9).
            describe(event.real_history or ("" if event.spoils_episode_id else event.show_history)),
            event.get_absolute_url(),
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(timeline_crumb(), (self.object.public_title, ""))

    def get_json_ld(self):
        event = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.public_title,
            "startDate": event.date.isoformat(),
            "url": absolute_url(event.get_absolute_url()),
        }
        if event.real_history:
            data["description"] = describe(event.real_history, 300)
        # What the event is about: the real people in it, then the shows that tell it.
        about = [figure_ref(figure) for figure in event.figures.all()]
        about += [
            {"@type": "TVSeries", "name": show.title, "url": absolute_url(show.get_absolute_url())}
            for show in event.shows.all()
        ]
        if about:
            data["about"] = about
        places = [{"@type": "Place", "name": place.name} for place in event.places.all()]
        if places:
            data["location"] = places
        return [data]


class FigureDetailView(ReaderProgressMixin, SeoMixin, DetailView):
    """A real person behind a character, and the characters based on them."""

    template_name = "universe/figure_detail.html"
    context_object_name = "figure"
    masked_context = ("events",)

    def get_queryset(self):
        return HistoricalFigure.objects.prefetch_related(
            Prefetch("characters", queryset=Character.objects.select_related("show").order_by("name")),
            Prefetch("timeline_events", queryset=TimelineEvent.objects.order_by("date", "precision")),
        )

    def get_context_data(self, **kwargs):
        self.aliases = Alias.objects.grouped_for([self.object]).get(self.object, [])
        events = list(self.object.timeline_events.all())
        inline_images = images_shown_by([self.object, *self.object.characters.all()])
        return super().get_context_data(aliases=self.aliases, events=events, inline_images=inline_images, **kwargs)

    def get_page_meta(self):
        figure = self.object
        return PageMeta(
            f"{figure.name} in real history",
            describe(figure.summary or figure.role),
            figure.get_absolute_url(),
            "profile",
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(("Glossary", reverse("universe:glossary")), (self.object.name, ""))

    def get_json_ld(self):
        figure = self.object
        data = {"@context": "https://schema.org", **figure_ref(figure)}
        if figure.summary:
            data["description"] = describe(figure.summary, 300)
        if self.aliases:
            data["alternateName"] = [alias.text for alias in self.aliases]
        return [data]


class GlossaryView(SeoMixin, TemplateView):
    """Terms, places and historical figures, each with every name it goes by."""

    template_name = "universe/glossary.html"

    def get_context_data(self, **kwargs):
        terms = list(GlossaryTerm.objects.prefetch_related("shows"))
        places = list(Place.objects.all())
        figures = list(HistoricalFigure.objects.all())
        aliases = Alias.objects.grouped_for([*terms, *places, *figures])
        for obj in (*terms, *places, *figures):
            obj.alias_list = aliases.get(obj, [])
        inline_images = images_shown_by([*terms, *places])
        return super().get_context_data(
            terms=terms, places=places, figures=figures, inline_images=inline_images, **kwargs
        )

    def get_page_meta(self):
        return PageMeta(
            "Glossary: terms, places and real people",
            "N1, Star City, the Chief Designer, KGB: what the words mean and every name they go by, "
            "in Latin and Cyrillic.",
            reverse("universe:glossary"),
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(("Glossary", ""))
