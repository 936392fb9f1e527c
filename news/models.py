"""News articles with categories and tags. An article may be about shows and people."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Count, Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.anchoring import apply_anchor
from people.models import Person
from shows.models import Episode, Show
from spoilers.display import ArticleDisplay
from starcity_site.publishing import Publishable, PublishableQuerySet, Status
from starcity_site.rich_fields import RichTextModel
from starcity_site.search_vectors import VectorsDeferredManager


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:category", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("news:tag", kwargs={"slug": self.slug})


# What a card prints and the spoiler mask reads (spoilers.display.ArticleDisplay), the chosen
# image, and the fields lists order by.
CARD_FIELDS = (
    "status",
    "published_at",
    "featured",
    "title",
    "slug",
    "standfirst",
    "spoils_episode",
    "safe_title",
    "safe_standfirst",
    "image",
    "image_spoils",
    "category",
)
# The library image's columns a <picture> reads: stored file, size and alt text (the focal point
# is baked into the renditions), and the episode it spoils (ArticleDisplay.show_image).
CARD_IMAGE_FIELDS = (
    "image__image",
    "image__image_width",
    "image__image_height",
    "image__image_alt",
    "image__spoils_episode",
)


class ArticleQuerySet(PublishableQuerySet):
    def cards(self) -> ArticleQuerySet:
        """What an article card shows (includes/article_card.html) and its spoiler mask read, the
        category and image joined. ``only()`` rather than deferring the body: naming the few columns wanted
        builds each row for less than subtracting from all of them."""
        return self.select_related("category", "image").only(
            *CARD_FIELDS, *CARD_IMAGE_FIELDS, "category__name", "category__slug"
        )

    def for_listing(self) -> ArticleQuerySet:
        return self.select_related("author", "category").prefetch_related("tags")

    def waiting_for_review(self) -> ArticleQuerySet:
        """Drafts an author submitted: still drafts, so ``published()`` never shows them."""
        return self.drafts().filter(submitted_at__isnull=False)

    def for_detail(self) -> ArticleQuerySet:
        """The article page's own row, with its byline's author, category and hero image."""
        return self.select_related("author", "category", "image")

    def closest_to(self, tags: list[int], shows: list[int], people: list[int]) -> models.QuerySet:
        """The ids of stories sharing a tag or a person with these, closest first, newest among equals.

        A shared tag counts twice (editors choose tags per story), a shared person or show once. A
        show alone does not make a story related: most stories name the same show, so counting it
        for every story would scan them all. The candidates come from the two link tables' indexes.
        """
        tagged, naming = self.model.tags.through.objects, self.model.people.through.objects
        candidates = Q(pk__in=tagged.filter(tag__in=tags).values("article")) | Q(
            pk__in=naming.filter(person__in=people).values("article")
        )
        weighted = [
            Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True) * weight
            for relation, ids, weight in (("tags", tags, 2), ("shows", shows, 1), ("people", people, 1))
            if ids
        ]
        return (
            self.filter(candidates)
            .values("pk")  # grouped by the id alone, not by every column (SQLite)
            .annotate(closeness=sum(weighted[1:], weighted[0]))
            .order_by("-closeness", "-published_at", "-pk")
            .values_list("pk", flat=True)
        )


class Article(RichTextModel, ArticleDisplay, Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    standfirst = models.TextField(
        _("standfirst"), max_length=600, blank=True, help_text=_("The one- or two-sentence summary under the headline.")
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("HTML; scripts, styles and unsafe links are removed on save.")
    )
    # The caption, credit and alt text are the library image's own.
    image = models.ForeignKey(
        "library.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    shows = models.ManyToManyField(Show, verbose_name=_("shows"), blank=True, related_name="articles")
    people = models.ManyToManyField(Person, verbose_name=_("people"), blank=True, related_name="articles")
    source_name = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_('Credit a source, e.g. "Decider".')
    )
    source_url = models.URLField(_("source URL"), blank=True, validators=[URLValidator(schemes=["http", "https"])])
    featured = models.BooleanField(_("featured"), default=False)
    # Spoilers (issue 9): fans who have not seen ``spoils_episode`` get the safe headline and
    # standfirst instead, no body and (with image_spoils) no picture; see spoilers.display.
    spoils_episode = models.ForeignKey(
        Episode,
        verbose_name=_("spoils episode"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spoiling_articles",
        help_text=_("The episode this story gives away. Anchored stories spoil their episode automatically."),
    )
    safe_title = models.CharField(
        _("spoiler-free headline"), max_length=200, blank=True, help_text=_("Shown to fans who have not seen it yet.")
    )
    safe_standfirst = models.TextField(
        _("spoiler-free standfirst"), max_length=600, blank=True, help_text=_("Shown to fans who have not seen it yet.")
    )
    image_spoils = models.BooleanField(
        _("image spoils"), default=False, help_text=_("Hide the picture from fans who have not seen the episode.")
    )
    anchor_episode = models.ForeignKey(
        Episode,
        verbose_name=_("publish relative to episode"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anchored_articles",
        help_text=_("Publish at this episode's air time plus the offset; follows the air date when it moves."),
    )
    anchor_offset = models.DurationField(
        _("offset after air time"),
        default=datetime.timedelta(0),
        blank=True,
        help_text=_('e.g. "2:00:00" for two hours after the episode airs.'),
    )
    # The review queue: set while a draft waits for an editor. The status stays "draft", so the one
    # visibility rule (``published()``) needs nothing new; steps are kept in ``review_steps``.
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped on every save; a form carrying an older value is a stale edit (no lost updates).
    version = models.PositiveIntegerField(default=1, editable=False)
    # Full-text search on PostgreSQL (search.engine): kept up to date by a database trigger
    # (migration 0004), so every write, bulk ones included, refreshes them and a search reads
    # them instead of parsing every body again. Unused (NULL) on SQLite; never serialised.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    safe_search_vector = SearchVectorField(null=True, editable=False, serialize=False)

    # Without the search vectors (starcity_site.search_vectors).
    objects = VectorsDeferredManager.from_queryset(ArticleQuerySet)()
    rich_text_fields = ("body",)  # cleaned on every save (RichTextModel), as every other long text

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "published_at"], name="article_visibility_idx")]
        permissions = [("publish_article", "Can publish, schedule and unpublish articles")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:article", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs) -> None:
        apply_anchor(self)
        if self.status != Status.DRAFT:
            self.submitted_at = None  # published or scheduled: nothing waits any more
        super().save(*args, **kwargs)

    @property
    def is_waiting_for_review(self) -> bool:
        return self.status == Status.DRAFT and self.submitted_at is not None

    @property
    def state_label(self) -> str:
        return "Waiting for review" if self.is_waiting_for_review else super().state_label

    @property
    def author_name(self) -> str:
        if self.author is None:
            return "Star City staff"
        return self.author.get_full_name() or self.author.get_username()


@receiver(pre_save, sender=Article, dispatch_uid="news.article.version")
def _bump_version(sender, instance: Article, raw=False, **kwargs) -> None:
    """Every save of an existing article takes the row's version + 1 (no lost updates).

    A signal, not ``save()``: django-reversion restores a version with a raw ``save_base``, which
    skips ``save()`` but not this; the number is read from the row so a restore never rewinds it.
    """
    if instance.pk is None:
        return
    current = sender._base_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
    if current is not None:
        instance.version = current + 1


def new_share_token() -> str:
    # 256 random bits: unguessable, so a forged or mistyped link matches nothing.
    return secrets.token_urlsafe(32)


class ShareLinkQuerySet(models.QuerySet):
    def active(self) -> ShareLinkQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """A secret, expiring URL that shows one article (even a draft) to a reviewer with no account."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="share_links"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_share_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share link")

    def __str__(self) -> str:
        return f"Share link for “{self.article}” ({self.state_label.lower()})"

    def get_absolute_url(self) -> str:
        return reverse("share_preview", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state_label(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        return "Active" if self.expires_at > timezone.now() else "Expired"


class ReviewStep(models.Model):
    """One step of an article's review (who, when, note), newest first on its admin page."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        SENT_BACK = "sent_back", _("Sent back to the author")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="review_steps"
    )
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("review step")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.article}"
