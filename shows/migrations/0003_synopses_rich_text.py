"""Synopses become rich text (issue 22): each stored plain text becomes the HTML ``|linebreaks``
made of it on the pages, so every page shows the same text. Reversible (paragraphs back to blank lines)."""

from django.db import migrations

from starcity_site.rich_fields import text_to_html_operation

FIELDS = {"shows.Show": ("synopsis",), "shows.Season": ("synopsis",), "shows.Episode": ("synopsis",)}


class Migration(migrations.Migration):
    dependencies = [("shows", "0002_episode_synopsis_spoils")]

    operations = [text_to_html_operation(FIELDS)]
