"""Forms behind the news admin: the article form (no lost updates, publish-time rules), share
links created with a lifetime, and the intermediate pages of the schedule and merge actions."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from reversion.models import Version

from news.models import Article, ShareLink, Tag
from starcity_site.publishing import Status

CONFLICT = (
    "Someone else{who} saved this article at {time} after you opened it — reload to see their "
    "changes; your text is below."
)


class ArticleAdminForm(forms.ModelForm):
    """The admin's article form. It carries the version the editor opened; saving a stale one is refused.

    ``lock_version`` (set per request by ArticleAdmin.get_form) replaces the stored version when the
    form is a reversion "restore" page, where the row shown is the old version's, not the live one.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    lock_version: int | None = None

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
        if self.instance.pk is not None:
            opened = self.lock_version if self.lock_version is not None else self.instance.version
            self.fields["expected_version"].initial = opened

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self._refuse_stale_edit(cleaned.get("expected_version"))
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
        if status == Status.PUBLISHED and image and not cleaned.get("image_alt", "").strip():
            self.add_error("image_alt", "Describe the picture for readers who cannot see it before publishing.")
        return cleaned

    def _refuse_stale_edit(self, expected: int | None) -> None:
        # Locks the row until the admin's transaction commits the save (PostgreSQL; SQLite takes
        # the whole database's write lock when the transaction starts), so no save slips between.
        row = Article.objects.select_for_update().filter(pk=self.instance.pk).values("version", "updated_at").first()
        if row is None:
            raise forms.ValidationError("This article was deleted after you opened it.", code="deleted")
        current = self.lock_version if self.lock_version is not None else row["version"]
        if expected == current:
            return
        last = Version.objects.get_for_object(self.instance).select_related("revision__user").first()
        user = last.revision.user if last is not None else None
        who = f" ({user.get_full_name() or user.get_username()})" if user is not None else ""
        time = timezone.localtime(row["updated_at"]).strftime("%H:%M")
        raise forms.ValidationError(CONFLICT.format(who=who, time=time), code="conflict")


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
        when = self.cleaned_data["published_at"]
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
