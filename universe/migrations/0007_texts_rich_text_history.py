"""The stored versions (django-reversion) of figures, places, glossary terms and timeline events
saved before 0006 hold plain text: they become the HTML 0006 made of the rows, so restoring one
keeps its paragraphs. Reversible."""

from django.db import migrations

from starcity_site.rich_fields import history_text_to_html_operation

FIELDS = {
    "universe.HistoricalFigure": ("summary",),
    "universe.Place": ("description",),
    "universe.GlossaryTerm": ("definition",),
    "universe.TimelineEvent": ("real_history", "show_history"),
}


class Migration(migrations.Migration):
    dependencies = [
        ("universe", "0006_texts_rich_text"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [history_text_to_html_operation(FIELDS)]
