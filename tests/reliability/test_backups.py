"""Backups: export_content and import_content round-trip all content and media into an empty
database (flushed: only what migrations create is left)."""

from __future__ import annotations

import json
import re
import tarfile
from io import BytesIO, StringIO

import pytest
from django.contrib.redirects.models import Redirect
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from news.models import Article
from starcity_site.backup import EXCLUDED, storage_files
from tests import factories
from tests.security.site import build_site

# Django's JSON serializer writes times to the millisecond: a time it wrote as "…:53.000Z" (under
# a millisecond past) is read back as :53 exactly and written again as "…:53Z", the same instant.
WHOLE_SECOND = re.compile(r'\.000(Z|[+-]\d\d:\d\d)"')


def snapshot() -> list:
    out = StringIO()
    args = ["--natural-foreign", "--natural-primary", *[a for app in EXCLUDED for a in ("--exclude", app)]]
    call_command("dumpdata", *args, stdout=out)
    rows = json.loads(out.getvalue())
    return sorted(WHOLE_SECOND.sub(r'\1"', json.dumps(row, sort_keys=True)) for row in rows)


def media_snapshot() -> dict[str, bytes]:
    return {name: default_storage.open(name, "rb").read() for name in storage_files()}


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_restores_everything(tmp_path):
    site = build_site("Zvezdny Gorodok — “quotes”, <b>markup</b> & ünïcödé")
    editor = factories.make_editor(username="olga", first_name="Olga")
    site.article.author = editor
    site.article.save()
    factories.make_author(username="pavel")
    Redirect.objects.create(site_id=1, old_path="/old/", new_path=site.article.get_absolute_url())
    before, media_before = snapshot(), media_snapshot()
    assert len(media_before) >= 3  # article, show and person pictures
    assert any('"model": "news.article"' in row for row in before)
    assert sum('"model": "library.image"' in row for row in before) == 3  # the library is in the archive

    archive = tmp_path / "backup.tar.gz"
    out = StringIO()
    call_command("export_content", str(archive), stdout=out)
    assert "Exported" in out.getvalue()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "content.json" in names and sum(n.startswith("media/") for n in names) == len(media_before)

    call_command("flush", "--noinput", verbosity=0)
    for name in storage_files():
        default_storage.delete(name)
    assert not Article.objects.exists() and storage_files() == []

    call_command("import_content", str(archive), stdout=StringIO())
    assert snapshot() == before
    assert media_snapshot() == media_before
    restored = Article.objects.get(slug=site.article.slug)
    assert restored.author.username == "olga"
    assert restored.author.groups.get().permissions.filter(codename="publish_article").exists()
    assert default_storage.exists(restored.image.image.name)


def test_import_refuses_a_missing_archive(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_content", str(tmp_path / "nope.tar.gz"))


@pytest.mark.django_db
def test_import_ignores_media_members_that_would_escape_media_root(tmp_path, settings):
    call_command("export_content", str(tmp_path / "a.tar.gz"), stdout=StringIO())
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(tmp_path / "a.tar.gz") as src, tarfile.open(evil, "w:gz") as dst:
        for member in src.getmembers():
            dst.addfile(member, src.extractfile(member))
        for bad in ("media/../../escaped.txt", "media//etc/evil.txt"):
            info = tarfile.TarInfo(bad)
            info.size = 4
            dst.addfile(info, BytesIO(b"evil"))
    call_command("import_content", str(evil), stdout=StringIO())
    assert not (settings.MEDIA_ROOT.parent.parent / "escaped.txt").exists()
    assert not (settings.MEDIA_ROOT.parent / "escaped.txt").exists()
    assert storage_files() == []
