"""A small universe of episodes at known distances from now, and clients at several progress points.

Star City season 1: E1–E4 aired weeks ago, E5 aired two days ago (inside the default's one-week
grace), E6 has not aired. For All Mankind season 4: E1 aired long ago, E2 yesterday.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories

DAY = datetime.timedelta(days=1)


@pytest.fixture
def universe(db):
    now = timezone.now()
    star_city = factories.make_show(title="Star City", slug="star-city")
    fam = factories.make_show(title="For All Mankind", slug="for-all-mankind")
    s1 = factories.make_season(star_city, number=1)
    s4 = factories.make_season(fam, number=4)
    airs = [now - 40 * DAY, now - 33 * DAY, now - 26 * DAY, now - 19 * DAY, now - 2 * DAY, now + 5 * DAY]
    episodes = [
        factories.make_episode(s1, number=n, title=f"Star City episode {n}", airs_at=at)
        for n, at in enumerate(airs, start=1)
    ]
    fam1 = factories.make_episode(s4, number=1, title="Glasnost", airs_at=now - 300 * DAY)
    fam2 = factories.make_episode(s4, number=2, title="Sojourner", airs_at=now - DAY)
    return SimpleNamespace(
        star_city=star_city, fam=fam, s1=s1, s4=s4, ep=dict(enumerate(episodes, start=1)), fam1=fam1, fam2=fam2, now=now
    )


def client_at(progress: str | None) -> Client:
    client = Client()
    if progress is not None:
        client.cookies["progress"] = progress
    return client


@pytest.fixture
def clients(universe):
    """Readers at the four progress points the issue names."""
    return {
        "default": client_at(None),
        "none": client_at("none"),
        "s1e4": client_at("star-city:s1e4"),
        "all": client_at("all"),
    }
