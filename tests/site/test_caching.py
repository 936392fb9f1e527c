"""The page cache: served without queries, never stale, never mixing fans, editors and previews."""

from __future__ import annotations

import datetime
import uuid

import pytest
import time_machine
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache

from news.models import Article
from starcity_site.cache import ResilientRedisCache
from starcity_site.caching import content_changed, generation, middleware
from starcity_site.caching.middleware import MARKER
from starcity_site.publishing import Status
from tests import factories

REDIS_URL = "redis://127.0.0.1:6379/9"  # this suite's own Redis database; keys get a unique prefix


# A tiny URLconf of its own for what the public templates may not show (yet): tags, the viewer.
def tagged_articles(request):
    viewer = request.user.get_username() if request.user.is_authenticated else "a fan"
    rows = [
        f"<li>{a.title}: {', '.join(t.name for t in a.tags.all())}</li>"
        for a in Article.objects.published().prefetch_related("tags")
    ]
    return HttpResponse(f"<p>Hello {viewer}</p><ul>{''.join(rows)}</ul>")


@never_cache
def private_page(request):
    return HttpResponse(f"<p>{Article.objects.count()} articles in all</p>")


def cookie_page(request):
    response = HttpResponse(f"<p>{Article.objects.count()} articles in all</p>")
    response.set_cookie("seen", "yes")
    return response


def progress_page(request):
    return HttpResponse(f"<p>{Article.objects.count()} articles; you are at {request.COOKIES.get('progress')}</p>")


urlpatterns = [
    path("tagged/", tagged_articles),
    path("private/", private_page),
    path("cookie/", cookie_page),
    path("progress/", progress_page),
    path("preview/anything/", tagged_articles),
]
own_urls = pytest.mark.urls(__name__)


def get_counting(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


@pytest.fixture
def article(db):
    return factories.make_article(title="Korolev's new rocket")


# --- Hits -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "list", "article"])
def test_second_anonymous_request_is_served_from_cache_without_queries(client, article, page):
    url = {"home": "/", "list": "/news/", "article": article.get_absolute_url()}[page]
    first, first_queries = get_counting(client, url)
    second, second_queries = get_counting(client, url)
    assert first.status_code == second.status_code == 200
    assert first[MARKER] == "miss" and first_queries > 0
    assert second[MARKER] == "hit" and second_queries == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_head_is_answered_from_the_page_a_get_cached(client, article):
    client.get("/news/")
    with CaptureQueriesContext(connection) as queries:
        response = client.head("/news/")
    assert response.status_code == 200
    assert response[MARKER] == "hit"
    assert len(queries) == 0


def test_query_strings_are_separate_pages(client, db):
    for n in range(14):
        factories.make_article(title=f"Story number {n}")
    client.get("/news/")
    second_page = client.get("/news/?page=2")
    assert second_page[MARKER] == "miss"
    assert second_page.content != client.get("/news/").content


def test_page_cache_seconds_zero_turns_the_cache_off(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/news/")
    response, queries = get_counting(client, "/news/")
    assert MARKER not in response
    assert queries > 0
    assert response["Cache-Control"] == middleware.PUBLIC_CACHE_CONTROL


# --- Every change shows on the very next request -------------------------------------------


def test_saved_title_shows_on_the_next_request(client, article):
    url = article.get_absolute_url()
    client.get(url)
    article.title = "Korolev's rocket flies"
    article.save()
    response = client.get(url)
    assert response[MARKER] == "miss"
    assert "Korolev&#x27;s rocket flies" in response.content.decode()


def test_deleted_article_is_gone_on_the_next_request(client, article):
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get("/news/").content.count(b"new rocket") == 1
    article.delete()
    assert client.get(url).status_code == 404
    assert b"new rocket" not in client.get("/news/").content


def test_unpublished_article_is_gone_and_republished_is_back(client, article):
    url = article.get_absolute_url()
    client.get(url)
    article.unpublish()
    article.save()
    assert client.get(url).status_code == 404
    assert b"new rocket" not in client.get("/news/").content
    article.publish()
    article.save()
    assert client.get(url).status_code == 200
    assert b"new rocket" in client.get("/news/").content


def test_published_draft_appears_on_the_next_request(client, db):
    draft = factories.make_article(title="Draft about Baikonur", status=Status.DRAFT, published_at=None)
    assert b"Baikonur" not in client.get("/news/").content
    draft.publish()
    draft.save()
    assert b"Baikonur" in client.get("/news/").content


@own_urls
def test_tag_added_or_removed_shows_on_the_next_request(client, article):
    tag = factories.make_tag(name="Soyuz")
    assert "Soyuz" not in client.get("/tagged/").content.decode()
    article.tags.add(tag)
    assert "Soyuz" in client.get("/tagged/").content.decode()
    article.tags.remove(tag)
    assert "Soyuz" not in client.get("/tagged/").content.decode()
    article.tags.add(tag)
    tag.name = "Soyuz 1"
    tag.save()
    assert "Soyuz 1" in client.get("/tagged/").content.decode()
    article.tags.clear()
    assert "Soyuz" not in client.get("/tagged/").content.decode()


def _change_show(objects):
    objects["show"].tagline = "New tagline"
    objects["show"].save()


def _change_episode(objects):
    objects["episode"].airs_at = timezone.now()
    objects["episode"].save()


def _change_person(objects):
    objects["person"].delete()


def _change_credit_episodes(objects):
    objects["credit"].episodes.add(objects["episode"])


def _change_image(objects):
    article = objects["article"]
    article.image = factories.image_file()
    article.image_alt = "A rocket on the pad"
    article.save()


def _change_redirect(objects):
    Redirect.objects.create(site=Site.objects.get_current(), old_path="/old/", new_path="/news/")


def _rename_author(objects):
    objects["article"].author.first_name = "Valentina"
    objects["article"].author.save()


def _call_content_changed(objects):
    Article.objects.update(featured=True)  # no signals: the caller says so itself
    content_changed()


CHANGES = [
    _change_show,
    _change_episode,
    _change_person,
    _change_credit_episodes,
    _change_image,
    _change_redirect,
    _rename_author,
    _call_content_changed,
]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_every_kind_of_content_change_invalidates_cached_pages(client, db, change):
    show = factories.make_show()
    objects = {
        "show": show,
        "episode": factories.make_episode(season=factories.make_season(show=show)),
        "person": factories.make_person(),
        "credit": factories.make_credit(show=show),
        "article": factories.make_article(author=factories.make_user(first_name="Yuri")),
    }
    client.get("/")
    assert client.get("/")[MARKER] == "hit"
    change(objects)
    assert client.get("/")[MARKER] == "miss"


def test_logging_in_does_not_empty_the_cache(client, article, editor):
    from django.test import Client

    client.get("/")
    Client().force_login(editor)  # saves the editor's last_login
    assert client.get("/")[MARKER] == "hit"


def test_change_bumps_again_when_its_transaction_commits(article, django_capture_on_commit_callbacks):
    """Another process may render from the old rows between the save and the commit."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.title = "Changed"
        article.save()
        during = cache.get(generation.GENERATION_KEY)
    assert callbacks
    assert cache.get(generation.GENERATION_KEY) > during


# --- Scheduled articles -----------------------------------------------------------------------


def test_scheduled_article_appears_on_the_first_request_after_its_time(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 24 * 3600  # the entry would still be fresh: only the due time can drop it
    start = timezone.now()
    factories.make_article(title="Launch day story", published_at=start + datetime.timedelta(hours=1))
    with time_machine.travel(start, tick=False) as clock:
        assert b"Launch day story" not in client.get("/news/").content
        hit, queries = get_counting(client, "/news/")
        assert hit[MARKER] == "hit" and queries == 0  # a pending schedule costs no query per request
        clock.move_to(start + datetime.timedelta(minutes=59))
        assert client.get("/news/")[MARKER] == "hit"
        clock.move_to(start + datetime.timedelta(hours=1, seconds=1))
        response = client.get("/news/")
        again = client.get("/news/")
    assert b"Launch day story" in response.content
    assert response[MARKER] == "miss"
    assert again[MARKER] == "hit"  # and caching carries on with the next due time


def test_lost_next_due_entry_cannot_keep_a_page_past_its_time(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 24 * 3600
    start = timezone.now()
    factories.make_article(title="Launch day story", published_at=start + datetime.timedelta(hours=1))
    with time_machine.travel(start, tick=False) as clock:
        client.get("/news/")
        cache.delete(generation.NEXT_DUE_KEY)  # evicted, or overwritten by a slower process
        clock.move_to(start + datetime.timedelta(hours=2))
        response = client.get("/news/")
    assert b"Launch day story" in response.content


# --- Who never gets or gives a cached page ------------------------------------------------------


@own_urls
def test_editor_never_gets_the_cached_fan_page_and_fans_never_get_the_editors(client, editor_client, editor, db):
    from django.test import Client

    fan = Client()
    assert "Hello a fan" in fan.get("/tagged/").content.decode()
    assert fan.get("/tagged/")[MARKER] == "hit"
    for _ in range(2):
        response = editor_client.get("/tagged/")
        assert f"Hello {editor.username}" in response.content.decode()
        assert MARKER not in response
        assert response["Cache-Control"] == middleware.PERSONAL_CACHE_CONTROL
    cache.clear()
    editor_client.get("/tagged/")
    response = fan.get("/tagged/")
    assert "Hello a fan" in response.content.decode()
    assert editor.username not in response.content.decode()


@own_urls
def test_preview_and_never_cache_responses_are_never_stored(client, article):
    for url in ("/preview/anything/", "/private/"):
        client.get(url)
        response, queries = get_counting(client, url)
        assert MARKER not in response
        assert queries > 0
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_admin_is_never_cached(editor_client):
    editor_client.get("/admin/")
    response, queries = get_counting(editor_client, "/admin/")
    assert response.status_code == 200
    assert queries > 0
    assert "no-store" in response["Cache-Control"]


@own_urls
def test_responses_that_set_a_cookie_are_not_stored(client, article):
    for _ in range(2):
        response, queries = get_counting(client, "/cookie/", HTTP_COOKIE="")
        assert response.cookies["seen"].value == "yes"
        assert MARKER not in response
        assert queries > 0


@own_urls
def test_variants_never_mix(article, monkeypatch):
    """Issue 9's hook: each normalised variant is a page of its own."""
    from django.test import Client

    monkeypatch.setattr(middleware, "cache_variant", lambda request: request.COOKIES.get("progress", "")[:4])
    ahead, behind = Client(), Client()
    ahead.cookies["progress"] = "s2e1"
    behind.cookies["progress"] = "s1e4"
    assert "at s2e1" in ahead.get("/progress/").content.decode()
    assert ahead.get("/progress/")[MARKER] == "hit"
    response = behind.get("/progress/")
    assert response[MARKER] == "miss"
    assert "at s1e4" in response.content.decode()
    behind.cookies["progress"] = "s1e4-with-junk"  # the same normalised value: the same page
    assert behind.get("/progress/")[MARKER] == "hit"


# --- Shared between processes ------------------------------------------------------------------


@pytest.fixture
def redis_caches(monkeypatch):
    """Two separate cache clients on one real Redis, like two gunicorn processes."""
    params = {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "TIMEOUT": 600}
    first, second = ResilientRedisCache(REDIS_URL, params), ResilientRedisCache(REDIS_URL, params)
    yield first, second
    client = first._cache.get_client(write=True)
    keys = list(client.scan_iter(f"{params['KEY_PREFIX']}:*"))
    if keys:
        client.delete(*keys)


def act_as(monkeypatch, process_cache):
    monkeypatch.setattr(generation, "cache", process_cache)
    monkeypatch.setattr(middleware, "cache", process_cache)


def test_an_edit_through_one_process_shows_through_the_other_at_once(client, article, redis_caches, monkeypatch):
    first, second = redis_caches
    url = article.get_absolute_url()
    act_as(monkeypatch, first)
    client.get(url)
    assert client.get(url)[MARKER] == "hit"

    act_as(monkeypatch, second)  # the editor's save is handled by the other process
    before = second.get(generation.GENERATION_KEY)
    article.title = "Edited elsewhere"
    article.save()
    assert second.get(generation.GENERATION_KEY) > before

    act_as(monkeypatch, first)
    assert first.get(generation.GENERATION_KEY) == second.get(generation.GENERATION_KEY)
    response = client.get(url)
    assert response[MARKER] == "miss"
    assert b"Edited elsewhere" in response.content


def test_pages_are_served_from_the_database_while_redis_is_down(client, article, monkeypatch):
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    act_as(monkeypatch, down)
    for _ in range(2):
        response = client.get("/news/")
        assert response.status_code == 200
        assert b"new rocket" in response.content
        assert MARKER not in response
    article.title = "Still editable"
    article.save()
    assert b"Still editable" in client.get("/news/").content


def test_redis_client_is_built_once_and_shared_by_threads(redis_caches):
    import threading

    first, _second = redis_caches
    client = first._cache.get_client()
    assert first._cache.get_client(write=True) is client  # one server: one pool, one client
    errors = []

    def work(n):
        try:
            for i in range(50):
                first.set(f"thread-{n}-{i}", i)
                assert first.get(f"thread-{n}-{i}") == i
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert first.get_many([f"thread-{n}-49" for n in range(8)]) == {f"thread-{n}-49": 49 for n in range(8)}
    assert first._cache.get_client() is client


# --- Each process's own copies (caching/local.py) ------------------------------------------------


class Recording:
    """A cache client that notes the keys each read asks for."""

    def __init__(self, inner):
        self.inner, self.asked = inner, []

    def get_many(self, keys, *args, **kwargs):
        self.asked.extend(keys)
        return self.inner.get_many(keys, *args, **kwargs)

    def get(self, key, *args, **kwargs):
        self.asked.append(key)
        return self.inner.get(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def asked_for_a_page(self) -> bool:
        return any(key.startswith("page:") for key in self.asked)


def test_a_hit_from_the_processs_own_copy_asks_the_shared_cache_for_the_generation_alone(
    article, monkeypatch, settings
):
    from django.test import Client

    url = article.get_absolute_url()
    recording = Recording(cache)
    act_as(monkeypatch, recording)
    fan = Client()
    assert fan.get(url)[MARKER] == "miss"
    recording.asked.clear()
    hit, queries = get_counting(fan, url)
    assert hit[MARKER] == "hit" and queries == 0
    assert generation.GENERATION_KEY in recording.asked
    assert not recording.asked_for_a_page()

    settings.PAGE_CACHE_LOCAL_BYTES = 0  # no copies: every hit brings the page from the shared cache
    other = Client()
    recording.asked.clear()
    assert other.get(url)[MARKER] == "hit"
    assert recording.asked_for_a_page()


def test_a_process_never_serves_its_old_copy_after_another_process_edits(article, redis_caches, monkeypatch):
    from django.test import Client

    first, second = redis_caches
    one, two = Client(), Client()  # two processes: each its own middleware and its own copies
    url = article.get_absolute_url()
    act_as(monkeypatch, first)
    one.get(url)
    assert one.get(url)[MARKER] == "hit"

    act_as(monkeypatch, second)
    article.title = "Edited elsewhere"
    article.save()
    rendered = two.get(url)
    assert rendered[MARKER] == "miss" and b"Edited elsewhere" in rendered.content

    act_as(monkeypatch, first)
    response, queries = get_counting(one, url)
    assert b"Edited elsewhere" in response.content
    # The other process's new page, from the shared cache: no render here.
    assert response[MARKER] == "hit" and queries == 0
    assert one.get(url).content == response.content


def test_a_processs_copy_is_not_served_while_the_generation_cannot_be_read(client, article, monkeypatch):
    url = article.get_absolute_url()
    client.get(url)
    assert client.get(url)[MARKER] == "hit"
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    act_as(monkeypatch, down)
    # Changed where no signal can reach the cache (and the cache could not be told anyway).
    Article.objects.filter(pk=article.pk).update(title="Changed while the cache was away")
    response = client.get(url)
    assert response.status_code == 200
    assert MARKER not in response
    assert b"Changed while the cache was away" in response.content


def test_local_copies_keep_the_most_recently_used_pages_within_their_bytes():
    from starcity_site.caching.local import LocalPages

    pages = LocalPages(max_bytes=250)
    entry = lambda size: (1, 2.0, b"x" * size, [])  # noqa: E731
    pages.put("a", entry(100))
    pages.put("b", entry(100))
    assert pages.get("a") is not None  # now the most recently used
    pages.put("c", entry(100))  # over 250 bytes: the least recently used (b) goes
    assert pages.get("b") is None
    assert pages.get("a") is not None and pages.get("c") is not None
    assert pages.size == 200
    pages.put("a", entry(50))  # replacing a page counts its new size only
    assert pages.size == 150
    pages.put("huge", entry(251))  # larger than everything allowed: never kept
    assert pages.get("huge") is None and len(pages) == 2
    pages.discard("c")
    assert pages.size == 50 and pages.get("c") is None
    off = LocalPages(max_bytes=0)
    off.put("empty", entry(0))
    assert off.get("empty") is None and len(off) == 0
