"""The universe both shows share: what really happened, what happened in the show, and the
names things go by (``Alias``; see ``aliases`` and ``spelling``)."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spoilers.display import TimelineEventDisplay
from starcity_site.rich_fields import RichTextModel
from universe.spelling import normalize

# What an alias can name, with the field that holds its own name.
ALIAS_TARGETS = {
    "people.person": "name",
    "people.character": "name",
    "universe.historicalfigure": "name",
    "shows.show": "title",
    "universe.place": "name",
    "universe.glossaryterm": "term",
}


def _alias_target_choices() -> Q:
    query = Q()
    for label in ALIAS_TARGETS:
        app_label, model = label.split(".")
        query |= Q(app_label=app_label, model=model)
    return query


class AliasQuerySet(models.QuerySet):
    def with_target_name(self) -> AliasQuerySet:
        """Annotate ``target_name``, the own name of what each alias names, within this one query."""
        whens = []
        for label, field in ALIAS_TARGETS.items():
            try:
                model = apps.get_model(label)
            except LookupError:  # a target app that is not installed
                continue
            app_label, model_name = label.split(".")
            name = Subquery(model._default_manager.filter(pk=OuterRef("object_id")).values(field)[:1])
            whens.append(When(content_type__app_label=app_label, content_type__model=model_name, then=name))
        return self.annotate(target_name=Case(*whens, default=Value(""), output_field=models.CharField()))

    def grouped_for(self, objects) -> dict:
        """``{obj: [aliases]}`` for model instances of any alias target type, in one query."""
        by_label: dict[tuple[str, str], dict[int, object]] = {}
        for obj in objects:
            by_label.setdefault((obj._meta.app_label, obj._meta.model_name), {})[obj.pk] = obj
        if not by_label:
            return {}
        condition = Q()
        for (app_label, model_name), found in by_label.items():
            condition |= Q(content_type__app_label=app_label, content_type__model=model_name, object_id__in=found)
        grouped: dict = {}
        for alias in self.filter(condition).select_related("content_type"):
            target = by_label[(alias.content_type.app_label, alias.content_type.model)].get(alias.object_id)
            if target is not None:
                grouped.setdefault(target, []).append(alias)
        return grouped


class Alias(models.Model):
    """Another name for a person, character, historical figure, show, place or glossary term.

    Generic rather than one alias table per model: search reads every group in one query, and
    editors add aliases inline on whichever admin page they are editing.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, limit_choices_to=_alias_target_choices)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    text = models.CharField(
        _("alias"), max_length=200, help_text=_("Another spelling or name, e.g. Korolyov or Королёв.")
    )
    normalized = models.CharField(_("normalised form"), max_length=200, editable=False, db_index=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_('Language code of the alias if not English, e.g. "ru" for Cyrillic.'),
    )

    objects = AliasQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "text"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        indexes = [models.Index(fields=["content_type", "object_id"], name="alias_target_idx")]
        constraints = [
            # Unique by spelling, not by the folded key: folding makes Korolyov and Королёв one
            # key on purpose, and both spellings must be stored for search to find texts using either.
            models.UniqueConstraint(
                Lower("text"),
                "content_type",
                "object_id",
                name="alias_spelling_unique_per_target",
                violation_error_message=_("This already has that alias."),
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        self.normalized = normalize(self.text)
        super().save(*args, **kwargs)


class Precision(models.IntegerChoices):
    """How much of an event's date is known. Integers so that ordering by (date, precision) puts
    the broader period first: the 1960s (stored as 1960-01-01) before 1960, before 20 July 1969."""

    DECADE = 1, _("Decade")
    YEAR = 2, _("Year")
    MONTH = 3, _("Month")
    DAY = 4, _("Day")


def start_of_period(value: datetime.date, precision: int) -> datetime.date:
    """The first day of the period a date stands for, so equal periods compare equal."""
    if precision == Precision.DECADE:
        return datetime.date(value.year // 10 * 10, 1, 1)
    if precision == Precision.YEAR:
        return datetime.date(value.year, 1, 1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def format_period(value: datetime.date, precision: int) -> str:
    if precision == Precision.DECADE:
        return f"{value.year // 10 * 10}s"
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


class Relation(models.TextChoices):
    SAME = "same", _("Same in both")
    DIVERGED = "diverged", _("The show diverges")
    SHOW_ONLY = "show_only", _("Only in the show")
    REAL_ONLY = "real_only", _("Only in real history")


class HistoricalFigure(RichTextModel, models.Model):
    """A real person (or office) a character is based on: the Chief Designer is Sergei Korolev."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    role = models.CharField(
        _("role or office"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'Chief Designer of the Soviet space programme'."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Who they were in real history."))
    born = models.DateField(_("born"), null=True, blank=True)
    died = models.DateField(_("died"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    rich_text_fields = ("summary",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("historical figure")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(born__isnull=True)
                | models.Q(died__isnull=True)
                | models.Q(died__gte=models.F("born")),
                name="historical_figure_dies_after_birth",
                violation_error_message=_("The date of death comes before the date of birth."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("universe:figure", kwargs={"slug": self.slug})

    @property
    def lifespan(self) -> str:
        """'1907–1966', '1934–' or ''."""
        if not self.born and not self.died:
            return ""
        born = str(self.born.year) if self.born else "?"
        return f"{born}–{self.died.year}" if self.died else f"{born}–"


class Place(RichTextModel, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    shows = models.ManyToManyField("shows.Show", verbose_name=_("shows"), blank=True, related_name="places")
    updated_at = models.DateTimeField(auto_now=True)

    rich_text_fields = ("description",)

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('universe:glossary')}#place-{self.slug}"


class GlossaryTerm(RichTextModel, models.Model):
    term = models.CharField(_("term"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    definition = models.TextField(_("definition"))
    shows = models.ManyToManyField("shows.Show", verbose_name=_("shows"), blank=True, related_name="glossary_terms")
    updated_at = models.DateTimeField(auto_now=True)

    rich_text_fields = ("definition",)

    class Meta:
        ordering = ["term"]
        verbose_name = _("glossary term")

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return f"{reverse('universe:glossary')}#term-{self.slug}"


class TimelineEventQuerySet(models.QuerySet):
    def in_decade(self, decade: int) -> TimelineEventQuerySet:
        return self.filter(date__gte=datetime.date(decade, 1, 1), date__lt=datetime.date(decade + 10, 1, 1))

    def for_show(self, show) -> TimelineEventQuerySet:
        return self.filter(shows=show)

    def for_listing(self) -> TimelineEventQuerySet:
        return self.select_related("spoils_episode__season__show").prefetch_related("shows")


class TimelineEvent(RichTextModel, TimelineEventDisplay, models.Model):
    """One moment, told twice: as it happened and as the show tells it."""

    date = models.DateField(
        _("date"), help_text=_("For a month, year or decade, any day in it: stored as its first day.")
    )
    precision = models.PositiveSmallIntegerField(_("date precision"), choices=Precision.choices, default=Precision.DAY)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    relation = models.CharField(_("real and show"), max_length=12, choices=Relation.choices, default=Relation.SAME)
    real_history = models.TextField(_("in real history"), blank=True)
    show_history = models.TextField(_("in the show"), blank=True)
    episodes = models.ManyToManyField(
        "shows.Episode", verbose_name=_("episodes"), blank=True, related_name="timeline_events"
    )
    characters = models.ManyToManyField(
        "people.Character", verbose_name=_("characters"), blank=True, related_name="timeline_events"
    )
    people = models.ManyToManyField(
        "people.Person", verbose_name=_("people"), blank=True, related_name="timeline_events"
    )
    figures = models.ManyToManyField(
        HistoricalFigure, verbose_name=_("historical figures"), blank=True, related_name="timeline_events"
    )
    shows = models.ManyToManyField("shows.Show", verbose_name=_("shows"), blank=True, related_name="timeline_events")
    articles = models.ManyToManyField(
        "news.Article", verbose_name=_("articles"), blank=True, related_name="timeline_events"
    )
    places = models.ManyToManyField(Place, verbose_name=_("places"), blank=True, related_name="timeline_events")
    spoils_episode = models.ForeignKey(
        "shows.Episode",
        verbose_name=_("spoils"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spoiling_timeline_events",
        help_text=_("The episode the show's side gives away, if any: hidden from fans who have not seen it."),
    )
    safe_title = models.CharField(
        _("spoiler-free title"),
        max_length=200,
        blank=True,
        help_text=_("Shown instead of the title to fans who have not seen the episode it spoils."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TimelineEventQuerySet.as_manager()
    rich_text_fields = ("real_history", "show_history")

    class Meta:
        ordering = ["date", "precision", "title"]
        verbose_name = _("timeline event")
        indexes = [models.Index(fields=["date", "precision"], name="timeline_event_order_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(relation__in=Relation.values), name="timeline_event_relation_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(precision__in=Precision.values), name="timeline_event_precision_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_label}: {self.title}"

    def save(self, *args, **kwargs) -> None:
        if self.date:
            self.date = start_of_period(self.date, self.precision)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("universe:event", kwargs={"slug": self.slug})

    @property
    def date_label(self) -> str:
        return format_period(self.date, self.precision) if self.date else ""

    @property
    def decade(self) -> int:
        return self.date.year // 10 * 10

    @property
    def is_divergence(self) -> bool:
        return self.relation != Relation.SAME
