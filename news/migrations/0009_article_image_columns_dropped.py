"""The picture columns article rows kept before the library held them; the link is named ``image``."""

from django.db import migrations

from library.moving import old_image_fields


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_article_image_to_library"),
    ]

    operations = [
        *(migrations.RemoveField(model_name="article", name=name) for name in [*old_image_fields(), "image_caption"]),
        migrations.RenameField(model_name="article", old_name="library_image", new_name="image"),
    ]
