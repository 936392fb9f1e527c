"""The picture columns person rows kept before the library held them; the link is named ``image``."""

from django.db import migrations

from library.moving import old_image_fields


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0008_person_image_to_library"),
    ]

    operations = [
        *(migrations.RemoveField(model_name="person", name=name) for name in old_image_fields()),
        migrations.RenameField(model_name="person", old_name="library_image", new_name="image"),
    ]
