"""Media URLs serve only stored images: no listing, nothing outside MEDIA_ROOT, nothing else in it;
errors never show internals."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client, RequestFactory

from starcity_site.media import media

TRAVERSALS = [
    "/media/../starcity_site/settings.py",
    "/media/%2e%2e/starcity_site/settings.py",
    "/media/..%2fstarcity_site%2fsettings.py",
    "/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/media/images/..%252f..%252fsettings.py",
    "/media/..\\starcity_site\\settings.py",
    "/media/%2fetc%2fpasswd",
    "/media//etc/passwd",
    "/media/images/ok.png%00.txt",
    "/media/images/article/ok.png%00.txt",
    "/media/images/article/../../outside.txt",
    "/media/images/article/%2e%2e/%2e%2e/outside.txt",
    "/media/images/article/",
    "/media/images/article",
    "/media/images/",
    "/media/images",
    "/media/",
    "/media/images/article/page.html",
    "/media/images/article/notes.txt",
    "/media/images/article/ok.svg",
    "/media/images/article/.hidden.png",
    "/media/images/article/ok.png/",
    "/media/elsewhere/article/ok.png",
]


@pytest.fixture
def media_file(settings):
    folder = settings.MEDIA_ROOT / "images" / "article"
    folder.mkdir(parents=True)
    (folder / "ok.png").write_bytes(b"\x89PNG fake")
    # Files in MEDIA_ROOT the site did not make (e.g. copied there by hand) are not served either.
    for name in ("page.html", "notes.txt", "ok.svg", ".hidden.png"):
        (folder / name).write_text("<script>SECRET</script>")
    (settings.MEDIA_ROOT / "elsewhere" / "article").mkdir(parents=True)
    (settings.MEDIA_ROOT / "elsewhere" / "article" / "ok.png").write_text("SECRET")
    (settings.MEDIA_ROOT.parent / "outside.txt").write_text("SECRET")
    return folder / "ok.png"


@pytest.mark.parametrize("url", TRAVERSALS)
def test_media_urls_never_list_or_escape_media_root(db, media_file, url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 404
    body = response.content.decode(errors="replace")
    assert "SECRET" not in body and "Index of" not in body and "Traceback" not in body


@pytest.mark.parametrize(
    "path", ["../outside.txt", "images/../../outside.txt", "images/", "/etc/passwd", "", "a" * 300, "x/" * 3000]
)
def test_media_view_refuses_paths_outside_media_root(media_file, path):
    with pytest.raises(Http404):
        media(RequestFactory().get("/media/x"), path)


def test_media_view_serves_a_real_file(media_file):
    response = media(RequestFactory().get("/media/images/article/ok.png"), "images/article/ok.png")
    assert response.status_code == 200


def test_stored_images_are_served_with_nosniff_and_long_cache_headers(db, media_file, settings):
    rendition = settings.MEDIA_ROOT / "renditions" / "0f3a" / "wide-320.webp"
    rendition.parent.mkdir(parents=True)
    rendition.write_bytes(b"RIFF fake")
    for url, content_type in (
        ("/media/images/article/ok.png", "image/png"),
        ("/media/renditions/0f3a/wide-320.webp", "image/webp"),
    ):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.fixture
def production_client(settings):
    settings.ROOT_URLCONF = "tests.security.raising_urls"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def test_an_exception_shows_only_the_friendly_500_page(db, production_client):
    response = production_client.get("/test-explode/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Mission control has a problem" in body
    for leak in ("secret internals", "Traceback", "RuntimeError", "SECRET_KEY", "settings.py", "DATABASES"):
        assert leak not in body


def test_a_database_error_shows_the_503_page_without_details(db, production_client):
    response = production_client.get("/test-db-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Back shortly" in body
    assert "10.0.0.5" not in body and "OperationalError" not in body


def test_404_does_not_list_the_url_patterns(db, production_client):
    response = production_client.get("/definitely/not/here/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "URLconf" not in body and "test-explode" not in body and "admin/" not in body


def test_unknown_host_gets_a_plain_400(db, production_client, settings):
    settings.ALLOWED_HOSTS = ["starcity.example.com"]
    response = production_client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "ALLOWED_HOSTS" not in response.content.decode()


@pytest.mark.parametrize(("path", "status"), [("test-save-storage/", 500), ("test-save-db/", 503)])
def test_a_failed_admin_save_tells_the_editor_nothing_was_changed(db, production_client, settings, path, status):
    response = production_client.post(f"/{settings.ADMIN_PATH}{path}", {"title": "x"})
    assert response.status_code == status
    body = response.content.decode()
    assert "Your changes were not saved" in body
    assert "the last saved version is exactly as it was" in body
    assert "No space left" not in body and "/srv/media" not in body and "10.0.0.5" not in body
