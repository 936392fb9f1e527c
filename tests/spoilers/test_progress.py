"""Parsing and normalising progress, and what a reader at each point has seen."""

from __future__ import annotations

import pytest

from spoilers.episodes import load_index
from spoilers.progress import Progress, normalise


@pytest.mark.parametrize(
    ("raw", "token"),
    [
        (None, "d"),
        ("", "d"),
        ("none", "n"),
        ("NONE", "n"),
        ("all", "a"),
        (" all ", "a"),
        ("default", "d"),
        ("star-city:s1e4", "star-city:s1e4"),
        ("star-city:S01E04", "star-city:s1e4"),
        ("star-city:s1e4-with-junk", "d"),
        ("star-city:s0e4", "d"),
        ("star-city:s1e99999", "d"),
        ("<script>alert(1)</script>", "d"),
        ("x" * 10_000, "d"),
        ("star-city:s1e4" + "0" * 300, "d"),
        ("étoile:s1e4", "d"),
        ("星の街", "d"),
        ("star city:s1e4", "d"),
        ("../../etc:s1e1", "d"),
    ],
)
def test_normalise_maps_anything_to_a_short_token(raw, token):
    assert normalise(raw) == token


def seen(progress, universe):
    """The episodes a progress has seen, as short labels, in order."""
    eps = [(f"SC{n}", e) for n, e in universe.ep.items()] + [("FAM1", universe.fam1), ("FAM2", universe.fam2)]
    return [label for label, episode in eps if progress.has_seen(episode)]


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        # Default: aired more than a week ago. E5 (2 days) and FAM2 (yesterday) are too new.
        ("d", ["SC1", "SC2", "SC3", "SC4", "FAM1"]),
        ("n", []),
        # Up to S1E4 of Star City; For All Mankind falls back to the default.
        ("star-city:s1e4", ["SC1", "SC2", "SC3", "SC4", "FAM1"]),
        ("star-city:s1e5", ["SC1", "SC2", "SC3", "SC4", "SC5", "FAM1"]),
        ("star-city:s1e2", ["SC1", "SC2", "FAM1"]),
        ("for-all-mankind:s4e2", ["SC1", "SC2", "SC3", "SC4", "FAM1", "FAM2"]),
        # All caught up: everything aired, nothing unaired (E6).
        ("a", ["SC1", "SC2", "SC3", "SC4", "SC5", "FAM1", "FAM2"]),
        # An episode that does not exist: the default, exactly.
        ("star-city:s9e9", ["SC1", "SC2", "SC3", "SC4", "FAM1"]),
        ("no-such-show:s1e1", ["SC1", "SC2", "SC3", "SC4", "FAM1"]),
    ],
)
def test_has_seen_at_each_progress_point(universe, token, expected):
    assert seen(Progress.from_token(token), universe) == expected


def test_unknown_episode_falls_back_to_the_default_token(universe):
    assert Progress.from_token("star-city:s9e9").token == "d"
    assert Progress.from_token("star-city:s1e4").episode.title == "Star City episode 4"


def test_has_seen_takes_ids_instances_and_none(universe):
    progress = Progress.from_token("star-city:s1e4")
    assert progress.has_seen(None)
    assert progress.has_seen(universe.ep[4].pk)
    assert not progress.has_seen(universe.ep[5])
    assert not progress.has_seen(987654321)  # not an episode: unseen, never shown


def test_progress_reads_the_index_once_and_answers_without_queries(universe, django_assert_num_queries):
    with django_assert_num_queries(1):
        progress = Progress.from_token("star-city:s1e4")
    with django_assert_num_queries(0):
        assert [progress.has_seen(e.pk) for e in universe.ep.values()] == [True] * 4 + [False] * 2
        assert len(progress.unseen_ids()) == 3


def test_index_follows_episode_changes(universe):
    assert not Progress.from_token("d").has_seen(universe.ep[5])
    universe.ep[5].airs_at = universe.now - 10 * (universe.ep[2].airs_at - universe.ep[1].airs_at)
    universe.ep[5].save()
    assert Progress.from_token("d").has_seen(universe.ep[5].pk)
    universe.ep[6].delete()
    assert universe.ep[6].pk not in load_index().by_id


def test_labels(universe):
    assert Progress.from_token("d").label == "episodes aired over a week ago"
    assert Progress.from_token("n").label == "not started"
    assert Progress.from_token("a").label == "all caught up"
    assert Progress.from_token("star-city:s1e4").label == "up to Star City S1E4"
