"""The one visibility rule for editorial content.

Every public view, feed, sitemap, search and template tag asks ``Model.objects.published()``;
nothing else decides whether the public may see a row. A row is public when its status is
"published" and its publish time has come: a future time means scheduled, invisible until then.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self) -> PublishableQuerySet:
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self) -> PublishableQuerySet:
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self) -> PublishableQuerySet:
        return self.filter(status=Status.DRAFT)


class Publishable(models.Model):
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("When the public may see it. A future time schedules it; empty means now on publish."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    @property
    def state_label(self) -> str:
        if self.is_published:
            return "Published"
        if self.is_scheduled:
            return "Scheduled"
        return "Draft"

    def publish(self, when=None) -> None:
        """Mark as published at ``when`` (default: now, or the time already set)."""
        self.status = Status.PUBLISHED
        if when is not None:
            self.published_at = when
        elif self.published_at is None:
            self.published_at = timezone.now()

    def unpublish(self) -> None:
        self.status = Status.DRAFT
