"""The admin's front page (news.dashboard): the logged-in person's drafts, what waits for review
(editors only), scheduled next in the site's time zone, recently published, content that needs
attention; the admin's app list still below; a fixed number of queries however much content."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from library.models import Image as LibraryImage
from news.models import Article, ReviewStep
from people.models import Person
from shows.models import Show
from starcity_site.publishing import Status
from tests import factories

pytestmark = pytest.mark.django_db
# The admin's own (session, user, permissions, recent actions) plus one per dashboard list.
BUDGET = 14
# A stored picture's path with its size, so no test needs the file itself.
PICTURE = {"image_width": 800, "image_height": 600}


def stored_picture(name: str, alt: str = "") -> LibraryImage:
    return LibraryImage.objects.create(title=name, image=name, image_alt=alt, **PICTURE)


def section(page: str, key: str) -> str:
    match = re.search(rf'<div class="module" id="dashboard-{key}">(.*?)</div>', page, re.S)
    assert match, f"no {key} section"
    return match.group(1)


def grow(user, count: int) -> None:
    """``count`` more of everything each list shows (bulk: no per-row saves)."""
    now = timezone.now()
    start = Article.objects.count()
    unaired = factories.make_episode(airs_at=None)
    kinds = {
        "draft": {"status": Status.DRAFT, "author": user},
        "waiting": {"status": Status.DRAFT, "submitted_at": now},
        "scheduled": {"status": Status.PUBLISHED, "published_at": now + datetime.timedelta(days=3)},
        "published": {"status": Status.PUBLISHED, "published_at": now - datetime.timedelta(days=3)},
        "no-alt": {"status": Status.PUBLISHED, "published_at": now, "image": stored_picture(f"articles/{start}.jpg")},
        "anchored": {"status": Status.DRAFT, "anchor_episode": unaired},
    }
    articles = Article.objects.bulk_create(
        Article(title=f"{kind} {start + n}", slug=f"{kind}-{start + n}", **fields)
        for kind, fields in kinds.items()
        for n in range(count)
    )
    ReviewStep.objects.bulk_create(
        ReviewStep(article=a, kind=ReviewStep.Kind.SENT_BACK, user=user, note="More, please.")
        for a in articles
        if a.title.startswith("draft")
    )
    people = Person.objects.count()
    Person.objects.bulk_create(
        Person(name=f"Person {people + n}", slug=f"p-{people + n}", image=stored_picture(f"people/{people + n}.jpg"))
        for n in range(count)
    )
    shows = Show.objects.count()
    Show.objects.bulk_create(
        Show(title=f"Show {shows + n}", slug=f"s-{shows + n}", image=stored_picture(f"shows/{shows + n}.jpg"))
        for n in range(count)
    )


def index_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_costs_the_same_queries_with_little_and_much_data(editor_client, editor):
    grow(editor, 1)
    index_queries(editor_client)  # the first request fills the session and permission caches
    little, page = index_queries(editor_client)
    assert "draft " in section(page, "drafts")
    grow(editor, 40)
    much, page = index_queries(editor_client)
    assert much == little <= BUDGET, (little, much)
    assert section(page, "scheduled").count("<tr>") == 8  # cut to a few rows, linked to the rest


def test_sections_list_the_right_articles(editor_client, editor):
    author = factories.make_author()
    mine = factories.make_article(title="My sent-back draft", status=Status.DRAFT, published_at=None, author=editor)
    ReviewStep.objects.create(article=mine, kind=ReviewStep.Kind.SENT_BACK, user=editor, note="Add the source.")
    others = factories.make_article(title="Someone else's draft", status=Status.DRAFT, author=author)
    waiting = factories.make_article(title="Please review", status=Status.DRAFT, author=author)
    Article.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now())
    factories.make_article(title="Coming soon", published_at=timezone.now() + datetime.timedelta(days=1))
    live = factories.make_article(title="Out now")
    no_alt = factories.make_article(title="Picture without words")
    Article.objects.filter(pk=no_alt.pk).update(image=stored_picture("articles/x.jpg", alt="  "))
    factories.make_person(name="Faceless Person", image=stored_picture("people/x.jpg"))
    factories.make_person(name="Described Person", image=stored_picture("people/y.jpg", alt="A smile"))
    episode = factories.make_episode(title="Undated", airs_at=None)
    factories.make_article(title="Anchored story", status=Status.DRAFT, published_at=None, anchor_episode=episode)

    page = editor_client.get(reverse("admin:index")).content.decode()
    drafts = section(page, "drafts")
    assert "My sent-back draft" in drafts and "Sent back: Add the source." in drafts
    assert others.title.replace("'", "&#x27;") not in drafts
    assert "Please review" in section(page, "review") and "My sent-back draft" not in section(page, "review")
    assert "Coming soon" in section(page, "scheduled") and "Out now" not in section(page, "scheduled")
    assert "Out now" in section(page, "published") and "Coming soon" not in section(page, "published")
    attention = section(page, "attention")
    assert "Picture without words" in attention and "Faceless Person" in attention
    assert "Described Person" not in attention and "Out now" not in attention
    assert "Anchored story" in attention and "which has no air date" in attention
    assert reverse("admin:news_article_change", args=[live.pk]) in section(page, "published")
    # The admin's own list of models is still there, below.
    assert 'id="content-main"' in page and reverse("admin:news_article_changelist") in page


def test_an_author_sees_their_drafts_but_no_review_queue(editor):
    author = factories.make_author()
    factories.make_article(title="Author's own", status=Status.DRAFT, author=author)
    factories.make_article(title="Editor's own", status=Status.DRAFT, author=editor)
    client = Client()
    client.force_login(author)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Author&#x27;s own" in section(page, "drafts") and "Editor&#x27;s own" not in page
    assert 'id="dashboard-review"' not in page


def test_scheduled_times_are_in_the_site_time_zone(editor_client, settings):
    settings.TIME_ZONE = "America/New_York"
    when = datetime.datetime(2031, 1, 15, 17, 30, tzinfo=datetime.UTC)
    factories.make_article(title="Winter story", published_at=when)
    scheduled = section(editor_client.get(reverse("admin:index")).content.decode(), "scheduled")
    assert "Wed 15 Jan 2031, 12:30" in scheduled
    assert 'datetime="2031-01-15T12:30:00-05:00"' in scheduled
