"""Timeline events spoil through their title too (issue 24): a reader who is behind gets the
editor's spoiler-free title, or a generic one, wherever the event is named; and whatever changes
an episode (a restore's raw save included) decides what the next request masks."""

from __future__ import annotations

import datetime

import pytest
import reversion
from reversion.models import Version

from shows.models import Episode
from tests import factories
from tests.spoilers.conftest import client_at
from tests.universe.helpers import make_event

TITLE = "Valya dies in the launch fire"
STORY = "The fire takes Valya."


@pytest.fixture
def fire(universe, settings):
    settings.PAGE_CACHE_SECONDS = 0
    figure = factories.make_historical_figure(name="Valentina Tereshkova")
    event = make_event(
        date=datetime.date(1971, 4, 19),
        title=TITLE,
        slug="launch-fire",
        show_history=STORY,
        spoils_episode=universe.ep[5],
        safe_title="A day at the launch pad",
    )
    event.figures.add(figure)
    return event


def body(html: str) -> str:
    return html.split("</head>")[1]


@pytest.mark.parametrize(
    ("progress", "masked"), [(None, True), ("none", True), ("star-city:s1e4", True), ("all", False)]
)
def test_the_title_is_masked_on_every_page_naming_the_event(fire, progress, masked):
    reader = client_at(progress)
    for url in ("/timeline/", fire.get_absolute_url(), fire.figures.get().get_absolute_url()):
        html = reader.get(url).content.decode()
        assert (TITLE in body(html)) is not masked, url
        if masked:
            assert "A day at the launch pad" in body(html), url


def test_shared_surfaces_carry_only_the_spoiler_free_title(fire):
    head = client_at("all").get(fire.get_absolute_url()).content.decode().split("</head>")[0]
    assert TITLE not in head  # <title>, Open Graph, JSON-LD: links reach anyone
    assert "A day at the launch pad" in head
    assert '"name": "A day at the launch pad"' in head or '"name":"A day at the launch pad"' in head


def test_without_an_editors_title_a_generic_one_names_the_episode(fire):
    fire.safe_title = ""
    fire.save()
    html = client_at(None).get("/timeline/").content.decode()
    assert TITLE not in html
    assert "A moment from Star City S1E5" in html


def test_reveal_shows_the_title(fire):
    html = client_at(None).get("/timeline/?reveal=1").content.decode()
    assert TITLE in html and STORY in html


def test_an_episode_losing_its_air_date_in_a_restore_is_masked_on_the_next_request(universe, settings):
    """A reversion revert saves with raw=True (no signals): nothing cached may keep the old air date."""
    settings.PAGE_CACHE_SECONDS = 0
    episode = universe.ep[4]  # aired weeks ago: the default reader has seen it
    make_event(title=TITLE, slug="launch-fire", show_history=STORY, spoils_episode=episode)
    with reversion.create_revision():
        Episode.objects.filter(pk=episode.pk).update(airs_at=None)
        episode.refresh_from_db()
        episode.save()  # the version a restore goes back to: no air date yet
    episode.airs_at = universe.now - datetime.timedelta(days=19)
    episode.save()
    reader = client_at(None)
    assert TITLE in reader.get("/timeline/").content.decode()

    Version.objects.get_for_object(episode).get().revert()

    assert Episode.objects.get(pk=episode.pk).airs_at is None
    html = reader.get("/timeline/").content.decode()
    assert TITLE not in html and STORY not in html
    assert "A moment from Star City S1E4" in html


def test_a_raw_save_is_seen_by_the_next_request(universe, settings):
    settings.PAGE_CACHE_SECONDS = 0
    episode = universe.ep[4]
    make_event(title=TITLE, slug="launch-fire", show_history=STORY, spoils_episode=episode)
    reader = client_at(None)
    assert TITLE in reader.get("/timeline/").content.decode()
    episode.airs_at = universe.now + datetime.timedelta(days=30)
    episode.save_base(raw=True)
    assert TITLE not in reader.get("/timeline/").content.decode()
