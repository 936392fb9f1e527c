"""Episode-anchored publishing: publish time = air time + offset, and it follows the air date."""

from __future__ import annotations

import datetime

import time_machine

from news.models import Article
from tests import factories

HOUR = datetime.timedelta(hours=1)


def test_anchored_article_publishes_at_air_time_plus_offset_and_spoils_its_episode(universe):
    episode = universe.ep[6]  # airs in five days
    article = factories.make_article(anchor_episode=episode, anchor_offset=2 * HOUR, published_at=None)
    assert article.published_at == episode.airs_at + 2 * HOUR
    assert article.spoils_episode_id == episode.pk
    assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(episode.airs_at + 2 * HOUR + datetime.timedelta(seconds=1)):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_changing_the_air_date_moves_every_anchored_article(universe):
    episode = universe.ep[6]
    two_hours = factories.make_article(anchor_episode=episode, anchor_offset=2 * HOUR)
    at_once = factories.make_article(anchor_episode=episode)
    other = factories.make_article(published_at=universe.now - HOUR)
    new_air = episode.airs_at + datetime.timedelta(days=7)
    episode.airs_at = new_air
    episode.save()
    two_hours.refresh_from_db()
    at_once.refresh_from_db()
    assert two_hours.published_at == new_air + 2 * HOUR
    assert at_once.published_at == new_air
    other_before = other.published_at
    other.refresh_from_db()
    assert other.published_at == other_before


def test_moving_the_air_date_earlier_publishes_the_article(universe, client):
    episode = universe.ep[6]
    article = factories.make_article(anchor_episode=episode, title="Big twist", slug="big-twist")
    assert client.get(article.get_absolute_url()).status_code == 404
    episode.airs_at = universe.now - 3 * HOUR
    episode.save()
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_episode_without_an_air_time_keeps_its_anchored_article_hidden(universe):
    episode = factories.make_episode(universe.s1, number=7, airs_at=None)
    article = factories.make_article(anchor_episode=episode)
    assert article.published_at is None
    assert not Article.objects.published().filter(pk=article.pk).exists()
    episode.airs_at = universe.now - HOUR
    episode.save()
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_an_editor_may_name_another_spoiled_episode(universe):
    article = factories.make_article(anchor_episode=universe.ep[5], spoils_episode=universe.ep[6])
    assert article.spoils_episode_id == universe.ep[6].pk


def test_a_cached_list_shows_the_anchored_story_as_soon_as_its_new_time_comes(universe, client):
    from starcity_site.caching.policy import MARKER

    episode = universe.ep[6]  # airs in five days
    factories.make_article(anchor_episode=episode, anchor_offset=HOUR, safe_title="Episode six review", slug="six")
    assert "Episode six review" not in client.get("/news/").content.decode()
    assert client.get("/news/")[MARKER] == "hit"
    episode.airs_at = universe.now - 2 * HOUR  # brought forward: the story is due an hour ago
    episode.save()
    response = client.get("/news/")
    assert response[MARKER] == "miss"
    assert "Episode six review" in response.content.decode()
    # Pushed back again: gone at once, and back when its new time comes, with no cron job.
    episode.airs_at = universe.now + 3 * HOUR
    episode.save()
    assert "Episode six review" not in client.get("/news/").content.decode()
    assert client.get("/news/")[MARKER] == "hit"
    with time_machine.travel(universe.now + 4 * HOUR + datetime.timedelta(seconds=1)):
        assert "Episode six review" in client.get("/news/").content.decode()
