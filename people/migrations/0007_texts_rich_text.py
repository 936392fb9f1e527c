"""Biographies and characters' texts become rich text (issue 22): each stored plain text becomes
the HTML ``|linebreaks`` made of it on the pages, so every page shows the same text. Reversible."""

from django.db import migrations

from starcity_site.rich_fields import text_to_html_operation

FIELDS = {"people.Person": ("bio",), "people.Character": ("description", "counterpart_note", "fate")}


class Migration(migrations.Migration):
    dependencies = [("people", "0006_historicalfigure_to_universe")]

    operations = [text_to_html_operation(FIELDS)]
