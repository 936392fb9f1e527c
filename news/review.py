"""The review queue: an author submits a draft, an editor sends it back with a note or publishes
(or schedules) it. Each step is a ``ReviewStep`` (who, when, note) and the comment of the
article's revision in its history.

A submitted article stays a draft (``Article.submitted_at`` set), so the public rule,
``published()``, hides it like any draft. Which step a change-form POST asks for is named by its
submit button; sending back and publishing need ``news.publish_article`` (checked by the admin).
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from news.admin_forms import ArticleAdminForm
from news.models import Article, ReviewStep
from starcity_site.publishing import Status

SUBMIT = "_submit_review"
SEND_BACK = "_send_back"
PUBLISH = "_publish"
BUTTONS = (SUBMIT, SEND_BACK, PUBLISH)
NEEDS_PUBLISHER = (SEND_BACK, PUBLISH)


def requested_step(request) -> str | None:
    """The review button a POST was sent with, or None (a plain save, or a GET)."""
    if request.method != "POST":
        return None
    return next((name for name in BUTTONS if name in request.POST), None)


class ArticleReviewForm(ArticleAdminForm):
    """The article form with the review note; ``review_step`` is set per request by the admin."""

    review_note = forms.CharField(
        label="Note for the review",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the article's history. Required when sending an article back.",
    )
    review_step: str | None = None

    def clean(self):
        if self.review_step == PUBLISH and "status" in self.fields:
            # The button publishes at the time set (a future one schedules), or now.
            self.cleaned_data["status"] = Status.PUBLISHED
            if not self.cleaned_data.get("published_at") and not self.cleaned_data.get("anchor_episode"):
                self.cleaned_data["published_at"] = timezone.now().replace(microsecond=0)
        cleaned = super().clean()
        if self.review_step == SEND_BACK:
            if not self.instance.is_waiting_for_review:
                raise forms.ValidationError("Only an article waiting for review can be sent back.")
            if not (cleaned.get("review_note") or "").strip():
                self.add_error("review_note", "Tell the author what to change before sending it back.")
        publishes_waiting = self.instance.is_waiting_for_review and cleaned.get("status") == Status.PUBLISHED
        if (cleaned.get("review_note") or "").strip() and self.review_step is None and not publishes_waiting:
            # A note is kept with a step only; a plain save would drop it unseen.
            self.add_error("review_note", "A note goes with a review step: use the review buttons below.")
        if self.review_step == SUBMIT and self.instance.pk and self.instance.status != Status.DRAFT:
            raise forms.ValidationError("Only a draft can be submitted for review.")
        return cleaned


def prepare(article: Article, step: str | None) -> bool:
    """Set the article's review state for ``step`` before it is saved; True if it was waiting."""
    was_waiting = article.submitted_at is not None
    if step == SUBMIT:
        article.submitted_at = timezone.now()
    elif step == SEND_BACK:
        article.submitted_at = None
    return was_waiting


def record(article: Article, step: str | None, was_waiting: bool, user, note: str = "") -> ReviewStep | None:
    """After the save: the step taken, if any (a waiting article published by any means counts)."""
    if step == SUBMIT:
        kind = ReviewStep.Kind.SUBMITTED
    elif step == SEND_BACK:
        kind = ReviewStep.Kind.SENT_BACK
    elif was_waiting and article.status == Status.PUBLISHED:
        kind = ReviewStep.Kind.SCHEDULED if article.is_scheduled else ReviewStep.Kind.PUBLISHED
    else:
        return None
    return ReviewStep.objects.create(article=article, kind=kind, user=user, note=note.strip())


def describe(step: ReviewStep) -> str:
    """The step as one line, for the revision comment and the admin's message."""
    text = step.get_kind_display()
    if step.kind == ReviewStep.Kind.SCHEDULED and step.article.published_at:
        text += f" for {timezone.localtime(step.article.published_at):%d %b %Y %H:%M}"
    return f"{text}: {step.note}" if step.note else f"{text}."
