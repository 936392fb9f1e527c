"""Fixtures for the public news pages: a small newsroom with drafts and scheduled stories."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from news.models import Article
from people.models import BillingLevel
from starcity_site.publishing import Status
from tests import factories


@dataclass
class Newsroom:
    show: object
    tag: object
    category: object
    published: list
    draft: Article
    scheduled: Article
    hidden_tag: object


@pytest.fixture
def newsroom(db) -> Newsroom:
    """Three published stories sharing a tag and the show, one draft and one scheduled story.

    The draft and the scheduled story share the tag, category and show too, so any list, link or
    related box that forgot the published rule would show them.
    """
    show = factories.make_show(title="Star City", slug="star-city", status="announced")
    factories.make_credit(
        person=factories.make_person(name="Rhys Ifans", slug="rhys-ifans"), show=show, billing=BillingLevel.MAIN
    )
    tag = factories.make_tag(name="Casting", slug="casting")
    hidden_tag = factories.make_tag(name="Secret crossover", slug="secret-crossover")
    category = factories.make_category(name="Announcements", slug="announcements")
    now = timezone.now()
    published = []
    for n, title in enumerate(["Newest story", "Middle story", "Oldest story"]):
        article = factories.make_article(
            title=title,
            slug=title.lower().replace(" ", "-"),
            published_at=now - datetime.timedelta(days=n + 1),
            category=category,
            tags=[tag],
            source_name="Decider",
            source_url="https://decider.com/star-city",
        )
        article.shows.set([show])
        published.append(article)
    draft = factories.make_article(
        title="DRAFT-LEAK", slug="draft-leak", status=Status.DRAFT, category=category, tags=[tag, hidden_tag]
    )
    scheduled = factories.make_article(
        title="SCHEDULED-LEAK",
        slug="scheduled-leak",
        published_at=now + datetime.timedelta(days=2),
        category=category,
        tags=[tag, hidden_tag],
    )
    # A draft dated between two published stories must not become anyone's neighbour.
    Article.objects.filter(pk=draft.pk).update(published_at=now - datetime.timedelta(days=1, hours=12))
    for hidden in (draft, scheduled):
        hidden.shows.set([show])
    return Newsroom(show, tag, category, published, draft, scheduled, hidden_tag)


def add_articles(count: int, tag, show) -> None:
    """Many published stories at once (bulk, so 200 of them take a moment, not a minute)."""
    now = timezone.now()
    start = Article.objects.count()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bulk story {start + n}",
            slug=f"bulk-story-{start + n}",
            standfirst="More news.",
            body="<p>Body.</p>",
            status=Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=10, minutes=start + n),
        )
        for n in range(count)
    )
    Article.tags.through.objects.bulk_create(Article.tags.through(article_id=a.pk, tag_id=tag.pk) for a in articles)
    Article.shows.through.objects.bulk_create(Article.shows.through(article_id=a.pk, show_id=show.pk) for a in articles)
