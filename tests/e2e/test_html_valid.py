"""Every public page type is valid HTML: the W3C Nu validator (vnu.jar) reports no errors.

The validator is the one validator.nu publishes on the npm registry as ``vnu-jar``; the
``vnu_jar`` fixture fetches the pinned version once into ``.venv/vnu`` (or takes ``VNU_JAR``) and
runs it with Java. It is in the e2e tier because, like the browser, it needs tools from outside
the virtualenv (Java and npm, which ``.ci/run`` installs).
"""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone

from news.models import Article
from shows.models import Episode
from tests.e2e.test_fan_pages import public_pages
from universe.models import HistoricalFigure

VNU_VERSION = "26.9.27"
VNU_HOME = Path(__file__).resolve().parents[2] / ".venv" / "vnu"


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    jar = VNU_HOME / VNU_VERSION / "package" / "build" / "dist" / "vnu.jar"
    if not jar.exists():
        if shutil.which("npm") is None:
            pytest.fail("The HTML check needs npm to fetch vnu-jar (apt-get install npm), or VNU_JAR set.")
        target = jar.parents[3]
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "pack", "--silent", f"vnu-jar@{VNU_VERSION}"], cwd=target, check=True, capture_output=True
        )
        with tarfile.open(target / f"vnu-jar-{VNU_VERSION}.tgz") as archive:
            archive.extractall(target, filter="data")
    if shutil.which("java") is None:
        pytest.fail("The HTML check needs Java (apt-get install default-jre-headless).")
    return jar


def validate(jar: Path, files: list[Path]) -> list[str]:
    """The validator's errors, one readable line each (file, line, message)."""
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


def with_microsecond_times() -> None:
    """Stored times as the bulk actions once wrote them: with microseconds (``…:53.682000``)."""
    fraction = datetime.timedelta(microseconds=682001)
    Article.objects.exclude(published_at=None).update(
        published_at=F("published_at") - fraction, updated_at=F("updated_at") + fraction
    )
    aired = timezone.now() - datetime.timedelta(days=2, microseconds=317)
    Episode.objects.filter(pk=Episode.objects.order_by("pk").values("pk")[:1]).update(airs_at=aired)


@pytest.mark.django_db
@pytest.mark.parametrize("times", ["as loaded", "with microseconds"])
def test_every_public_page_type_is_valid_html(vnu_jar, tmp_path, times):
    call_command("load_demo", stdout=io.StringIO())
    if times == "with microseconds":
        with_microsecond_times()
    pages = public_pages()
    figure = HistoricalFigure.objects.order_by("pk").first()
    pages.update(
        {
            "search-empty": "/search/",
            "search-nothing": "/search/?q=zzzzqx",
            "not-found": "/no-such-page/",
            "article-inline-images": "/news/a-first-look-inside-star-city/",  # library pictures in the body
            **({"figure": figure.get_absolute_url()} if figure else {}),
        }
    )
    client = Client()
    files = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        assert response["Content-Type"].startswith("text/html"), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    assert len(files) >= 20
    # A known-bad page in the same run proves the validator ran and reported (not a silent pass).
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><html lang="en"><head><title>c</title></head><body><img src="a"></body></html>')
    errors = validate(vnu_jar, [*files, canary])
    assert [e for e in errors if e.startswith("canary.html")], "the validator reported nothing for a known-bad page"
    errors = [e for e in errors if not e.startswith("canary.html")]
    assert errors == [], "\n".join(errors)
