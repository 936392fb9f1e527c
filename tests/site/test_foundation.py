"""The foundation: configuration errors, deploy checks, health and error pages."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import set_script_prefix

from starcity_site.views import server_error

BASE_DIR = Path(__file__).resolve().parents[2]
CLOSED_PORT_DB = "postgres://postgres@127.0.0.1:1/nowhere"


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """Production serves hashed static files collected at build time; collect them once."""
    root = tmp_path_factory.mktemp("staticfiles")
    result = manage("collectstatic", "--noinput", env=production_env(STATIC_ROOT=str(root)))
    assert result.returncode == 0, result.stderr
    return root


def production_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="starcity_site.settings",
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="starcity.example.com",
        DATABASE_URL=f"sqlite:///{BASE_DIR / 'data' / 'deploy-check.sqlite3'}",
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_no_issues_with_production_values(collected_static):
    # As README's deploy steps leave it: built (bin/build), uploads in object storage.
    env = production_env(STATIC_ROOT=str(collected_static), AWS_STORAGE_BUCKET_NAME="starcity-media")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "not a url"),
        ("DATABASE_URL", "mysqlish://host/db"),
        ("ALLOWED_HOSTS", "https://starcity.example.com/path"),
        ("ALLOWED_HOSTS", ""),
        ("REDIS_URL", "http://cache:6379"),
        ("REDIS_URL", "redis://cache:notaport/0"),
        ("SECRET_KEY", ""),
        ("SECRET_KEY", "short"),
        ("SECRET_KEY", "django-insecure-" + "x" * 60),
        ("CSRF_TRUSTED_ORIGINS", "starcity.example.com"),
        ("PAGE_CACHE_SECONDS", "-5"),
        ("PAGE_CACHE_SECONDS", "nan"),
        ("CACHE_TIMEOUT", "0"),
        ("AXES_FAILURE_LIMIT", "1.5"),
    ],
)
def test_bad_configuration_stops_with_one_sentence_naming_the_variable(variable, value):
    result = manage("check", env=production_env(**{variable: value}))
    assert result.returncode != 0
    assert variable in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_healthz_answers_200_with_json_when_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_and_pages_answer_503_when_database_is_unreachable(collected_static):
    """A real connection attempt to a closed port, in a fresh process with production settings."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "c = Client(raise_request_exception=False);"
        "h = c.get('/healthz', secure=True, HTTP_HOST='starcity.example.com');"
        "p = c.get('/news/', secure=True, HTTP_HOST='starcity.example.com');"
        "print(json.dumps([h.status_code, h.content.decode(), p.status_code, p.get('Retry-After'),"
        " p.content.decode()]))"
    )
    env = production_env(DATABASE_URL=CLOSED_PORT_DB, DB_CONNECT_TIMEOUT="1", STATIC_ROOT=str(collected_static))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    health_status, health_body, page_status, retry_after, page_body = json.loads(result.stdout.strip().splitlines()[-1])
    assert health_status == 503
    assert json.loads(health_body)["status"] == "unavailable"
    assert page_status == 503
    assert retry_after == "30"
    assert "Back shortly" in page_body
    assert "Traceback" not in page_body and "OperationalError" not in page_body


def test_unknown_url_gets_the_friendly_404_page(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Lost in orbit" in response.content
    assert b'name="robots" content="noindex"' in response.content


def test_500_handler_renders_friendly_page_and_503_for_database_errors(db):
    request = RequestFactory().get("/")
    try:
        raise ValueError("boom")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert b"Mission control has a problem" in response.content
    assert b"boom" not in response.content
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_robots_txt_points_at_sitemap_and_hides_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_site_wide_links_follow_the_script_prefix(client, db):
    """The nav links are reversed under the request's script prefix (a site mounted at /fans/)."""
    try:
        set_script_prefix("/fans/")  # what the WSGI handler does for SCRIPT_NAME=/fans
        mounted = client.get("/news/", SCRIPT_NAME="/fans").content.decode()
    finally:
        set_script_prefix("/")
    assert '<a href="/fans/news/" aria-current="page">News</a>' in mounted
    assert 'href="/fans/news/feed/rss/"' in mounted
    html = client.get("/news/").content.decode()
    assert '<a href="/news/" aria-current="page">News</a>' in html
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Star City Fan Site: news (RSS)" href="/news/feed/rss/">'
        in html
    )


def test_the_build_step_keeps_only_hashed_static_files_and_compiles_the_project(tmp_path):
    """bin/build, the deploy's build command: what whitenoise indexes at each start is only the
    hashed files, and the project's modules are bytecode before any process starts."""
    source = BASE_DIR / "starcity_site" / "wsgi.py"
    compiled = Path(importlib.util.cache_from_source(str(source)))
    compiled.unlink(missing_ok=True)
    env = production_env(STATIC_ROOT=str(tmp_path), PYTHON=sys.executable)
    result = subprocess.run(["bash", "bin/build"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    names = {p.name for p in (tmp_path / "css").iterdir()}
    hashed = [n for n in names if re.fullmatch(r"site\.[0-9a-f]{12}\.css", n)]
    assert len(hashed) == 1 and f"{hashed[0]}.gz" in names and f"{hashed[0]}.br" in names
    assert "site.css" not in names and "site.css.gz" not in names
    assert compiled.is_file() and compiled.stat().st_mtime >= source.stat().st_mtime
