"""The universe both shows share: what really happened, what happened in the show, and the
names things go by (see ``aliases``)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from universe.aliases import normalize

# What an alias can name, with the field that holds its own name.
ALIAS_TARGETS = {
    "people.person": "name",
    "people.character": "name",
    "people.historicalfigure": "name",
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
