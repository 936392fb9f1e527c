"""People who make the shows, the characters they play, and the credits that join them."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shows.models import Episode, Season, Show
from spoilers.display import CharacterDisplay, CreditDisplay
from starcity_site.reading import PictureDisplay
from starcity_site.rich_fields import RichTextModel
from starcity_site.search_vectors import VectorsDeferredManager


class Person(RichTextModel, PictureDisplay, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    short_bio = models.CharField(_("short bio"), max_length=300, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    image = models.ForeignKey(
        "library.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    known_for = models.CharField(
        _("known for"), max_length=300, blank=True, help_text=_("Work outside these shows, e.g. 'Line of Duty'.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Full-text search on PostgreSQL (search.engine): kept current by a database trigger
    # (migration 0004), so a search no longer parses every biography. NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = VectorsDeferredManager()
    rich_text_fields = ("bio",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:person", kwargs={"slug": self.slug})

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()


class CharacterQuerySet(models.QuerySet):
    def in_show(self, shows) -> CharacterQuerySet:
        """Characters of any of ``shows`` (ids or instances): as primary show or through an appearance."""
        appears = CharacterAppearance.objects.filter(character=OuterRef("pk"), show__in=shows)
        return self.filter(models.Q(show__in=shows) | Exists(appears))

    def crossovers(self, show: Show) -> CharacterQuerySet:
        """Characters in ``show`` who also appear in its parent or one of its spin-offs.

        Reads ``show.spinoffs`` (prefetched by ``Show.objects.with_related()``).
        """
        related = [pk for pk in (show.parent_id, *(s.pk for s in show.spinoffs.all())) if pk]
        if not related:
            return self.none()
        return self.in_show([show.pk]).in_show(related).with_appearances()

    def with_appearances(self) -> CharacterQuerySet:
        appearances = models.Prefetch(
            "appearances",
            queryset=CharacterAppearance.objects.select_related("show", "first_episode__season").order_by(
                "show__title"
            ),
        )
        return self.select_related("show").prefetch_related(appearances)


class Character(RichTextModel, CharacterDisplay, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    show = models.ForeignKey(Show, verbose_name=_("show"), on_delete=models.PROTECT, related_name="characters")
    description = models.TextField(_("description"), blank=True)
    # Named by label, not imported: figures belong to universe, which builds on people
    # (docs/architecture.md).
    counterpart = models.ForeignKey(
        "universe.HistoricalFigure",
        verbose_name=_("real-history counterpart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="characters",
        help_text=_("The historical figure or office behind the character, e.g. Sergei Korolev."),
    )
    counterpart_note = models.TextField(_("what the show changed"), blank=True)
    # Spoilers (issue 9): what an episode reveals about a character is shown only to fans who
    # have seen that episode (spoilers.display).
    description_spoils_episode = models.ForeignKey(
        Episode,
        verbose_name=_("description spoils"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The episode the description gives away, if any: hidden from fans who have not seen it."),
    )
    fate = models.TextField(_("fate"), blank=True, help_text=_("What becomes of the character."))
    fate_spoils_episode = models.ForeignKey(
        Episode,
        verbose_name=_("fate spoils"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The episode that reveals the fate: hidden from fans who have not seen it."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Full-text search on PostgreSQL (search.engine): the character's own name (A) and
    # description (B), kept current by a trigger (migration 0005); the counterpart's name (C) is
    # another table's and is added in the query. NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = VectorsDeferredManager.from_queryset(CharacterQuerySet)()
    rich_text_fields = ("description", "counterpart_note", "fate")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:character", kwargs={"slug": self.slug})


class CreditKind(models.TextChoices):
    CAST = "cast", _("Cast")
    SHOWRUNNER = "showrunner", _("Showrunner")
    CREATOR = "creator", _("Creator")
    WRITER = "writer", _("Writer")
    DIRECTOR = "director", _("Director")
    PRODUCER = "producer", _("Producer")


class BillingLevel(models.TextChoices):
    MAIN = "main", _("Main")
    RECURRING = "recurring", _("Recurring")
    GUEST = "guest", _("Guest")


# The kinds a show's page names under "Created by".
CREATOR_KINDS = (CreditKind.CREATOR, CreditKind.SHOWRUNNER)


class CreditQuerySet(models.QuerySet):
    def cast(self) -> CreditQuerySet:
        return self.filter(kind=CreditKind.CAST)

    def crew(self) -> CreditQuerySet:
        return self.exclude(kind=CreditKind.CAST)

    def headline(self) -> CreditQuerySet:
        """The main cast and the creators: whom a show's own page names (shows reads them through
        ``show.credits``, so the kinds stay people's to define)."""
        return self.filter(models.Q(kind=CreditKind.CAST, billing=BillingLevel.MAIN) | models.Q(kind__in=CREATOR_KINDS))

    def billed(self) -> CreditQuerySet:
        return self.order_by("billing_order", "person__name")

    def with_related(self) -> CreditQuerySet:
        # The stored search vectors are for the database only (people migrations 0004, 0005).
        return self.select_related("person__image", "show", "season", "character__counterpart").defer(*JOINED_VECTORS)

    def without_texts(self) -> CreditQuerySet:
        """Leave the long texts of the joined rows in the database. Lists of credits name people,
        shows and characters but never print these, and a hundred credits would otherwise carry a
        hundred biographies and copies of the show's synopsis into every render. Paths that the
        query does not join are ignored."""
        return self.defer(*JOINED_TEXTS)


# The stored search vectors of the rows a credit joins: never loaded.
JOINED_VECTORS = ("person__search_vector", "character__search_vector")
# What CreditQuerySet.without_texts leaves out.
JOINED_TEXTS = (
    *JOINED_VECTORS,
    *("person__bio", "show__synopsis", "season__synopsis"),
    *("character__description", "character__fate", "character__counterpart_note"),
    "character__counterpart__summary",
)


class Credit(CreditDisplay, models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="credits")
    show = models.ForeignKey(Show, verbose_name=_("show"), on_delete=models.CASCADE, related_name="credits")
    season = models.ForeignKey(
        Season,
        verbose_name=_("season"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="credits",
        help_text=_("Leave empty for the whole show."),
    )
    episodes = models.ManyToManyField(
        Episode,
        verbose_name=_("episodes"),
        blank=True,
        related_name="credits",
        help_text=_("Only for credits on particular episodes."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CreditKind.choices, default=CreditKind.CAST)
    character = models.ForeignKey(
        Character,
        verbose_name=_("character"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credits",
        help_text=_("Required for cast credits."),
    )
    billing_order = models.PositiveSmallIntegerField(_("billing order"), default=100)
    billing = models.CharField(_("billing"), max_length=12, choices=BillingLevel.choices, default=BillingLevel.MAIN)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("e.g. 'co-creator of the parent series'.")
    )

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["show", "billing_order", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=CreditKind.CAST) | models.Q(character__isnull=False),
                name="cast_credit_names_character",
                violation_error_message=_("A cast credit must name the character played."),
            ),
        ]

    def __str__(self) -> str:
        what = self.character.name if self.character_id else self.get_kind_display()
        return f"{self.person.name} — {what} ({self.show.title})"

    @property
    def is_cast(self) -> bool:
        return self.kind == CreditKind.CAST

    @property
    def is_creator(self) -> bool:
        return self.kind in CREATOR_KINDS


class CharacterAppearance(models.Model):
    """A character in a show: the primary show (``Character.show``) and any crossover into another."""

    character = models.ForeignKey(
        Character, verbose_name=_("character"), on_delete=models.CASCADE, related_name="appearances"
    )
    show = models.ForeignKey(Show, verbose_name=_("show"), on_delete=models.CASCADE, related_name="appearances")
    first_episode = models.ForeignKey(
        Episode,
        verbose_name=_("first episode"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="first_appearances",
        help_text=_("Where the character first appears in this show; empty if not yet known."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("e.g. 'as a younger woman'."))

    class Meta:
        ordering = ["character", "show__title"]
        verbose_name = _("appearance")
        constraints = [
            models.UniqueConstraint(fields=["character", "show"], name="appearance_unique_per_show"),
        ]

    def __str__(self) -> str:
        return f"{self.character} in {self.show}"

    def clean(self) -> None:
        if self.first_episode_id and self.show_id and self.first_episode.season.show_id != self.show_id:
            raise ValidationError({"first_episode": _("The first episode must belong to this show.")})
