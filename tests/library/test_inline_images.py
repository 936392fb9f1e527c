"""Inline library images in rich text: the stored form, rendering, one query, spoilers, feeds."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client
from django.utils import timezone

from library.inline import inline_image_ids, render_inline_images
from library.models import Image, InlineImageUse
from news.models import Article
from shows.models import Season
from starcity_site.richtext import sanitize_html
from tests import factories
from tests.library.conftest import figure, make_image

RICH_TEXT = Template("{% load library %}{% rich_text body %}")


def rich_text(body: str, **context) -> str:
    return RICH_TEXT.render(Context({"body": body, **context}))


# --- the stored form ------------------------------------------------------------------------


def test_the_stored_form_survives_sanitising_and_nothing_from_elsewhere_does():
    stored = '<figure data-image="12"></figure>'
    assert sanitize_html(stored) == stored
    dirty = (
        '<figure data-image="7" class="x" style="color:red" onclick="alert(1)">'
        '<img src="https://evil.example/x.png" srcset="https://evil.example/y.png 2x"></figure>'
    )
    assert sanitize_html(dirty) == '<figure data-image="7"></figure>'
    assert "evil" not in sanitize_html('<p><img src="https://evil.example/x.png">text</p>')


def test_ids_are_read_in_order_once_each_and_only_from_the_stored_form():
    html = (
        '<figure data-image="3"></figure><p>x</p><figure data-image="1"></figure>'
        '<figure data-image="3"></figure><figure data-image="abc"></figure><figure><p>old</p></figure>'
    )
    assert inline_image_ids(html) == [3, 1]
    assert inline_image_ids("") == []
    assert inline_image_ids(None) == []


# --- rendering ----------------------------------------------------------------------------


def test_an_inline_figure_becomes_a_responsive_picture_with_its_caption_and_credit(image):
    html = rich_text(figure(image))
    assert "data-image" not in html
    assert html.startswith('<p>Before.</p><figure class="inline-image"><picture')
    img = re.search(r"<img [^>]*>", html).group(0)
    for needle in ('srcset="', 'sizes="', 'width="1280"', 'height="720"', 'loading="lazy"', 'decoding="async"'):
        assert needle in img
    assert 'alt="Rows of consoles in a control room"' in img
    assert "/media/renditions/" in img
    assert '<figcaption>The mission control set. <span class="credit">Apple TV+</span></figcaption>' in html
    assert html.endswith(f"<p>After {image.pk}.</p>")


def test_caption_and_credit_are_escaped(db):
    image = make_image(caption="<script>alert(1)</script>", image_credit="A & B")
    html = rich_text(figure(image))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "A &amp; B" in html


def test_a_picture_without_caption_or_credit_has_no_figcaption(db):
    image = make_image(caption="", image_credit="")
    assert "figcaption" not in rich_text(figure(image))


@pytest.mark.parametrize("count", [1, 6])
def test_one_query_for_all_inline_images_however_many(db, django_assert_num_queries, count):
    images = [make_image(title=f"Picture {n}") for n in range(count)]
    body = figure(*images)
    with django_assert_num_queries(1):
        html = rich_text(body)
    assert html.count("<picture") == count


def test_a_body_without_inline_images_asks_nothing_and_is_unchanged(db, django_assert_num_queries):
    body = '<p>Plain <a href="https://example.com" rel="noopener noreferrer">text</a>.</p><figure><p>x</p></figure>'
    with django_assert_num_queries(0):
        assert rich_text(body) == body


def test_a_deleted_or_unknown_image_renders_nothing(image):
    gone = make_image(title="Gone")
    gone_pk = gone.pk
    gone.delete()
    html = rich_text(figure(gone_pk, 999999, image))
    assert html.count("<picture") == 1
    assert "data-image" not in html
    assert f"<p>After {gone_pk}.</p><p>After 999999.</p><figure" in html


def test_an_article_whose_inline_image_never_existed_still_renders(client, db):
    article = factories.make_article(body=figure(424242))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "<p>After 424242.</p>" in response.content.decode()


def test_the_article_page_shows_the_inline_picture(client, image):
    article = factories.make_article(body=figure(image))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<figure class="inline-image"><picture' in html
    assert "The mission control set." in html


# --- spoilers -----------------------------------------------------------------------------


@pytest.fixture
def spoiler_image(db):
    now = timezone.now()
    show = factories.make_show(title="Star City", slug="star-city")
    season = factories.make_season(show, number=1)
    factories.make_episode(season, number=1, title="Pilot", airs_at=now - datetime.timedelta(days=40))
    second = factories.make_episode(season, number=2, title="Launch", airs_at=now - datetime.timedelta(days=2))
    return make_image(title="The launch", caption="The rocket lifts off.", spoils_episode=second)


def reader(progress: str | None) -> Client:
    client = Client()
    if progress:
        client.cookies["progress"] = progress
    return client


def test_a_reader_behind_gets_a_note_instead_of_a_spoiling_picture(spoiler_image):
    article = factories.make_article(body=figure(spoiler_image))
    behind = reader("star-city:s1e1").get(article.get_absolute_url()).content.decode()
    assert "The rocket lifts off." not in behind
    assert spoiler_image.image.name.rsplit("/", 1)[-1].split(".")[0] not in behind  # no rendition URL
    assert "A picture is hidden here" in behind
    assert "it shows <i>Star City</i> S1E2, which you have not marked as seen" in behind

    caught_up = reader("star-city:s1e2").get(article.get_absolute_url()).content.decode()
    assert "The rocket lifts off." in caught_up
    assert "A picture is hidden here" not in caught_up
    assert '<figure class="inline-image"><picture' in caught_up


def test_reveal_shows_a_spoiling_picture_and_no_progress_hides_it(spoiler_image):
    body = figure(spoiler_image)
    assert "A picture is hidden here" in rich_text(body)  # a page without progress: safe
    article = factories.make_article(body=body)
    revealed = reader("star-city:s1e1").get(article.get_absolute_url() + "?reveal=1").content.decode()
    assert "The rocket lifts off." in revealed


# --- feeds --------------------------------------------------------------------------------


def test_feeds_carry_inline_pictures_as_plain_absolute_images(client, image, settings, django_assert_max_num_queries):
    first = factories.make_article(body=figure(image))
    factories.make_article(body=figure(make_image(title="Second"), 777777))
    for name in ("/news/feed/rss/", "/news/feed/atom/"):
        response = client.get(name)
        assert response.status_code == 200
        xml = response.content.decode()
        assert "data-image" not in xml
        assert f"{settings.SITE_URL}/media/renditions/" in xml
        assert "&lt;picture" not in xml and "srcset" not in xml
        assert "&lt;figcaption&gt;The mission control set." in xml
    assert first.title in xml


def test_a_spoiling_inline_picture_is_left_out_of_feeds(client, spoiler_image):
    factories.make_article(body=figure(spoiler_image))
    xml = client.get("/news/feed/rss/").content.decode()
    assert "The rocket lifts off." not in xml
    assert "renditions/" not in xml
    assert "The rocket lifts off." in client.get("/news/feed/rss/?progress=all").content.decode()


def test_feed_queries_do_not_grow_with_inline_images(client, db, django_assert_max_num_queries):
    factories.make_article(body=figure(make_image(title="One")))
    with django_assert_max_num_queries(20) as few:
        client.get("/news/feed/rss/")
    for n in range(4):
        factories.make_article(body=figure(*(make_image(title=f"Many {n}.{m}") for m in range(3))))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/news/feed/rss/")
    assert response.content.decode().count("renditions/") >= 13


# --- the demo's bodies --------------------------------------------------------------------


def test_every_demo_body_renders_exactly_as_before(db):
    call_command("load_demo", stdout=io.StringIO())
    before = Template("{{ body|safe }}")
    with_images = 0
    for article in Article.objects.all():
        if inline_image_ids(article.body):
            with_images += 1
            continue
        assert rich_text(article.body) == before.render(Context({"body": article.body})), article.slug
    assert with_images == 1  # the demo's one story with library pictures


def test_the_demo_story_shows_two_library_pictures(client, db):
    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.get(slug="a-first-look-inside-star-city")
    assert InlineImageUse.objects.of(article).count() == 2
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('<figure class="inline-image"><picture') == 2
    assert "The mission control set, built from period photographs." in html


def test_render_inline_images_is_usable_without_a_template(image):
    assert "<picture" in render_inline_images(figure(image), None)


def test_an_image_row_without_a_usable_picture_renders_nothing_in_pages_or_feeds(client, image):
    Image.objects.filter(pk=image.pk).update(image="", image_width=None, image_height=None)
    assert "<figure" not in rich_text(figure(image))
    factories.make_article(body=figure(image))
    xml = client.get("/news/feed/rss/").content.decode()
    assert "&lt;figure" not in xml and "&lt;img" not in xml


# --- pages listing many rich texts ----------------------------------------------------------


def page_queries(url: str) -> tuple[int, str]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len([q for q in queries if "contentgeneration" not in q["sql"]]), response.content.decode()


def test_pages_listing_rich_texts_read_their_inline_pictures_in_one_query(db):
    from tests.universe.helpers import make_event, make_place, make_term

    show = factories.make_show(slug="star-city", title="Star City")
    urls = ("/timeline/", "/glossary/", "/shows/star-city/")

    def add_texts(count: int) -> None:
        for _ in range(count):
            make_event(real_history=figure(make_image()), show_history=figure(make_image()))
            make_place(description=figure(make_image()))
            make_term(definition=figure(make_image()))
            factories.make_season(
                show=show, number=Season.objects.filter(show=show).count() + 1, synopsis=figure(make_image())
            )

    add_texts(1)
    few = {url: page_queries(url)[0] for url in urls}
    add_texts(4)
    many = {url: page_queries(url) for url in urls}
    assert {url: count for url, (count, _html) in many.items()} == few
    # Every picture is on its page all the same.
    assert many["/timeline/"][1].count('class="inline-image"') == 10
    assert many["/glossary/"][1].count('class="inline-image"') == 10
    assert many["/shows/star-city/"][1].count('class="inline-image"') == 5
