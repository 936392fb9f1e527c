"""Forms behind the news admin: the article form (no lost updates, publish-time rules, shared
with the list's actions through ``publish_refusal``), share
links created with a lifetime, and the intermediate pages of the schedule and merge actions."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from news.models import Article, ShareLink, Tag
from starcity_site.admin import LockedForm
from starcity_site.publishing import Status
from starcity_site.richtext import rich_text_formfield

ALT_TEXT_NEEDED = "Describe the picture for readers who cannot see it before publishing."


def missing_alt_text(image) -> bool:
    """True when ``image`` (a library image, or None) is chosen but says nothing for a screen reader."""
    return image is not None and not (image.image_alt or "").strip()


class ArticleAdminForm(LockedForm):
    """The admin's article form: no lost updates (``LockedForm``) and the publish-time rules."""

    body = rich_text_formfield(
        label="Body",
        help_text="Headings, bold, italic, links, lists and quotes. Pasted scripts, styles and unsafe links "
        "are removed on save.",
    )

    class Meta:
        model = Article
        fields = ["title", "slug"]  # the admin replaces these with its fieldsets' fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "published_at" in self.fields:
            self.fields[
                "published_at"
            ].help_text = (
                "When the public may see it: “Now” publishes at once, a future time schedules it. Required to publish."
            )

    def clean_published_at(self):
        # Whole seconds: a published time is printed in <time datetime>, where a fraction is noise.
        when = self.cleaned_data.get("published_at")
        return when.replace(microsecond=0) if when else when

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status") if "status" in self.fields else None
        if (
            status == Status.PUBLISHED
            and not cleaned.get("published_at")
            and not cleaned.get("anchor_episode")
            and "published_at" not in self.errors
        ):
            self.add_error(
                "published_at",
                "A published article needs a publish time: now (use “Now”) or a future time to schedule it.",
            )
        image = cleaned.get("image") if "image" in self.fields else None
        if status == Status.PUBLISHED and missing_alt_text(image):
            self.add_error("image", ALT_TEXT_NEEDED + " Add it to the image in the library.")
        return cleaned


def publish_refusal(article: Article) -> str | None:
    """Why the article form would refuse to publish ``article`` as it is stored, or None."""
    if missing_alt_text(article.image):
        return "its picture has no alt text"
    try:
        article.full_clean(exclude=["image"])  # a chosen image exists: the key PROTECTs it
    except ValidationError as error:
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return None


class ShareLinkInlineForm(forms.ModelForm):
    """A new row needs a lifetime; an existing one can be revoked (or given a new lifetime from now)."""

    LIFETIMES = [("", "—"), (1, "1 day"), (3, "3 days"), (7, "1 week"), (14, "2 weeks"), (30, "30 days")]

    lifetime = forms.TypedChoiceField(
        label="Valid for (from now)", choices=LIFETIMES, coerce=int, required=False, empty_value=None
    )
    revoke = forms.BooleanField(label="Revoke", required=False)

    class Meta:
        model = ShareLink
        fields: list[str] = []

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not cleaned.get("lifetime"):
            self.add_error("lifetime", "Choose how long the new link works.")
        return cleaned

    def save(self, commit=True):
        link = super().save(commit=False)
        now = timezone.now()
        if self.cleaned_data.get("lifetime") and link.revoked_at is None:
            link.expires_at = now + datetime.timedelta(days=self.cleaned_data["lifetime"])
        if self.cleaned_data.get("revoke") and link.revoked_at is None:
            link.revoked_at = now
        if commit:
            link.save()
        return link


class ScheduleForm(forms.Form):
    published_at = forms.DateTimeField(
        label="Publish at",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="In the site's time zone. The articles stay invisible until then.",
    )

    def clean_published_at(self):
        when = self.cleaned_data["published_at"].replace(second=0, microsecond=0)
        if when <= timezone.now():
            raise forms.ValidationError("Choose a time in the future (use “Publish now” to publish at once).")
        return when


class MergeTagsForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        label="Keep this tag",
        help_text="Its articles gain the others' articles; the others are deleted and their pages redirect here.",
    )

    def __init__(self, *args, tags=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = tags if tags is not None else Tag.objects.none()
