"""A show's poster moves into the library (one Image per show with a picture, same stored file); episodes gain a still."""

import django.db.models.deletion
from django.db import migrations, models

from library.moving import old_image_fields, to_library

forward, backward = to_library("shows.show", "title", "library_image")


class Migration(migrations.Migration):
    dependencies = [
        ("shows", "0002_episode_synopsis_spoils"),
        ("library", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="show",
            name="library_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="shows",
                to="library.image",
                verbose_name="poster",
            ),
        ),
        migrations.RunPython(forward, backward),
        *(migrations.RemoveField(model_name="show", name=name) for name in old_image_fields()),
        migrations.RenameField(model_name="show", old_name="library_image", new_name="image"),
        migrations.AddField(
            model_name="episode",
            name="still",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="episodes",
                to="library.image",
                verbose_name="still",
            ),
        ),
    ]
