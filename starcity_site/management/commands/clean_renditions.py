"""Delete renditions (and originals) no row uses any more; optionally rebuild missing renditions.

Replacing or deleting an image removes its files once the change commits; this command catches
what slipped through (a crash between storing and committing, a restored database, an import).
Only the storage API is used, so it works the same on local disk and S3.
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone
from PIL import Image

from starcity_site.images.fields import ProcessedImageField
from starcity_site.images.renditions import ROOT, expected_names, make_renditions, stem

ORIGINALS = "images"


def image_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, ProcessedImageField):
                yield model, field


class Command(BaseCommand):
    help = "Delete image files no row uses; with --rebuild, recreate renditions that are missing."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list what would be deleted.")
        parser.add_argument("--rebuild", action="store_true", help="Recreate missing renditions of used images.")
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="Leave files younger than this (default 60): an upload may be between storing and committing.",
        )

    def handle(self, *args, dry_run=False, rebuild=False, min_age_minutes=60, **options):
        storage = default_storage
        used = {}  # original name -> (model, pk, field)
        for model, field in image_fields():
            rows = model._base_manager.exclude(**{field.attname: ""}).values_list("pk", field.attname)
            for pk, name in rows:
                used[name] = (model, pk, field)
        used_stems = {stem(name) for name in used}
        cutoff = timezone.now() - timedelta(minutes=min_age_minutes)

        def old_enough(name: str) -> bool:
            return not min_age_minutes or storage.get_modified_time(name) < cutoff

        deleted = 0
        for folder in self._listdirs(storage, ROOT):
            if folder in used_stems:
                continue
            for filename in self._listfiles(storage, f"{ROOT}/{folder}"):
                name = f"{ROOT}/{folder}/{filename}"
                if old_enough(name):
                    deleted += self._delete(storage, name, dry_run)
        for folder in self._listdirs(storage, ORIGINALS):
            for filename in self._listfiles(storage, f"{ORIGINALS}/{folder}"):
                name = f"{ORIGINALS}/{folder}/{filename}"
                if name not in used and old_enough(name):
                    deleted += self._delete(storage, name, dry_run)
        self.stdout.write(f"{'Would delete' if dry_run else 'Deleted'} {deleted} unused file(s).")

        if rebuild:
            rebuilt = 0
            for name, (model, pk, _field) in used.items():
                obj = model._base_manager.get(pk=pk)
                if not obj.image_width or not obj.image_height or not storage.exists(name):
                    continue
                if all(storage.exists(n) for n in expected_names(name, obj.image_width, obj.image_height)):
                    continue
                with storage.open(name) as f:
                    image = Image.open(f)
                    image.load()
                if not dry_run:
                    make_renditions(storage, name, image, obj.image_focal_x, obj.image_focal_y, replace=True)
                rebuilt += 1
            self.stdout.write(f"{'Would rebuild' if dry_run else 'Rebuilt'} renditions of {rebuilt} image(s).")

    def _delete(self, storage, name: str, dry_run: bool) -> int:
        self.stdout.write(f"  {name}")
        if not dry_run:
            storage.delete(name)
        return 1

    @staticmethod
    def _listdirs(storage, folder: str) -> list[str]:
        try:
            return storage.listdir(folder)[0]
        except FileNotFoundError:
            return []

    @staticmethod
    def _listfiles(storage, folder: str) -> list[str]:
        try:
            return storage.listdir(folder)[1]
        except FileNotFoundError:
            return []
