"""Shows, their seasons and episodes. This app depends on no other content app."""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from starcity_site.reading import PictureDisplay, SpoilerDisplay
from starcity_site.rich_fields import RichTextModel


class ShowStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    IN_PRODUCTION = "in_production", _("In production")
    POST_PRODUCTION = "post_production", _("Post-production")
    AIRING = "airing", _("Airing")
    ENDED = "ended", _("Ended")


class DatePrecision(models.TextChoices):
    """How much of a date is known: a release 'late 2026' is stored as a date with PART_OF_YEAR."""

    DAY = "day", _("Exact day")
    MONTH = "month", _("Month")
    PART_OF_YEAR = "part", _("Early / mid / late in the year")
    YEAR = "year", _("Year")


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    if value is None:
        return ""
    if precision == DatePrecision.DAY:
        return f"{value.day} {value:%B %Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%B %Y}"
    if precision == DatePrecision.PART_OF_YEAR:
        part = "Early" if value.month <= 4 else "Mid" if value.month <= 8 else "Late"
        return f"{part} {value.year}"
    return str(value.year)


class ShowQuerySet(models.QuerySet):
    def with_related(self) -> ShowQuerySet:
        return self.select_related("parent", "image").prefetch_related("spinoffs")


class Show(RichTextModel, PictureDisplay, models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True)
    # Every picture is chosen from the library; PROTECT keeps an image in use from being deleted.
    image = models.ForeignKey(
        "library.Image",
        verbose_name=_("poster"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shows",
    )
    platform = models.CharField(_("platform / network"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ShowStatus.choices, default=ShowStatus.ANNOUNCED)
    premiere_date = models.DateField(
        _("premiere date"),
        null=True,
        blank=True,
        help_text=_("Known or expected premiere; set the precision to what is actually known."),
    )
    premiere_precision = models.CharField(
        _("premiere date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent show"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spinoffs",
        help_text=_("For a spin-off: the series it comes from."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ShowQuerySet.as_manager()
    rich_text_fields = ("synopsis",)

    class Meta:
        ordering = ["title"]
        verbose_name = _("show")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("shows:detail", kwargs={"slug": self.slug})

    @property
    def release_label(self) -> str:
        """'12 March 2026', 'Late 2026' or '' — only as precise as what is known."""
        return format_partial_date(self.premiere_date, self.premiere_precision)


class Season(RichTextModel, models.Model):
    show = models.ForeignKey(Show, verbose_name=_("show"), on_delete=models.CASCADE, related_name="seasons")
    number = models.PositiveSmallIntegerField(_("number"))
    era = models.CharField(_("era"), max_length=60, blank=True, help_text=_('The period it covers, e.g. "1970s".'))
    episode_count = models.PositiveSmallIntegerField(_("planned episodes"), null=True, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True)

    rich_text_fields = ("synopsis",)

    class Meta:
        ordering = ["show", "number"]
        constraints = [
            models.UniqueConstraint(fields=["show", "number"], name="season_number_unique_per_show"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="season_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.show.title} — season {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("shows:season", kwargs={"slug": self.show.slug, "number": self.number})


class EpisodeQuerySet(models.QuerySet):
    def with_show(self) -> EpisodeQuerySet:
        return self.select_related("season__show")


class EpisodeDisplay(SpoilerDisplay):
    """What a reader who has not seen the episode may see of it (starcity_site.reading)."""

    @property
    def synopsis_masked(self) -> bool:
        return self.synopsis_spoils and self.hides(self.pk)

    @property
    def synopsis_spoiler(self):
        return self.spoiled_ref(self.pk) if self.synopsis_masked else None

    @property
    def display_synopsis(self) -> str:
        return "" if self.synopsis_masked else self.synopsis

    @property
    def show_still(self) -> bool:
        """The still is shown unless the library marks it as spoiling an episode not yet seen."""
        return self.may_show_picture(self.still)


class Episode(RichTextModel, EpisodeDisplay, models.Model):
    season = models.ForeignKey(Season, verbose_name=_("season"), on_delete=models.CASCADE, related_name="episodes")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    airs_at = models.DateTimeField(_("air date and time"), null=True, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True)
    # Spoilers (issue 9): a synopsis that gives the episode away is shown only to fans who have
    # seen it (EpisodeDisplay); everyone else sees the episode's title and air date.
    synopsis_spoils = models.BooleanField(
        _("synopsis spoils this episode"),
        default=False,
        help_text=_("Hide the synopsis from fans who have not seen this episode yet."),
    )
    still = models.ForeignKey(
        "library.Image",
        verbose_name=_("still"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="episodes",
    )

    objects = EpisodeQuerySet.as_manager()
    rich_text_fields = ("synopsis",)

    class Meta:
        ordering = ["season__show", "season__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="episode_number_unique_per_season"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="episode_number_positive"),
        ]

    def __str__(self) -> str:
        label = f"{self.season.show.title} S{self.season.number}E{self.number}"
        return f"{label}: {self.title}" if self.title else label

    def get_absolute_url(self) -> str:
        return reverse(
            "shows:episode",
            kwargs={"slug": self.season.show.slug, "number": self.season.number, "episode": self.number},
        )

    @property
    def code(self) -> str:
        return f"S{self.season.number}E{self.number}"
