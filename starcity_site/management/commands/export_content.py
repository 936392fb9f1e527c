"""python manage.py export_content backup.tar.gz — all content and media in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand

from starcity_site.backup import export_archive


class Command(BaseCommand):
    help = "Export all content (dumpdata with natural keys) and every media file into a .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="where to write the .tar.gz")

    def handle(self, *args, archive: Path, **options):
        counts = export_archive(archive)
        self.stdout.write(f"Exported {counts['objects']} objects and {counts['media']} media files to {archive}.")
