"""Shared pieces for the content admins (shows, people, news): registers nothing itself.

- ``ContentAdmin``: django-reversion's VersionAdmin (every save through the admin records a
  revision with who and when; the history page lists them, newest first, and opens any one to
  restore it: that object alone, see ``admin_restore``) plus a field-by-field comparison of any
  two versions (``HistoryCompareMixin``). Bulk actions record one revision per object.
- ``LockedForm``: the no-lost-update check every content form carries: the form remembers the
  row as it was opened, and saving over a row someone else changed since is refused.
- ``thumbnail``: a small square picture for change lists, from the smallest square rendition.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import json
import re
from contextlib import contextmanager

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from reversion.admin import VersionAdmin
from reversion.models import Version

from starcity_site.admin_restore import RestoreOneObjectMixin
from starcity_site.images import ImageFields
from starcity_site.images.renditions import rendition_url
from starcity_site.revisions import revision_per_object

THUMB_WIDTH = 64
THUMB_SOURCE_WIDTH = 320  # the smallest rendition width
# Fields that change on every save and say nothing an editor wants compared.
NOT_COMPARED = {"id", "version", "updated_at", "created_at", "image_width", "image_height"}
_TOKENS = re.compile(r"(\s+)")
LOCK_FIELD = "expected_version"
CONFLICT = (
    "Someone else{who} saved this {name} at {time} after you opened it — reload to see their "
    "changes; your text is below."
)


def lock_token(model: type[models.Model], pk, *, for_update: bool = False) -> str | None:
    """What a stale form is recognised by: the row's edit ``version`` where the model keeps one
    (articles), else a digest of the stored row and its many-to-many links. None: no such row."""
    rows = model._base_manager.filter(pk=pk)
    if for_update:
        # Locks the row until the admin's transaction commits the save (PostgreSQL; SQLite takes
        # the whole database's write lock when the transaction starts), so no save slips between.
        rows = rows.select_for_update()
    if any(field.name == "version" for field in model._meta.concrete_fields):
        version = rows.values_list("version", flat=True).first()
        return None if version is None else str(version)
    names = [f.attname for f in model._meta.concrete_fields if not isinstance(f, SearchVectorField)]
    row = rows.values(*names).first()
    if row is None:
        return None
    links = {
        f.name: sorted(
            f.remote_field.through._base_manager.filter(**{f.m2m_field_name(): pk}).values_list(
                f.m2m_reverse_name(), flat=True
            )
        )
        for f in model._meta.many_to_many
    }
    data = json.dumps([row, links], sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:32]


def last_saved(instance: models.Model) -> tuple[str, str]:
    """(" (Name)" or "", "HH:MM") of the latest recorded save of ``instance``, for the refusal."""
    last = Version.objects.get_for_object(instance).select_related("revision__user").first()
    user = last.revision.user if last is not None else None
    who = f" ({user.get_full_name() or user.get_username()})" if user is not None else ""
    when = last.revision.date_created if last is not None else getattr(instance, "updated_at", None)
    return who, timezone.localtime(when or timezone.now()).strftime("%H:%M")


class LockedForm(forms.ModelForm):
    """A content form that carries the row as the editor opened it; a stale save is refused.

    ``lock_token`` (set by ``LockedAdminMixin.get_form``, from a restore page's admin) replaces the stored row's token
    on a "restore" page, where the row shown is the old version's, not the live one.
    """

    expected_version = forms.CharField(widget=forms.HiddenInput, required=False)
    lock_token: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            opened = self.lock_token or lock_token(type(self.instance), self.instance.pk)
            self.fields[LOCK_FIELD].initial = opened

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            self.refuse_stale_edit(cleaned.get(LOCK_FIELD) or "")
        return cleaned

    def refuse_stale_edit(self, expected: str) -> None:
        model = type(self.instance)
        stored = lock_token(model, self.instance.pk, for_update=True)
        name = model._meta.verbose_name
        if stored is None:
            raise forms.ValidationError(f"This {name} was deleted after you opened it.", code="deleted")
        current = self.lock_token or stored
        if str(expected) == current:
            return
        who, time = last_saved(self.instance)
        raise forms.ValidationError(CONFLICT.format(who=who, name=name, time=time), code="conflict")


def thumbnail(obj: models.Model | None) -> str:
    """A library image's (any ImageFields row's) smallest square rendition (cropped on the focal point the editor set), not the
    original: a change list of 100 rows would otherwise load 100 full-size uploads."""
    image = getattr(obj, "image", None)
    if not image:
        return "—"
    url = rendition_url(obj, "thumb", max_width=THUMB_SOURCE_WIDTH) or image.url
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="admin-thumb" loading="lazy">',
        url,
        THUMB_WIDTH,
        THUMB_WIDTH,
        getattr(obj, "image_alt", ""),
    )


def word_diff(old: str, new: str) -> SafeString:
    """``old`` → ``new`` as escaped HTML, removed words in <del>, added ones in <ins>."""
    a, b = _TOKENS.split(old), _TOKENS.split(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 — every piece above is escaped


def _display(field: models.Field, value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(field, models.ManyToManyField):
        names = field.related_model._base_manager.filter(pk__in=value).order_by("pk")
        return ", ".join(str(row) for row in names)
    if isinstance(field, models.ForeignKey):
        row = field.related_model._base_manager.filter(pk=value).first()
        return str(row) if row is not None else f"(deleted #{value})"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    return str(value)


def compare_versions(model: type[models.Model], older: Version, newer: Version) -> list[dict]:
    """The fields that differ between two versions, each with readable old/new text and a diff."""
    old_values, new_values = older.field_dict, newer.field_dict
    rows = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created or field.name in NOT_COMPARED:
            continue
        key = field.attname
        old, new = old_values.get(key), new_values.get(key)
        if isinstance(field, models.ManyToManyField):
            old, new = sorted(old or []), sorted(new or [])
        if old == new:
            continue
        old_text, new_text = _display(field, old), _display(field, new)
        rows.append(
            {
                "label": field.verbose_name,
                "old": old_text,
                "new": new_text,
                "diff": word_diff(old_text, new_text),
            }
        )
    return rows


class HistoryCompareMixin:
    """Adds ``<id>/history/compare/?from=<version>&to=<version>`` and radio buttons on the history page."""

    object_history_template = "admin/starcity/object_history.html"
    compare_template = "admin/starcity/compare.html"

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="{}_{}_compare".format(*info),
        )
        return [compare, *super().get_urls()]

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None) -> HttpResponse:
        # reversion's list of versions, plus each version's id for the compare radio buttons.
        versions = (
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision__user")
            .order_by(*self.get_version_ordering(request))  # newest first: ContentAdmin.history_latest_first
        )
        action_list = [
            {"revision": v.revision, "version_id": v.pk, "url": self._revision_url(unquote(object_id), v)}
            for v in versions
        ]
        return super().history_view(request, object_id, {"action_list": action_list, **(extra_context or {})})

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such object")
        versions = list(Version.objects.get_for_object(obj).select_related("revision__user"))
        by_id = {str(version.pk): version for version in versions}
        chosen = [by_id.get(request.GET.get(name, "")) for name in ("from", "to")]
        if not request.GET and len(versions) >= 2:
            chosen = [versions[1], versions[0]]  # default: the latest change
        if None in chosen or chosen[0] == chosen[1]:
            messages.warning(request, "Choose two different versions to compare.")
            return redirect(request.path.rsplit("compare/", 1)[0])
        older, newer = sorted(chosen, key=lambda version: version.revision.date_created)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": f"Compare versions of “{obj}”",
            "older": older,
            "newer": newer,
            "rows": compare_versions(self.model, older, newer),
            "older_url": self._revision_url(obj.pk, older),
            "newer_url": self._revision_url(obj.pk, newer),
        }
        return TemplateResponse(request, self.compare_template, context)

    def _revision_url(self, object_id, version: Version) -> str:
        info = self.admin_site.name, self.model._meta.app_label, self.model._meta.model_name
        return reverse("{}:{}_{}_revision".format(*info), args=[quote(object_id), version.pk])


class LockedAdminMixin:
    """Every change form of this admin carries ``LockedForm``'s no-lost-update check."""

    form = LockedForm
    # None but on the copy a restore page makes (``with_lock_token``) for its one request.
    lock_token: str | None = None

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        carried = issubclass(self.form, LockedForm)  # an admin's own form must build on LockedForm
        if obj is None or not carried or LOCK_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        name, options = fieldsets[0]
        return [(name, {**options, "fields": [*options["fields"], LOCK_FIELD]}), *fieldsets[1:]]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.lock_token = self.lock_token
        return form

    def with_lock_token(self, token: str | None):
        """This admin for one request whose form checks saves against ``token``, not the stored row.

        A shallow copy, so the site's shared instance keeps no request's state.
        """
        admin_for_request = copy.copy(self)
        admin_for_request.lock_token = token
        return admin_for_request

    def lock_token_for(self, object_id) -> str | None:
        return lock_token(self.model, object_id)


class ContentAdmin(HistoryCompareMixin, RestoreOneObjectMixin, LockedAdminMixin, VersionAdmin):
    """The base of every content admin: history with who/when (newest first), compare, restore
    of one object at a time, no lost updates; view on site."""

    save_on_top = True
    list_per_page = 50
    history_latest_first = True

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin wraps the whole list page in one revision, so a bulk action saving many
        # objects would tie them into one. Actions record one revision per object instead.
        with revision_per_object("Changed from the list.", user=request.user):
            return admin.ModelAdmin.changelist_view(
                self, request, {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
            )

    @contextmanager
    def revision_per_object(self, request, comment: str):
        """For actions: each object saved in the block gets its own revision, by this user."""
        with revision_per_object(comment, user=request.user) as recorded:
            yield recorded

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # a bare "decider.com" becomes https://
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def view_on_site(self, obj):
        # The object's own relative URL: the admin's default goes through the Sites framework's
        # domain, which is a placeholder here.
        try:
            return obj.get_absolute_url()
        except (AttributeError, NoReverseMatch):
            return None

    @admin.display(description="picture")
    def thumbnail(self, obj):
        # A library image itself, or a row choosing one (join it: list_select_related).
        return thumbnail(obj if isinstance(obj, ImageFields) else getattr(obj, "image", None))
