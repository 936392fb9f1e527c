"""Restoring a version from the admin's history changes that object and nothing else.

django-reversion's ``VersionAdmin`` restores by reverting the chosen version's whole revision:
every object saved in the same revision comes back too (a bulk action's other articles, a whole
demo load). Here the history's "restore" and "recover" pages revert the chosen ``Version`` alone
(``Version.revert()``: its row and its many-to-many links, such as an article's tags) plus the
rows that belong to it: the inline rows of this admin recorded in the same revision. Everything
else is left as it is, and the page says so before the editor saves.

The page works like reversion's: the version is written inside a transaction, the ordinary change
form is shown from it and the transaction is rolled back; saving that form writes the version
again and saves the form over it, as a new revision (so a restore can itself be undone), through
the form's no-lost-update check (``LockedAdminMixin.lock_token_for``, ``with_lock_token``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.admin import GenericInlineModelAdmin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import IntegrityError, models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from reversion import is_registered, set_comment
from reversion.errors import RevertError
from reversion.models import Version

RESTORE_TEMPLATE = "admin/starcity/revision_form.html"


class _Preview(Exception):
    """Carries the rendered page out of the transaction, which is then rolled back."""

    def __init__(self, response):
        self.response = response


def _foreign_key_to(model: type[models.Model], parent: type[models.Model], name: str | None):
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and (
            field.name == name or (name is None and field.related_model is parent)
        ):
            return field
    return None


class RestoreOneObjectMixin:
    """Overrides VersionAdmin's restore and recover pages (see the module docstring)."""

    revision_form_template = RESTORE_TEMPLATE
    recover_form_template = RESTORE_TEMPLATE

    def revision_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id, object_id=object_id)
        context = {"title": f"Restore “{version.object_repr}”", "revert": True, **(extra_context or {})}
        return self.restore_view(request, version, context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        context = {"title": f"Recover “{version.object_repr}”", "recover": True, **(extra_context or {})}
        return self.restore_view(request, version, context)

    def owned_versions(self, version: Version) -> list[Version]:
        """The versions, in ``version``'s revision, of this admin's inline rows for that object."""
        owned = []
        siblings = version.revision.version_set.exclude(pk=version.pk)
        for inline in self.inlines:
            if not is_registered(inline.model):
                continue
            candidates = siblings.filter(content_type=ContentType.objects.get_for_model(inline.model))
            if issubclass(inline, GenericInlineModelAdmin):
                parent_type = ContentType.objects.get_for_model(self.model).pk
                ct = inline.model._meta.get_field(inline.ct_field).attname
                owned += [
                    v
                    for v in candidates
                    if v.field_dict.get(ct) == parent_type
                    and str(v.field_dict.get(inline.ct_fk_field)) == version.object_id
                ]
                continue
            fk = _foreign_key_to(inline.model, self.model, getattr(inline, "fk_name", None))
            if fk is not None:
                owned += [v for v in candidates if str(v.field_dict.get(fk.attname)) == version.object_id]
        return owned

    def restore_view(self, request, version: Version, context: dict):
        owned = self.owned_versions(version)
        context = {**context, "restored_rows": [v.object_repr for v in owned]}
        # The token of the live row as it was before the restore began: a save made by someone
        # else after this page was opened is refused, as on the ordinary change form.
        locked = self.with_lock_token(self.lock_token_for(version.object_id))
        try:
            with transaction.atomic(using=version.db):
                version.revert()
                skipped = _revert_each(owned)
                with self.create_revision(request):
                    response = locked.changeform_view(request, quote(version.object_id), request.path, context)
                    if request.method == "POST" and response.status_code == 302:
                        saved_on = timezone.localtime(version.revision.date_created)
                        set_comment(f"Restored the version saved on {saved_on:%d %b %Y %H:%M}.")
                        _save_normally(v for v in owned if v not in skipped)
                    elif response.status_code == 200:
                        response.template_name = (
                            self.recover_form_template if context.get("recover") else self.revision_form_template
                        )
                        response.render()
                        raise _Preview(response)
                    else:
                        raise RevertError(f"Could not restore {version.object_repr}.")
        except (RevertError, models.ProtectedError) as error:
            messages.error(request, str(error))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        except _Preview as preview:
            return preview.response
        if skipped:
            messages.warning(
                request, "Not restored (they point at something deleted since): " + ", ".join(map(str, skipped))
            )
        return response


def _revert_each(versions: list[Version]) -> list[Version]:
    """Revert each version; return those that no longer fit (a row they point at is gone)."""
    skipped = []
    for version in versions:
        try:
            with transaction.atomic(using=version.db):
                version.revert()
        except (IntegrityError, ObjectDoesNotExist, RevertError):
            skipped.append(version)
    return skipped


def _save_normally(versions) -> None:
    # Version.revert() writes raw rows, which derived data (the spoiler index, for one) skips; a
    # plain save of the restored row brings it up to date like any editor's save.
    for version in versions:
        row = version.content_type.model_class()._base_manager.using(version.db).filter(pk=version.object_id).first()
        if row is not None:
            row.save()
