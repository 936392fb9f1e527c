"""A person's portrait moves into the library (one Image per person with a picture, same stored file).

The data moves here; the old columns go in the next migration, in a transaction of its own
(PostgreSQL refuses to alter a table with rows inserted earlier in the same transaction)."""

import django.db.models.deletion
from django.db import migrations, models

from library.moving import to_library

forward, backward = to_library("people.person", "name", "library_image")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_texts_rich_text"),
        ("library", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="library_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="people",
                to="library.image",
                verbose_name="portrait",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
