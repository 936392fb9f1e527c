"""Public pages for people and characters, and a show's cast & crew (the show's credits).

News about a person comes through the ``articles`` reverse relation and the article queryset's
own ``published()``: people does not import news (news points at people, not the other way).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from people import structured_data
from people.models import Character, Credit, CreditKind, Person
from shows import structured_data as show_structured_data
from shows.models import Episode, Show
from shows.views import show_crumb, shows_crumb
from starcity_site.reading import ReaderProgressMixin
from starcity_site.seo import PageMeta, SeoMixin, breadcrumb_trail, describe

RELATED_NEWS = 4


def people_crumb() -> tuple[str, str]:
    return ("People", reverse("people:index"))


class PersonListView(SeoMixin, ListView):
    """The cast index: everyone with a credit on a show, with their roles."""

    template_name = "people/person_list.html"
    context_object_name = "people"
    paginate_by = 60

    def get_queryset(self):
        # Each chip names the role and the show: not the show's synopsis or the character's texts,
        # and not the biography (60 people a page, eight pages at once per worker: memory).
        roles = Prefetch(
            "credits",
            queryset=Credit.objects.select_related("show", "character")
            .without_texts()
            .order_by("show__title", "billing_order"),
        )
        has_credit = Exists(Credit.objects.filter(person=OuterRef("pk")))
        return Person.objects.filter(has_credit).select_related("image").defer("bio").prefetch_related(roles)

    def get_page_meta(self):
        return PageMeta("Cast & crew", "The people who make Star City and For All Mankind.", reverse("people:index"))

    def get_breadcrumbs(self):
        return breadcrumb_trail(("People", ""))


class PersonDetailView(ReaderProgressMixin, SeoMixin, DetailView):
    template_name = "people/person_detail.html"
    context_object_name = "person"
    masked_context = ("related_news",)

    def get_queryset(self):
        credits = Prefetch(
            "credits",
            # Joined for what the page prints; the person is the page's own object, not joined again.
            queryset=Credit.objects.select_related("show", "season", "character__counterpart")
            .without_texts()
            .order_by("show__title", "billing_order", "season__number"),
        )
        return Person.objects.select_related("image").prefetch_related(credits)

    def get_context_data(self, **kwargs):
        person = self.object
        credits = list(person.credits.all())
        return super().get_context_data(
            cast_credits=[c for c in credits if c.kind == CreditKind.CAST],
            crew_credits=[c for c in credits if c.kind != CreditKind.CAST],
            related_news=self.news_about(person),
            **kwargs,
        )

    def news_about(self, person: Person) -> list:
        """The newest published stories about ``person``, as cards."""
        return list(person.articles.published().cards()[:RELATED_NEWS])

    def get_page_meta(self):
        person = self.object
        return PageMeta(
            person.name,
            describe(person.short_bio or person.bio),
            person.get_absolute_url(),
            "profile",
            image=person.public_image,
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(people_crumb(), (self.object.name, ""))

    def get_json_ld(self):
        return [structured_data.person(self.object)]


class CharacterDetailView(ReaderProgressMixin, SeoMixin, DetailView):
    template_name = "people/character_detail.html"
    context_object_name = "character"
    masked_context = ("episodes",)

    def get_queryset(self):
        played_by = Prefetch(
            "credits", queryset=Credit.objects.select_related("person__image").without_texts().order_by("billing_order")
        )
        return Character.objects.with_appearances().select_related("counterpart").prefetch_related(played_by)

    def get_context_data(self, **kwargs):
        character = self.object
        self.credits = list(character.credits.all())
        return super().get_context_data(
            credits=self.credits,
            episodes=Episode.objects.with_show().filter(credits__character=character).distinct(),
            **kwargs,
        )

    def get_page_meta(self):
        character = self.object
        return PageMeta(
            f"{character.name} ({character.show.title})",
            # Shared links reach anyone: never a spoiling description (spoilers, issue 9).
            describe("" if character.description_spoils_episode_id else character.description),
            character.get_absolute_url(),
            "profile",
        )

    def get_breadcrumbs(self):
        show = self.object.show
        return breadcrumb_trail(
            ("Shows", reverse("shows:index")), (show.title, show.get_absolute_url()), (self.object.name, "")
        )

    def get_json_ld(self):
        return [structured_data.character(self.object, self.credits)]


class ShowCastView(ReaderProgressMixin, SeoMixin, DetailView):
    """The full cast (by billing) and crew (grouped by kind) of one show, and the characters it
    shares with its parent or a spin-off (issue 10).

    Credits and characters, so people's page, at the show's address (``/shows/<slug>/cast/``)."""

    template_name = "people/show_cast.html"
    context_object_name = "show"
    masked_context = ("crossovers", "cast")

    def get_queryset(self):
        return Show.objects.with_related().prefetch_related("seasons")

    def get_context_data(self, **kwargs):
        credits = list(Credit.objects.filter(show=self.object).with_related().without_texts().billed())
        self.cast = [c for c in credits if c.is_cast]
        crew: dict[str, list] = {}
        for credit in sorted((c for c in credits if not c.is_cast), key=lambda c: c.kind):
            crew.setdefault(credit.get_kind_display(), []).append(credit)
        self.creators = [c for c in credits if c.is_creator]
        return super().get_context_data(
            cast=self.cast,
            crew_groups=list(crew.items()),
            crossovers=Character.objects.crossovers(self.object),  # reads the spin-offs with_related() loaded
            **kwargs,
        )

    def get_page_meta(self):
        show = self.object
        return PageMeta(
            f"{show.title}: cast & crew",
            f"Everyone in front of and behind the camera on {show.title}.",
            reverse("people:show_cast", kwargs={"slug": show.slug}),
            image=show.public_image,
        )

    def get_breadcrumbs(self):
        return breadcrumb_trail(shows_crumb(), show_crumb(self.object), ("Cast & crew", ""))

    def get_json_ld(self):
        return [show_structured_data.tv_series(self.object, self.cast, self.creators)]
