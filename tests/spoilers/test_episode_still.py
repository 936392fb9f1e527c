"""An episode's still, chosen from the library, on the episode's page: shown with its caption and
credit, and hidden from a reader behind when the library marks it as spoiling an episode."""

from __future__ import annotations

from tests import factories
from tests.spoilers.conftest import client_at


def stem(image) -> str:
    return image.image.name.rsplit("/", 1)[-1].split(".")[0]  # renditions are named after it


def test_the_episode_page_shows_its_still_with_caption_and_credit(universe):
    episode = universe.ep[2]
    episode.still = factories.make_image(
        image_alt="Sasha in the centrifuge", caption="Training day", image_credit="Apple TV+"
    )
    episode.save()
    html = client_at("star-city:s1e4").get(episode.get_absolute_url()).content.decode()
    assert stem(episode.still) in html and 'alt="Sasha in the centrifuge"' in html
    assert "Training day" in html and "Apple TV+" in html


def test_a_spoiling_still_waits_until_the_reader_has_seen_the_episode(universe):
    episode = universe.ep[5]
    episode.still = factories.make_image(image_alt="The gantry on fire", spoils_episode=episode)
    episode.save()
    behind = client_at("star-city:s1e4").get(episode.get_absolute_url()).content.decode()
    assert stem(episode.still) not in behind and "The gantry on fire" not in behind
    seen = client_at("star-city:s1e5").get(episode.get_absolute_url()).content.decode()
    assert stem(episode.still) in seen


def test_an_episode_without_a_still_renders_without_one(universe):
    html = client_at(None).get(universe.ep[1].get_absolute_url()).content.decode()
    assert "episode__still" not in html
