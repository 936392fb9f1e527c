"""The admin's front page for the person logged in: their drafts, what waits for review (for
editors), what is scheduled next, what was published lately, and content that needs attention.

Each list is one query cut to ``ROWS`` rows, so the page costs the same number of queries
whatever the amount of content (tests/site/test_dashboard.py counts them). Lists are shown only
to those who may open what they link to. Times stay aware: templates print them in the site's
time zone (``TIME_ZONE``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Trim
from django.urls import reverse

from news.models import Article, ReviewStep
from people.models import Person
from shows.models import Show

ROWS = 8
PUBLISH_PERMISSION = "news.publish_article"


@dataclass
class Row:
    title: str
    url: str
    when: object = None  # an aware datetime, or None
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)
    more_url: str = ""
    empty: str = "Nothing here."


def _change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _articles_url(query: str) -> str:
    return reverse("admin:news_article_changelist") + query


def _missing_alt(queryset):
    """Rows whose chosen library image has alt text that is empty or only spaces."""
    return queryset.filter(image__isnull=False).annotate(alt_trimmed=Trim("image__image_alt")).filter(alt_trimmed="")


def my_drafts(user) -> Section:
    last_step = ReviewStep.objects.filter(article=OuterRef("pk")).order_by("-at", "-id")
    drafts = (
        Article.objects.drafts()
        .filter(author=user)
        .annotate(last_step=Subquery(last_step.values("kind")[:1]), last_note=Subquery(last_step.values("note")[:1]))
        .only("title", "status", "submitted_at", "updated_at")
        .order_by("-updated_at")[:ROWS]
    )
    rows = []
    for article in drafts:
        if article.is_waiting_for_review:
            note = "Waiting for review"
        elif article.last_step == ReviewStep.Kind.SENT_BACK:
            note = f"Sent back: {article.last_note}"
        else:
            note = "Draft"
        rows.append(Row(article.title, _change_url(article), article.updated_at, note))
    return Section("drafts", "My drafts", rows, _articles_url("?state=draft"), "You have no drafts.")


def waiting_for_review() -> Section:
    waiting = Article.objects.waiting_for_review().select_related("author").order_by("submitted_at")[:ROWS]
    rows = [Row(a.title, _change_url(a), a.submitted_at, f"by {a.author_name}") for a in waiting]
    return Section("review", "Waiting for review", rows, _articles_url("?state=review"), "Nothing waits for review.")


def scheduled_next() -> Section:
    articles = Article.objects.scheduled().only("title", "published_at").order_by("published_at")[:ROWS]
    rows = [Row(a.title, _change_url(a), a.published_at) for a in articles]
    return Section("scheduled", "Scheduled next", rows, _articles_url("?state=scheduled"), "Nothing is scheduled.")


def recently_published() -> Section:
    articles = Article.objects.published().only("title", "published_at").order_by("-published_at")[:ROWS]
    rows = [Row(a.title, _change_url(a), a.published_at) for a in articles]
    return Section("published", "Recently published", rows, _articles_url("?state=published"), "Nothing yet.")


def needs_attention(user) -> Section:
    rows = []
    if user.has_perm("news.change_article"):
        for article in _missing_alt(Article.objects.published()).only("title")[:ROWS]:
            rows.append(Row(article.title, _change_url(article), note="Article picture has no alt text"))
    for model, label in ((Person, "Portrait"), (Show, "Poster")):
        if user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            for obj in _missing_alt(model.objects.all())[:ROWS]:
                rows.append(Row(str(obj), _change_url(obj), note=f"{label} has no alt text"))
    if user.has_perm("news.change_article"):
        unaired = (
            Article.objects.filter(Q(anchor_episode__isnull=False) & Q(anchor_episode__airs_at__isnull=True))
            .select_related("anchor_episode__season__show")
            .only(
                "title",
                "anchor_episode__title",
                "anchor_episode__number",
                "anchor_episode__season__number",
                "anchor_episode__season__show__title",
            )
            .order_by("title")[:ROWS]
        )
        for article in unaired:
            note = f"Anchored to {article.anchor_episode}, which has no air date"
            rows.append(Row(article.title, _change_url(article), note=note))
    return Section("attention", "Needs attention", rows, empty="Nothing needs attention.")


def dashboard(user) -> list[Section]:
    """The sections this user sees, in order."""
    if not user.has_perm("news.view_article"):
        return []
    sections = [my_drafts(user)]
    if user.has_perm(PUBLISH_PERMISSION):
        sections.append(waiting_for_review())
    sections += [scheduled_next(), recently_published(), needs_attention(user)]
    return sections
