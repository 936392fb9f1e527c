"""Every ``<time datetime>`` the site prints is valid HTML, whatever microseconds a time holds.

The HTML standard allows one to three fractional-second digits in a datetime attribute; Django's
``|date:"c"`` prints six when a stored time has microseconds (bulk actions used to write such
times). The e2e tier runs the same pages through the W3C validator (tests/e2e/test_html_valid.py).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone

from shows.models import Episode
from tests import factories

pytestmark = pytest.mark.django_db

ATTRIBUTE = re.compile(r'<time datetime="([^"]*)"')
# A valid date, month, year, or global date and time string, as the site prints them.
VALID = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?)?)?")
WITH_MICROSECONDS = datetime.datetime(2026, 10, 7, 21, 27, 53, 682000, tzinfo=datetime.UTC)


def attributes(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return ATTRIBUTE.findall(response.content.decode())


def test_pages_print_valid_datetime_attributes_for_microsecond_times(client):
    show = factories.make_show(title="Star City", slug="star-city", status="airing")
    episode = factories.make_episode(season=factories.make_season(show=show), airs_at=WITH_MICROSECONDS)
    character = factories.make_character(show=show)
    factories.make_credit(person=factories.make_person(), show=show, character=character).episodes.add(episode)
    article = factories.make_article(title="Moon landing", published_at=WITH_MICROSECONDS)
    from news.models import Article

    Article.objects.filter(pk=article.pk).update(updated_at=WITH_MICROSECONDS + datetime.timedelta(days=3))
    pages = ["/", "/news/", article.get_absolute_url(), episode.get_absolute_url(), episode.season.get_absolute_url()]
    pages += [character.get_absolute_url(), "/search/?q=moon"]
    found = [value for url in pages for value in attributes(client, url)]
    assert len([value for value in found if value.startswith("2026-10-07T")]) >= 4
    assert [value for value in found if not VALID.fullmatch(value)] == []


def test_the_filter_cuts_to_whole_seconds_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Moscow"
    with timezone.override("Europe/Moscow"):
        out = Template("{% load datetimes %}{{ when|iso_datetime }}|{{ day|iso_datetime }}").render(
            Context({"when": WITH_MICROSECONDS, "day": datetime.date(1969, 7, 20)})
        )
    assert out == "2026-10-08T00:27:53+03:00|1969-07-20"


def test_a_past_episode_says_aired_and_a_future_one_airs(client):
    season = factories.make_season()
    past = factories.make_episode(season=season, number=1, airs_at=timezone.now() - datetime.timedelta(days=1))
    future = factories.make_episode(season=season, number=2, airs_at=timezone.now() + datetime.timedelta(days=7))
    assert "Aired <time" in client.get(past.get_absolute_url()).content.decode()
    page = client.get(future.get_absolute_url()).content.decode()
    assert "Airs <time" in page and "Aired" not in page
    assert Episode.objects.count() == 2
