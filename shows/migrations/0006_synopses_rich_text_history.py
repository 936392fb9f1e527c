"""The synopses' stored versions (django-reversion) saved before 0003 hold plain text: they become
the HTML 0003 made of the rows, so restoring one keeps its paragraphs. Reversible."""

from django.db import migrations

from starcity_site.rich_fields import history_text_to_html_operation

FIELDS = {"shows.Show": ("synopsis",), "shows.Season": ("synopsis",), "shows.Episode": ("synopsis",)}


class Migration(migrations.Migration):
    dependencies = [
        ("shows", "0005_show_image_columns_dropped"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [history_text_to_html_operation(FIELDS)]
