"""A person's portrait moves into the library (one Image per person with a picture, same stored file)."""

import django.db.models.deletion
from django.db import migrations, models

from library.moving import old_image_fields, to_library

forward, backward = to_library("people.person", "name", "library_image")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_historicalfigure_to_universe"),
        ("library", "0001_initial"),
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
        *(migrations.RemoveField(model_name="person", name=name) for name in old_image_fields()),
        migrations.RenameField(model_name="person", old_name="library_image", new_name="image"),
    ]
