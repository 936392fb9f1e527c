"""Export and import every piece of content and media as one archive (docs/reliability.md).

The archive is a ``.tar.gz`` holding ``content.json`` (Django's ``dumpdata`` with natural foreign
keys, so it loads into any freshly migrated database, SQLite or PostgreSQL) and ``media/…``
(every file in the default storage, read through the storage API, so object storage works too).
Left out: content types and permissions (migrations recreate them; natural keys point at them),
sessions and django-axes' login-attempt records (worthless in a backup).
"""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

CONTENT_NAME = "content.json"
MEDIA_PREFIX = "media/"
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "starcity_site.contentgeneration"]


def storage_files(storage=default_storage, folder: str = "") -> list[str]:
    """Every file name in ``storage`` under ``folder``, walking sub-folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += storage_files(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def export_archive(target: Path) -> dict[str, int]:
    """Write the archive to ``target``; return how many objects and media files it holds."""
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / CONTENT_NAME
        call_command(
            "dumpdata",
            "--natural-foreign",
            "--natural-primary",
            "--indent",
            "1",
            "--output",
            str(dump),
            *[arg for app in EXCLUDED for arg in ("--exclude", app)],
            verbosity=0,
        )
        files = storage_files()
        with tarfile.open(target, "w:gz") as archive:
            archive.add(dump, arcname=CONTENT_NAME)
            for name in files:
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
                info = tarfile.TarInfo(MEDIA_PREFIX + name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        objects = len(json.loads(dump.read_text()))
    return {"objects": objects, "media": len(files)}


def _safe_media_name(member: tarfile.TarInfo) -> str | None:
    """The storage name of a media member, or None for anything that is not a plain file inside."""
    if not member.isfile() or not member.name.startswith(MEDIA_PREFIX):
        return None
    name = PurePosixPath(member.name[len(MEDIA_PREFIX) :])
    if name.is_absolute() or ".." in name.parts or not name.parts:
        return None
    return str(name)


def import_archive(source: Path) -> dict[str, int]:
    """Load an archive made by ``export_archive`` into a freshly migrated database, all or nothing."""
    with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as tmp:
        member = archive.getmember(CONTENT_NAME)
        dump = Path(tmp) / CONTENT_NAME
        dump.write_bytes(archive.extractfile(member).read())
        media = [(name, m) for m in archive.getmembers() if (name := _safe_media_name(m))]
        # No revision of its own: the archive holds django-reversion's tables, so the history comes
        # back exactly as exported (restoring from it changes one object: admin_restore).
        with transaction.atomic():
            call_command("loaddata", str(dump), verbosity=0)
        for name, m in media:
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(archive.extractfile(m).read()))
            if saved != name:
                raise RuntimeError(f"media file {name} was stored as {saved}")
        objects = len(json.loads(dump.read_text()))
    return {"objects": objects, "media": len(media)}
