"""The picture columns show rows kept before the library held them; the link is named ``image``."""

import django.db.models.deletion
from django.db import migrations, models

from library.moving import old_image_fields


class Migration(migrations.Migration):
    dependencies = [
        ("shows", "0004_show_image_to_library"),
    ]

    operations = [
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
