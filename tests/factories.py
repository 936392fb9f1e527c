"""Small factories: each makes one valid object with sensible defaults, overridable by keyword."""

from __future__ import annotations

import datetime
import itertools
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image

from library.models import Image as LibraryImage
from news.models import Article, Category, Tag
from people.models import Character, Credit, CreditKind, Person
from shows.models import Episode, Season, Show
from starcity_site.publishing import Status
from starcity_site.roles import AUTHORS, EDITORS, ensure_roles
from universe.models import HistoricalFigure

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def image_file(name="picture.png", size=(64, 48), fmt="PNG", color=(180, 40, 40)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def make_image(file=None, **kwargs) -> LibraryImage:
    """A library image, stored through the upload pipeline (renditions included)."""
    n = _n()
    kwargs.setdefault("title", f"Picture {n}")
    kwargs.setdefault("image_alt", f"Picture number {n}")
    return LibraryImage.objects.create(image=file or image_file(), **kwargs)


def make_user(**kwargs):
    n = _n()
    defaults = {"username": f"user{n}", "email": f"user{n}@example.com", "is_staff": True}
    defaults.update(kwargs)
    password = defaults.pop("password", "correct-horse-battery-staple")
    user = get_user_model()(**defaults)
    user.set_password(password)
    user.save()
    return user


def make_editor(**kwargs):
    editors, _ = ensure_roles()
    user = make_user(**kwargs)
    user.groups.add(editors)
    return user


def make_author(**kwargs):
    ensure_roles()
    from django.contrib.auth.models import Group

    user = make_user(**kwargs)
    user.groups.add(Group.objects.get(name=AUTHORS))
    return user


assert EDITORS and AUTHORS  # the role names are part of the factories' contract


def make_show(**kwargs) -> Show:
    n = _n()
    defaults = {"title": f"Show {n}", "slug": f"show-{n}", "synopsis": "A show.", "platform": "Apple TV+"}
    defaults.update(kwargs)
    return Show.objects.create(**defaults)


def make_season(show=None, **kwargs) -> Season:
    show = show or make_show()
    defaults = {"number": show.seasons.count() + 1, "era": "1970s", "episode_count": 10}
    defaults.update(kwargs)
    return Season.objects.create(show=show, **defaults)


def make_episode(season=None, **kwargs) -> Episode:
    season = season or make_season()
    defaults = {"number": season.episodes.count() + 1, "title": f"Episode {_n()}"}
    defaults.update(kwargs)
    return Episode.objects.create(season=season, **defaults)


def make_person(**kwargs) -> Person:
    n = _n()
    defaults = {"name": f"Person {n}", "slug": f"person-{n}", "short_bio": "An actor."}
    defaults.update(kwargs)
    return Person.objects.create(**defaults)


def make_character(show=None, **kwargs) -> Character:
    n = _n()
    defaults = {"name": f"Character {n}", "slug": f"character-{n}", "description": "A character."}
    defaults.update(kwargs)
    if isinstance(defaults.get("counterpart"), str):
        # A name is enough in tests: it becomes (or finds) the historical figure of that name.
        defaults["counterpart"] = make_historical_figure(name=defaults["counterpart"])
    return Character.objects.create(show=show or make_show(), **defaults)


def make_historical_figure(**kwargs) -> HistoricalFigure:
    name = kwargs.pop("name", f"Figure {_n()}")
    defaults = {"slug": slugify(name) or f"figure-{_n()}"}
    defaults.update(kwargs)
    return HistoricalFigure.objects.get_or_create(name=name, defaults=defaults)[0]


def make_credit(person=None, show=None, **kwargs) -> Credit:
    show = show or make_show()
    kind = kwargs.pop("kind", CreditKind.CAST)
    if kind == CreditKind.CAST and "character" not in kwargs:
        kwargs["character"] = make_character(show=show)
    return Credit.objects.create(person=person or make_person(), show=show, kind=kind, **kwargs)


def make_category(**kwargs) -> Category:
    n = _n()
    defaults = {"name": f"Category {n}", "slug": f"category-{n}"}
    defaults.update(kwargs)
    return Category.objects.create(**defaults)


def make_tag(**kwargs) -> Tag:
    n = _n()
    defaults = {"name": f"Tag {n}", "slug": f"tag-{n}"}
    defaults.update(kwargs)
    return Tag.objects.create(**defaults)


def make_article(**kwargs) -> Article:
    """A published article by default; pass status=Status.DRAFT or a future published_at."""
    n = _n()
    tags = kwargs.pop("tags", [])
    defaults = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "standfirst": "What happened.",
        "body": "<p>The story.</p>",
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=n),
    }
    defaults.update(kwargs)
    article = Article.objects.create(**defaults)
    if tags:
        article.tags.set(tags)
    return article
