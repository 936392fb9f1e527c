"""python manage.py import_content backup.tar.gz — restore an export into a migrated, empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from starcity_site.backup import import_archive


class Command(BaseCommand):
    help = "Load an archive made by export_content into a freshly migrated database and the media storage."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="a .tar.gz written by export_content")

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        counts = import_archive(archive)
        self.stdout.write(f"Imported {counts['objects']} objects and {counts['media']} media files from {archive}.")
