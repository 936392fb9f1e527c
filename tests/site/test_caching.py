"""The page cache: served without queries, never stale, never mixing fans, editors and previews."""

from __future__ import annotations

import datetime
import math
import uuid

import pytest
import time_machine
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache

from library.models import ImageTag
from news.models import Article
from starcity_site import models
from starcity_site.cache import ResilientRedisCache
from starcity_site.caching import content_changed, generation, policy
from starcity_site.caching.policy import MARKER
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
]
own_urls = pytest.mark.urls(__name__)


def first_four(request):
    return request.COOKIES.get("progress", "")[:4]


def current_number() -> int:
    return models.ContentGeneration.objects.get().number


def get_counting(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


@pytest.fixture
def article(db):
    return factories.make_article(title="Korolev's new rocket")


# --- Hits -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "list", "article"])
def test_second_anonymous_request_is_served_from_cache_with_one_query(client, article, page):
    url = {"home": "/", "list": "/news/", "article": article.get_absolute_url()}[page]
    first, first_queries = get_counting(client, url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first[MARKER] == "miss" and first_queries > 1
    assert second[MARKER] == "hit" and len(queries) == 1
    assert "contentgeneration" in queries[0]["sql"]
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_head_is_answered_from_the_page_a_get_cached(client, article):
    client.get("/news/")
    with CaptureQueriesContext(connection) as queries:
        response = client.head("/news/")
    assert response.status_code == 200
    assert response[MARKER] == "hit"
    assert len(queries) == 1


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
    assert response["Cache-Control"] == policy.PUBLIC_CACHE_CONTROL


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
    article.image = objects["image"]
    article.save()


def _edit_library_image(objects):
    image = objects["image"]  # not yet used by anything on the page: an edit still counts
    image.image_alt = "A rocket on the pad at dawn"
    image.save()


def _tag_library_image(objects):
    objects["image"].tags.add(ImageTag.objects.create(name="launch"))


def _delete_library_image(objects):
    objects["image"].delete()


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
    _edit_library_image,
    _tag_library_image,
    _delete_library_image,
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
        "image": factories.make_image(),
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


def test_the_new_generation_is_part_of_the_changes_transaction(article):
    """It commits with the change and rolls back with it: no reader sees one without the other."""
    from django.db import transaction

    before = current_number()
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title = "Never saved"
        article.save()
        assert current_number() > before
        raise RuntimeError
    assert current_number() == before
    article.title = "Saved"
    article.save()
    assert current_number() > before


# --- Scheduled articles -----------------------------------------------------------------------


def test_scheduled_article_appears_on_the_first_request_after_its_time(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 24 * 3600  # the entry would still be fresh: only the due time can drop it
    start = timezone.now()
    factories.make_article(title="Launch day story", published_at=start + datetime.timedelta(hours=1))
    with time_machine.travel(start, tick=False) as clock:
        assert b"Launch day story" not in client.get("/news/").content
        hit, queries = get_counting(client, "/news/")
        assert hit[MARKER] == "hit" and queries == 1  # a pending schedule costs no query of its own
        clock.move_to(start + datetime.timedelta(minutes=59))
        assert client.get("/news/")[MARKER] == "hit"
        clock.move_to(start + datetime.timedelta(hours=1, seconds=1))
        response = client.get("/news/")
        again = client.get("/news/")
    assert b"Launch day story" in response.content
    assert response[MARKER] == "miss"
    assert again[MARKER] == "hit"  # and caching carries on with the next due time


def test_next_due_is_worked_out_again_after_every_change(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 24 * 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.get("/news/")
        assert models.ContentGeneration.objects.get().next_due == generation.NOTHING_DUE
        factories.make_article(title="Launch day story", published_at=start + datetime.timedelta(hours=1))
        assert client.get("/news/")[MARKER] == "miss"
        due = start + datetime.timedelta(hours=1)
        assert models.ContentGeneration.objects.get().next_due == math.ceil(due.timestamp())
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
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    cache.clear()
    editor_client.get("/tagged/")
    response = fan.get("/tagged/")
    assert "Hello a fan" in response.content.decode()
    assert editor.username not in response.content.decode()


@own_urls
def test_never_cache_responses_are_never_stored(client, article):
    url = "/private/"
    for _ in range(2):
        response, queries = get_counting(client, url)
        assert MARKER not in response
        assert queries > 1
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
        assert queries > 1


@own_urls
def test_variants_never_mix(article, settings):
    """PAGE_CACHE_VARIANT: each normalised variant is a page of its own."""
    from django.test import Client

    settings.PAGE_CACHE_VARIANT = f"{__name__}.first_four"
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


# --- Shared between processes, and outages -------------------------------------------------------


@pytest.fixture
def redis_caches(monkeypatch):
    """Two separate cache clients on one real Redis, like two gunicorn processes."""
    params = {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "TIMEOUT": 600}
    first, second = ResilientRedisCache(REDIS_URL, params), ResilientRedisCache(REDIS_URL, params)
    yield first, second
    client = first.client.get_client(write=True)
    keys = list(client.scan_iter(f"{params['KEY_PREFIX']}:*"))
    if keys:
        client.delete(*keys)


def act_as(monkeypatch, process_cache):
    monkeypatch.setattr(policy, "cache", process_cache)


def test_an_edit_through_one_process_shows_through_the_other_at_once(client, article, redis_caches, monkeypatch):
    from django.test import Client

    first, second = redis_caches
    url = article.get_absolute_url()
    act_as(monkeypatch, first)
    client.get(url)
    assert client.get(url)[MARKER] == "hit"

    act_as(monkeypatch, second)  # the other process renders the edited page and stores it
    article.title = "Edited elsewhere"
    article.save()
    rendered = Client().get(url)
    assert rendered[MARKER] == "miss" and b"Edited elsewhere" in rendered.content

    act_as(monkeypatch, first)
    response, queries = get_counting(client, url)
    assert b"Edited elsewhere" in response.content
    assert response[MARKER] == "hit" and queries == 1  # the other process's page: no render here


def test_pages_are_served_from_the_database_while_redis_is_down(client, article, monkeypatch):
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2}})
    act_as(monkeypatch, down)
    for _ in range(2):
        response = client.get("/news/")
        assert response.status_code == 200
        assert b"new rocket" in response.content
        assert response[MARKER] == "miss"
    article.title = "Still editable"
    article.save()
    assert b"Still editable" in client.get("/news/").content


def test_an_edit_while_the_cache_is_unreachable_shows_once_it_is_back(client, article, monkeypatch):
    """Issue 24: the cache comes back with its data kept; its pages are from an older generation."""
    url = article.get_absolute_url()
    assert client.get(url)[MARKER] == "miss"
    assert client.get("/news/")[MARKER] == "miss"
    down = ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2}})
    act_as(monkeypatch, down)
    article.title = "Renamed while the cache was away"
    article.save()
    assert b"Renamed while" in client.get(url).content
    monkeypatch.undo()  # the same cache, with the old pages in it
    response = client.get(url)
    assert response[MARKER] == "miss" and b"Renamed while" in response.content


def database_down():
    raise OperationalError("connection refused")


def test_cached_pages_keep_serving_through_a_database_outage_even_right_after_an_edit(client, article, monkeypatch):
    url = article.get_absolute_url()
    client.get(url)
    client.get("/news/")
    article.title = "Edited just before the outage"
    article.save()
    monkeypatch.setattr(generation, "current", database_down)
    for page in (url, "/news/"):
        response = client.get(page)
        assert response.status_code == 200
        assert response[MARKER] == "stale"
        assert b"new rocket" in response.content  # the last page there is: nothing newer can be rendered
    monkeypatch.undo()
    assert b"Edited just before the outage" in client.get(url).content


def test_search_results_are_kept_for_the_shorter_life_their_view_says(client, article):
    first = client.get("/search/", {"q": "rocket"})
    assert "s-maxage=120" in first["Cache-Control"]
    assert client.get("/search/", {"q": "rocket"})[MARKER] == "hit"
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=121)):
        assert client.get("/search/", {"q": "rocket"})[MARKER] == "miss"
        assert client.get("/news/")[MARKER] == "miss"
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=121)):
        assert client.get("/news/")[MARKER] == "hit"  # other pages keep PAGE_CACHE_SECONDS
