"""The rich-text fields other than article bodies showed library images inline with nothing
recording it; their uses are read from the stored texts once, so those pictures are protected
from now on (library.uses keeps them after this). Article bodies' uses come from news.ArticleImage
(news 0010). Backwards there is nothing to undo: 0002, reversed, drops the table."""

from django.db import migrations

from library.inline import inline_image_ids

# The rich-text fields as they stand at the migrations this one depends on.
FIELDS = {
    "shows.Show": ("synopsis",),
    "shows.Season": ("synopsis",),
    "shows.Episode": ("synopsis",),
    "people.Person": ("bio",),
    "people.Character": ("description", "counterpart_note", "fate"),
    "universe.HistoricalFigure": ("summary",),
    "universe.Place": ("description",),
    "universe.GlossaryTerm": ("definition",),
    "universe.TimelineEvent": ("real_history", "show_history"),
}
CHUNK = 500


def record(apps, schema_editor) -> None:
    db = schema_editor.connection.alias
    content_type = apps.get_model("contenttypes", "ContentType").objects.using(db)
    image = apps.get_model("library", "Image")
    use = apps.get_model("library", "InlineImageUse")
    for label, names in FIELDS.items():
        model = apps.get_model(label)
        shown = []  # (object ID, field, image ID)
        for row in model._base_manager.using(db).values_list("pk", *names).iterator(chunk_size=CHUNK):
            shown += [(row[0], name, pk) for name, text in zip(names, row[1:]) for pk in inline_image_ids(text)]
        if not shown:
            continue
        kind = content_type.get_or_create(app_label=model._meta.app_label, model=model._meta.model_name)[0]
        for start in range(0, len(shown), CHUNK):
            part = shown[start : start + CHUNK]
            existing = set(
                image.objects.using(db).filter(pk__in={pk for _o, _f, pk in part}).values_list("pk", flat=True)
            )
            use.objects.using(db).bulk_create(
                [
                    use(content_type=kind, object_id=owner, field_name=name, image_id=pk)
                    for owner, name, pk in part
                    if pk in existing
                ],
                ignore_conflicts=True,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_inline_image_uses"),
        ("shows", "0005_show_image_columns_dropped"),
        ("people", "0009_person_image_columns_dropped"),
        ("universe", "0006_texts_rich_text"),
    ]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
