"""The one visibility rule: published status and a publish time that has come."""

import datetime

import pytest
from django.utils import timezone

from news.models import Article
from starcity_site.publishing import Status
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled():
    live = make_article()
    make_article(status=Status.DRAFT)
    make_article(published_at=timezone.now() + datetime.timedelta(hours=1))
    make_article(status=Status.PUBLISHED, published_at=None)
    assert list(Article.objects.published()) == [live]


def test_scheduled_article_becomes_visible_when_its_time_comes(time_machine):
    due = timezone.now() + datetime.timedelta(hours=2)
    article = make_article(published_at=due)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert article.is_scheduled and article.state_label == "Scheduled"
    time_machine.move_to(due + datetime.timedelta(seconds=1))
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_sets_time_when_missing_and_unpublish_returns_to_draft():
    article = make_article(status=Status.DRAFT, published_at=None)
    article.publish()
    assert article.status == Status.PUBLISHED and article.published_at is not None
    article.unpublish()
    assert article.status == Status.DRAFT
