"""The timeline: ordering across date precisions, divergences, filters, bad input, query counts."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.universe.helpers import make_event
from universe.models import Precision, Relation, TimelineEvent

pytestmark = pytest.mark.django_db


def row_titles(html: str) -> list[str]:
    return re.findall(r'<a class="timeline__title" href="[^"]*">([^<]*)</a>', html)


def test_ordering_across_precisions():
    make_event(datetime.date(1969, 7, 20), Precision.DAY, title="Moon landing")
    make_event(datetime.date(1966, 5, 17), Precision.YEAR, title="A year in the sixties")
    make_event(datetime.date(1969, 7, 3), Precision.MONTH, title="July 1969")
    make_event(datetime.date(1965, 6, 1), Precision.DECADE, title="The sixties")
    make_event(datetime.date(1969, 1, 1), Precision.DAY, title="New Year 1969")
    make_event(datetime.date(1969, 12, 31), Precision.YEAR, title="All of 1969")

    titles = [event.title for event in TimelineEvent.objects.all()]

    assert titles == [
        "The sixties",  # 1960s: stored as 1960-01-01, before everything in the decade
        "A year in the sixties",
        "All of 1969",  # a whole year before its first day
        "New Year 1969",
        "July 1969",
        "Moon landing",
    ]


def test_dates_are_stored_as_the_start_of_their_period_and_labelled_by_precision():
    decade = make_event(datetime.date(1967, 8, 9), Precision.DECADE)
    month = make_event(datetime.date(1969, 7, 20), Precision.MONTH)
    day = make_event(datetime.date(1969, 7, 20), Precision.DAY)
    assert decade.date == datetime.date(1960, 1, 1) and decade.date_label == "1960s"
    assert month.date == datetime.date(1969, 7, 1) and month.date_label == "July 1969"
    assert day.date_label == "20 July 1969"


def test_page_shows_both_histories_in_order_and_marks_divergences(client):
    make_event(
        datetime.date(1969, 7, 20),
        title="First steps on the Moon",
        relation=Relation.DIVERGED,
        real_history="Armstrong steps out first.",
        show_history="Leonov steps out first.",
    )
    make_event(datetime.date(1960, 1, 1), Precision.DECADE, title="The closed town", relation=Relation.SAME)
    make_event(
        datetime.date(1970, 1, 1), Precision.DECADE, title="Season one", relation=Relation.SHOW_ONLY, real_history=""
    )

    response = client.get("/timeline/")

    assert response.status_code == 200
    html = response.content.decode()
    assert row_titles(html) == ["The closed town", "First steps on the Moon", "Season one"]
    assert "Our history" in html and "The show's history" in html
    moon_row = html.split("timeline__event--diverged")[1].split("</tr>")[0]
    assert "Armstrong steps out first." in moon_row and "Leonov steps out first." in moon_row
    assert "The show diverges" in moon_row
    town_row = html.split("timeline__event--same")[1].split("</tr>")[0]
    assert "timeline-badge" not in town_row
    assert "timeline__event--show_only" in html and "Not part of real history." in html


def test_filter_by_show_and_decade(client):
    star_city = factories.make_show(title="Star City", slug="star-city")
    parent = factories.make_show(title="For All Mankind", slug="for-all-mankind")
    make_event(datetime.date(1969, 7, 20), title="Moon", shows=[star_city, parent])
    make_event(datetime.date(1975, 1, 1), Precision.YEAR, title="Seventies in Star City", shows=[star_city])
    make_event(datetime.date(1983, 1, 1), Precision.YEAR, title="Eighties in FAM", shows=[parent])

    assert row_titles(client.get("/timeline/", {"show": "star-city"}).content.decode()) == [
        "Moon",
        "Seventies in Star City",
    ]
    assert row_titles(client.get("/timeline/", {"decade": "1980"}).content.decode()) == ["Eighties in FAM"]
    assert row_titles(client.get("/timeline/", {"decade": "1960s", "show": "for-all-mankind"}).content.decode()) == [
        "Moon"
    ]
    html = client.get("/timeline/", {"decade": "1970", "show": "for-all-mankind"}).content.decode()
    assert row_titles(html) == [] and "No events match these filters" in html
    # The form offers the decades that have events, and keeps the choice.
    html = client.get("/timeline/", {"decade": "1970"}).content.decode()
    assert '<option value="1970" selected>1970s</option>' in html
    assert '<option value="1960">1960s</option>' in html and '<option value="1980">1980s</option>' in html


@pytest.mark.parametrize(
    "params",
    [
        {"decade": "abc"},
        {"decade": "1965"},
        {"decade": "99999"},
        {"decade": "-1960"},
        {"decade": "١٩٦٠"},  # Arabic-Indic digits: isdigit() but not a decade we offer
        {"show": "no-such-show"},
        {"show": "<script>"},
        {"decade": "1960\x00"},
    ],
)
def test_bad_filter_values_are_ignored(client, params):
    make_event(datetime.date(1969, 7, 20), title="Moon")
    make_event(datetime.date(1983, 1, 1), title="Eighties")
    response = client.get("/timeline/", params)
    assert response.status_code == 200
    assert row_titles(response.content.decode()) == ["Moon", "Eighties"]


@pytest.mark.parametrize("page", ["abc", "99999", "0"])
def test_bad_page_numbers_are_not_found(client, page):
    make_event()
    assert client.get("/timeline/", {"page": page}).status_code == 404


def test_filtered_views_name_the_whole_timeline_canonical(client, settings):
    html = client.get("/timeline/", {"decade": "1960", "show": "x"}).content.decode()
    assert f'<link rel="canonical" href="{settings.SITE_URL}/timeline/">' in html


def test_event_page(client):
    figure = factories.make_historical_figure(name="Neil Armstrong")
    character = factories.make_character(name="The Chief Designer")
    event = make_event(
        title="First steps on the Moon", relation=Relation.DIVERGED, real_history="Armstrong.", show_history="Leonov."
    )
    event.figures.add(figure)
    event.characters.add(character)
    draft = factories.make_article(title="Secret draft", status="draft")
    published = factories.make_article(title="Moon story")
    event.articles.add(draft, published)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "<h1>First steps on the Moon</h1>" in html
    assert "Armstrong." in html and "Leonov." in html
    assert f'href="{figure.get_absolute_url()}"' in html
    assert f'href="{character.get_absolute_url()}"' in html
    assert "Moon story" in html and "Secret draft" not in html  # the visibility rule
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    event_data = next(block for block in blocks if block.get("@type") == "Event")
    assert event_data["startDate"] == "1969-07-20"
    assert event_data["about"][0] == {**event_data["about"][0], "@type": "Person", "name": "Neil Armstrong"}
    assert client.get("/timeline/no-such-event/").status_code == 404


def _build_events(count: int, start: int = 0, shows=None) -> None:
    shows = shows or [factories.make_show(), factories.make_show()]
    events = TimelineEvent.objects.bulk_create(
        TimelineEvent(
            date=datetime.date(1960 + (n * 7) % 40, 1 + n % 12, 1),
            precision=Precision.MONTH,
            title=f"Event {n}",
            slug=f"bulk-{n}",
            relation=list(Relation)[n % 4],
            real_history="Real.",
            show_history="Show.",
        )
        for n in range(start, start + count)
    )
    events = TimelineEvent.objects.filter(slug__in=[event.slug for event in events])
    through = TimelineEvent.shows.through
    through.objects.bulk_create(
        [through(timelineevent_id=event.pk, show_id=shows[i % 2].pk) for i, event in enumerate(events)]
    )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/timeline/", "/timeline/?decade=1960", "/timeline/?show=show-x"])
def test_timeline_query_count_is_fixed(client, settings, url):
    settings.PAGE_CACHE_SECONDS = 0  # measure the view, not the page cache
    shows = [factories.make_show(slug="show-x"), factories.make_show()]
    _build_events(10, shows=shows)
    few = _queries(client, url)
    _build_events(290, start=10, shows=shows)
    many = _queries(client, url)
    assert few == many, (few, many)
    assert many <= 8
    assert "timeline__event" in client.get(url).content.decode()


def test_event_page_query_count_is_fixed(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    event = make_event(title="Busy event")

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(event.get_absolute_url()).status_code == 200
        return len(context.captured_queries)

    count()
    few = count()
    show = factories.make_show()
    for n in range(15):
        event.episodes.add(factories.make_episode(factories.make_season(show, number=n + 1)))
        event.characters.add(factories.make_character())
        event.people.add(factories.make_person())
        event.figures.add(factories.make_historical_figure())
        event.shows.add(factories.make_show())
        event.articles.add(factories.make_article())
    assert count() == few
    assert few <= 9  # the reader's progress reads the episode index: one query per request
