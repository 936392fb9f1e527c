"""Moving pictures stored on content rows into the library (shows 0004, people 0008, news 0008;
the next migration of each app drops the old columns).

Each row with a picture gets one library ``Image`` holding the same stored file name, so the
original and its renditions stay where they are and keep their URLs: nothing moves on disk. The
row then points at that image through a temporary foreign key, which the migration renames to
``image`` once the old columns are gone. Backwards, the image's values are copied onto the row.
"""

from __future__ import annotations

from starcity_site.revisions import rewrite_stored_versions

# What the row and the library image both store about a picture, under the same names.
SHARED = ("image_width", "image_height", "image_alt", "image_credit", "image_focal_x", "image_focal_y")


def to_library(model_label: str, title_field: str, link: str, caption_field: str | None = None):
    """The forward and backward functions of a RunPython for ``model_label``'s pictures."""
    app_label, model_name = model_label.split(".")

    def forward(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        image_model = apps.get_model("library", "Image")
        db = schema_editor.connection.alias
        columns = ["pk", title_field, "image", *SHARED, *([caption_field] if caption_field else [])]
        moved = {}  # stored file name -> library image id
        # values(), never model instances: an ImageField reads a file whose size it lacks on init,
        # and a file gone missing from storage must not stop the migration.
        for row in list(model.objects.using(db).exclude(image="").values(*columns)):
            title = (row[title_field] or "").strip() or f"{model_name} {row['pk']}"
            picture = image_model.objects.using(db).create(
                title=title[:200],
                caption=row[caption_field] if caption_field else "",
                **{name: row[name] for name in SHARED},
            )
            # The same stored name, set by update() for the same reason as above.
            image_model.objects.using(db).filter(pk=picture.pk).update(image=row["image"])
            model.objects.using(db).filter(pk=row["pk"]).update(**{link: picture.pk})
            moved[row["image"]] = picture.pk
        dropped = {*SHARED, *([caption_field] if caption_field else [])}
        restorable_history(apps, db, app_label, model_name, moved, dropped)

    def backward(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        db = schema_editor.connection.alias
        wanted = ["image", *SHARED, *(["caption"] if caption_field else [])]
        rows = model.objects.using(db).filter(**{f"{link}__isnull": False})
        for row in list(rows.values("pk", *(f"{link}__{name}" for name in wanted))):
            values = {name: row[f"{link}__{name}"] for name in ("image", *SHARED)}
            if caption_field:
                values[caption_field] = row[f"{link}__caption"]
            model.objects.using(db).filter(pk=row["pk"]).update(**values)

    return forward, backward


def restorable_history(apps, db: str, app_label: str, model_name: str, moved: dict, dropped: set) -> None:
    """Rewrite the stored versions (django-reversion) of ``model_name`` the way the rows changed,
    so an old version still loads and restores: its file name becomes the library image holding
    that file (none, for a file replaced since), and the columns that left go from it."""

    def edit(fields: dict) -> bool:
        if isinstance(fields.get("image"), str):
            fields["image"] = moved.get(fields["image"])
        for name in dropped:
            fields.pop(name, None)
        return True

    rewrite_stored_versions(apps, db, f"{app_label}.{model_name}", edit)


def old_image_fields() -> list[str]:
    """The columns a row kept its own picture in, removed once the library holds it."""
    return ["image", *SHARED]
