"""Figures' summaries, places, glossary definitions and both sides of timeline events become rich
text (issue 22): each stored plain text becomes the HTML ``|linebreaks`` made of it, so every page
shows the same text (the glossary and timeline rows, which used ``|linebreaksbr``, now show
paragraphs). Reversible."""

from django.db import migrations

from starcity_site.rich_fields import text_to_html_operation

FIELDS = {
    "universe.HistoricalFigure": ("summary",),
    "universe.Place": ("description",),
    "universe.GlossaryTerm": ("definition",),
    "universe.TimelineEvent": ("real_history", "show_history"),
}


class Migration(migrations.Migration):
    dependencies = [("universe", "0005_timelineevent_safe_title")]

    operations = [text_to_html_operation(FIELDS)]
