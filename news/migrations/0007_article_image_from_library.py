"""An article's picture moves into the library with its caption (one Image per article with a picture, same stored file)."""

import django.db.models.deletion
from django.db import migrations, models

from library.moving import old_image_fields, to_library

forward, backward = to_library("news.article", "title", "library_image", caption_field="image_caption")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_spoiling_articles_reverse"),
        ("library", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="library_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="library.image",
                verbose_name="image",
            ),
        ),
        migrations.RunPython(forward, backward),
        *(migrations.RemoveField(model_name="article", name=name) for name in [*old_image_fields(), "image_caption"]),
        migrations.RenameField(model_name="article", old_name="library_image", new_name="image"),
    ]
