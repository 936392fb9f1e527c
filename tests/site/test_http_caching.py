"""HTTP caching: validators and 304s, Cache-Control per kind of response, static files, page weight."""

from __future__ import annotations

import datetime
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils.http import http_date
from django.views.decorators.http import last_modified

from starcity_site.caching.policy import MARKER, PUBLIC_CACHE_CONTROL
from tests import factories

BASE_DIR = Path(__file__).resolve().parents[2]
CHANGED_AT = 1_780_000_000  # a fixed moment, for a view that says when it last changed


@last_modified(lambda request: datetime.datetime.fromtimestamp(CHANGED_AT, tz=datetime.UTC))
def dated_page(request):
    return HttpResponse("<p>A page that knows when it last changed.</p>")


urlpatterns = [path("dated/", dated_page)]


@pytest.fixture
def article(db):
    return factories.make_article(title="Star City wins the Moon race")


# --- ETag and 304 -------------------------------------------------------------------------------


@pytest.mark.parametrize("cached", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_public_page_has_an_etag_and_answers_304_to_it(client, article, settings, cached):
    settings.PAGE_CACHE_SECONDS = 600 if cached else 0
    url = article.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert re.fullmatch(r'(W/)?"[0-9a-f]{32}"', etag)
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == PUBLIC_CACHE_CONTROL


def test_304_from_the_page_cache_costs_only_the_generation_query(client, article):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        head = client.head(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == head.status_code == 304
    assert len(queries) == 2


def test_conditional_request_on_a_cold_cache_still_fills_it(client, article):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    factories.make_tag()  # any content change starts a new generation: this page is a miss again
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code in (200, 304)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert len(queries) == 1  # the content generation: the page came from the cache


def test_an_edit_changes_the_etag_so_a_revalidating_browser_gets_the_new_page(client, article):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    article.title = "Star City lands first"
    article.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"Star City lands first" in response.content


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("cached", [True, False], ids=["page-cache-on", "page-cache-off"])
def test_last_modified_where_a_view_provides_it(client, db, settings, cached):
    settings.PAGE_CACHE_SECONDS = 600 if cached else 0
    first = client.get("/dated/")
    assert first["Last-Modified"] == http_date(CHANGED_AT)
    client.get("/dated/")
    assert client.get("/dated/", HTTP_IF_MODIFIED_SINCE=http_date(CHANGED_AT)).status_code == 304
    assert client.get("/dated/", HTTP_IF_MODIFIED_SINCE=http_date(CHANGED_AT - 60)).status_code == 200


# --- Cache-Control ------------------------------------------------------------------------------


def test_cache_control_suits_each_kind_of_response(editor_client, article):
    from django.test import Client

    client = Client()
    public = client.get(article.get_absolute_url())
    assert public["Cache-Control"] == PUBLIC_CACHE_CONTROL
    assert client.get(article.get_absolute_url())[MARKER] == "hit"
    assert client.get(article.get_absolute_url())["Cache-Control"] == PUBLIC_CACHE_CONTROL

    personal = editor_client.get(article.get_absolute_url())
    assert {"no-store", "private"} <= set(re.split(r"\s*,\s*", personal["Cache-Control"]))

    admin = editor_client.get("/admin/")
    assert {"no-store", "private"} <= set(re.split(r"\s*,\s*", admin["Cache-Control"]))

    missing = client.get("/news/no-such-article/")
    assert missing.status_code == 404
    assert "public" not in missing.get("Cache-Control", "")

    health = client.get("/healthz")
    assert "no-store" in health["Cache-Control"]


# --- Static files, as production serves them ----------------------------------------------------


@pytest.fixture(scope="module")
def production_static(tmp_path_factory) -> dict:
    """collectstatic into a fresh STATIC_ROOT, then ask whitenoise for files, all with DEBUG off."""
    root = tmp_path_factory.mktemp("static")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="starcity.example.com",
        DATABASE_URL=f"sqlite:///{root / 'unused.sqlite3'}",
        STATIC_ROOT=str(root),
    )
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert collect.returncode == 0, collect.stderr
    script = """
import json, django
django.setup()
from django.templatetags.static import static
from django.test import Client

def fetch(url, encoding):
    response = Client().get(url, secure=True, HTTP_HOST="starcity.example.com", HTTP_ACCEPT_ENCODING=encoding)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return {"status": response.status_code, "headers": dict(response.headers), "length": len(body)}

out = {}
for name in ("css/site.css", "admin/css/base.css"):
    url = static(name)
    out[name] = {"url": url, **{enc or "identity": fetch(url, enc) for enc in ("br", "gzip", "")}}
print(json.dumps(out))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_static_files_have_hashed_names_and_a_year_long_immutable_max_age(production_static):
    site_css = production_static["css/site.css"]
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", site_css["url"])
    headers = site_css["identity"]["headers"]
    assert site_css["identity"]["status"] == 200
    directives = [d.strip() for d in headers["Cache-Control"].split(",")]
    assert "public" in directives and "immutable" in directives
    max_age = int(next(d for d in directives if d.startswith("max-age=")).split("=")[1])
    assert max_age >= 365 * 24 * 3600


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_are_served_compressed(production_static, encoding):
    for name in ("css/site.css", "admin/css/base.css"):
        served = production_static[name]
        if served["identity"]["length"] < 1024 and name == "css/site.css":
            continue  # too small for compression to pay; whitenoise rightly skips it
        compressed = served[encoding]
        assert compressed["status"] == 200, name
        assert compressed["headers"]["Content-Encoding"] == encoding, name
        assert compressed["length"] < served["identity"]["length"] / 2, name
        assert "Accept-Encoding" in compressed["headers"]["Vary"], name


# --- Page weight --------------------------------------------------------------------------------

TEXT = (
    "the design bureau worked through the winter on the new booster while the state commission "
    "argued over the launch date and the cosmonauts trained at the centre outside Moscow"
)
WORDS = TEXT.split(" ")


def demo_like_body(paragraphs: int = 14, words: int = 90) -> str:
    """About 1,300 words in paragraphs, a heading and a quote: a long article on the demo site."""
    text = []
    for n in range(paragraphs):
        sentence = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(words))
        text.append(f"<p>{sentence.capitalize()}.</p>")
        if n == 4:
            text.append("<h2>What the crew said</h2>")
        if n == 8:
            text.append("<blockquote><p>We fly when the rocket is ready, not before.</p></blockquote>")
    return "".join(text)


def test_article_page_html_and_css_weigh_under_60_kb(client, db):
    show = factories.make_show(title="Star City", slug="star-city")
    people = [factories.make_person(name=f"Cast Member {n}") for n in range(4)]
    tags = [factories.make_tag(name=f"Topic {n}") for n in range(5)]
    for n in range(12):  # lists and related boxes fill up as on the demo site
        factories.make_article(title=f"Another story about the programme, part {n}", tags=tags[:2])
    article = factories.make_article(
        title="Everything we know about the second season of Star City",
        standfirst="The Soviet side of the space race returns: the cast, the era, and what the trailer shows.",
        body=demo_like_body(),
        image=factories.make_image(
            factories.image_file(size=(1600, 900)),
            image_alt="A rocket on the launch pad at dawn",
            caption="The pad at Baikonur, recreated for the show.",
            image_credit="Apple TV+",
        ),
        tags=tags,
    )
    article.shows.set([show])
    article.people.set(people)

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content
    stylesheets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="/static/([^"]+)"', html)
    assert stylesheets, "the page links its stylesheet"
    css = b"".join(Path(finders.find(name.decode())).read_bytes() for name in stylesheets)
    assert len(html) + len(css) < 60 * 1024, (len(html), len(css))
    # System fonts: no web font to download, and nothing from another host.
    assert b"@font-face" not in css
    assert not re.search(rb"url\(\s*['\"]?(https?:)?//", css)
    # Nothing the browser loads comes from another host (the canonical link names, not loads).
    assert not re.search(rb'<link[^>]+rel="(stylesheet|preload|modulepreload|icon)"[^>]+href="(https?:)?//', html)
    assert not re.search(rb'<(script|img|source|iframe)[^>]+(src|srcset)="(https?:)?//', html)
