"""A first production deploy (issue 23): started before ``bin/build`` it refuses in one sentence
naming the step; without object storage, start-up, ``check --deploy`` and the admin say uploads
live on the machine's own disk, and the site serves its stored images itself, safely; with S3
configured nothing of that happens. The static manifest is never served."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

import pytest

from starcity_site import checks, media
from tests import factories
from tests.reliability.services import BASE_DIR, GUNICORN, Gunicorn, free_port, manage, production_env, seed


def run(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A deploy's build output: STATIC_ROOT as bin/build's collectstatic leaves it."""
    root = tmp_path_factory.mktemp("built") / "staticfiles"
    manage("collectstatic", "--noinput", env=production_env(STATIC_ROOT=str(root), DATABASE_URL="sqlite:///:memory:"))
    return root


def deploy_check(**env: str) -> subprocess.CompletedProcess:
    environment = production_env(DATABASE_URL="sqlite:///:memory:", **env)
    return run(sys.executable, "manage.py", "check", "--deploy", env=environment)


def test_check_deploy_warns_when_uploads_live_on_the_local_disk(built):
    result = deploy_check(STATIC_ROOT=str(built))
    output = result.stdout + result.stderr
    assert "starcity.W001" in output
    assert checks.MEDIA_ON_LOCAL_DISK in output
    assert "AWS_STORAGE_BUCKET_NAME" in checks.MEDIA_ON_LOCAL_DISK and "redeploy" in checks.MEDIA_ON_LOCAL_DISK


def test_check_deploy_is_quiet_about_media_with_object_storage(built):
    result = deploy_check(STATIC_ROOT=str(built), AWS_STORAGE_BUCKET_NAME="starcity-media")
    assert result.returncode == 0, result.stderr
    assert "starcity.W001" not in result.stdout + result.stderr


def test_check_deploy_fails_before_the_build(tmp_path):
    result = deploy_check(STATIC_ROOT=str(tmp_path / "never-built"))
    assert result.returncode != 0
    assert "starcity.E001" in result.stderr and "bin/build" in result.stderr


def test_collectstatic_itself_runs_before_the_build(tmp_path):
    """The build step must not be refused for want of its own output."""
    env = production_env(STATIC_ROOT=str(tmp_path / "static"), DATABASE_URL="sqlite:///:memory:")
    result = run(sys.executable, "manage.py", "collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stderr


def test_gunicorn_refuses_to_start_before_the_build_in_one_sentence(tmp_path):
    env = production_env(
        STATIC_ROOT=str(tmp_path / "never-built"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        AWS_STORAGE_BUCKET_NAME="starcity-media",
    )
    result = run(
        GUNICORN,
        "starcity_site.wsgi",
        "--config",
        "starcity_site/gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{free_port()}",
        env=env,
    )
    assert result.returncode != 0
    mentions = [line for line in result.stderr.splitlines() if "bin/build" in line]
    assert len(mentions) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Missing staticfiles manifest entry" not in result.stderr


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("deploy")
    env = production_env(
        DATABASE_URL=f"sqlite:///{root / 'db.sqlite3'}",
        STATIC_ROOT=str(built),
        MEDIA_ROOT=str(root / "media"),
        WEB_CONCURRENCY="1",
    )
    seed(env)
    web = Gunicorn(env, root / "gunicorn.log")
    web.start()
    web.media_root = root / "media"
    yield web
    web.stop()


def test_start_up_logs_the_local_media_warning_once(server):
    assert server.log.read_text().count(checks.MEDIA_ON_LOCAL_DISK) == 1


def test_the_static_manifest_is_not_served(server, built):
    assert not (built / "staticfiles.json").exists()
    status, _headers, body, _seconds = server.get("/static/staticfiles.json")
    assert status == 404, body[:200]
    # The files it names still are, with the resource policy.
    manifest = json.loads((built.with_name("staticfiles-manifest") / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    status, headers, _body, _seconds = server.get(f"/static/{hashed}")
    assert status == 200
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "immutable" in headers["Cache-Control"]


def test_an_image_uploaded_after_start_is_served_with_safe_headers(server):
    original = server.media_root / "images" / "article" / "0a1b2c3d.png"
    rendition = server.media_root / "renditions" / "0a1b2c3d" / "wide-320.webp"
    for path, fmt in ((original, "PNG"), (rendition, "WEBP")):
        data = factories.image_file(fmt=fmt).read()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    time.sleep(0.1)
    for url, content_type in (
        ("/media/images/article/0a1b2c3d.png", "image/png"),
        ("/media/renditions/0a1b2c3d/wide-320.webp", "image/webp"),
    ):
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}{url}", timeout=20) as response:
            status, headers, body = response.status, response.headers, response.read()
        assert status == 200, url
        assert body == (original if content_type == "image/png" else rendition).read_bytes()
        assert headers["Content-Type"] == content_type
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    (server.media_root / "images" / "article" / "note.html").write_text("<script>alert(1)</script>")
    for url in (
        "/media/images/article/note.html",
        "/media/images/article/",
        "/media/images/",
        "/media/../db.sqlite3",
        "/media/images/article/%2e%2e/%2e%2e/%2e%2e/db.sqlite3",
    ):
        assert server.get(url)[0] == 404, url


def test_with_object_storage_the_site_serves_no_media_and_says_nothing(tmp_path):
    script = (
        "import django, json; django.setup(); from django.conf import settings;"
        "from starcity_site import checks, media;"
        "print(json.dumps([settings.SERVE_MEDIA, settings.STORAGES['default']['BACKEND'],"
        " checks.media_on_local_disk(), len(media.urlpatterns())]))"
    )
    env = production_env(DATABASE_URL="sqlite:///:memory:", AWS_STORAGE_BUCKET_NAME="starcity-media")
    result = run(sys.executable, "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    serve, backend, local, patterns = json.loads(result.stdout.strip().splitlines()[-1])
    assert (serve, backend, local, patterns) == (False, "storages.backends.s3.S3Storage", False, 0)


def test_without_object_storage_production_serves_media(settings):
    settings.SERVE_MEDIA = True
    settings.MEDIA_URL = "/media/"
    assert [p.name for p in media.urlpatterns()] == ["media"]
    settings.MEDIA_URL = "https://cdn.example.com/media/"
    assert media.urlpatterns() == []


def test_the_admin_index_warns_editors_about_local_media(editor_client, settings):
    settings.DEBUG = False
    page = editor_client.get(f"/{settings.ADMIN_PATH}").content.decode()
    assert checks.MEDIA_ON_LOCAL_DISK.replace("'", "&#x27;") in page


def test_the_admin_index_says_nothing_with_object_storage(editor_client, settings):
    settings.DEBUG = False
    # The stand-in for object storage: any storage but the local file system.
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    page = editor_client.get(f"/{settings.ADMIN_PATH}").content.decode()
    assert "own disk" not in page
