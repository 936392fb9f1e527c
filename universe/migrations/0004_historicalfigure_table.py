"""HistoricalFigure moves from people to universe, step 3 of 3 (see universe 0003).

The table is renamed in place (ids, foreign keys and the timeline's link table follow it), and
the model's content type changes its app label rather than being replaced: it keeps its id, so
everything that names it (aliases, version history, the admin log, permissions) stays attached.
django-reversion's stored copies of each figure name the model by label; those labels are
rewritten so old versions can still be compared and restored.
"""

import json

from django.db import migrations

OLD = ("people", "historicalfigure")
NEW = ("universe", "historicalfigure")


def move_content_type(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    db = schema_editor.connection.alias
    old = ContentType.objects.using(db).filter(app_label=source[0], model=source[1]).first()
    if old is None:  # a fresh database: content types are recorded after migrating
        return
    # A migrate stopped between these steps records the new label too, named by nothing but its
    # default permissions: the old record, which the content names, takes its place.
    ContentType.objects.using(db).filter(app_label=target[0], model=target[1]).delete()
    old.app_label = target[0]
    old.save(using=db, update_fields=["app_label"])
    source_label, target_label = ".".join(source), ".".join(target)
    for version in Version.objects.using(db).filter(content_type=old, format="json"):
        objects = json.loads(version.serialized_data)
        for obj in objects:
            if obj.get("model") == source_label:
                obj["model"] = target_label
        version.serialized_data = json.dumps(objects)
        version.save(using=db, update_fields=["serialized_data"])


def forwards(apps, schema_editor):
    move_content_type(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    move_content_type(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('people', '0006_historicalfigure_to_universe'),
        ('reversion', '0002_add_index_on_version_for_content_type_and_db'),
        ('universe', '0003_historicalfigure_from_people'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterModelTable(name='historicalfigure', table=None),
    ]
