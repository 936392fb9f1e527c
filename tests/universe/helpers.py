"""Small builders for the universe tests (the shared factories hold the other apps' objects)."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.contenttypes.models import ContentType

from universe.models import Alias, GlossaryTerm, Place, Precision, Relation, TimelineEvent

_seq = itertools.count(1)


def make_event(date=datetime.date(1969, 7, 20), precision=Precision.DAY, **kwargs) -> TimelineEvent:
    n = next(_seq)
    shows = kwargs.pop("shows", [])
    defaults = {
        "title": f"Event {n}",
        "slug": f"event-{n}",
        "relation": Relation.SAME,
        "real_history": f"Real side {n}.",
        "show_history": f"Show side {n}.",
    }
    defaults.update(kwargs)
    event = TimelineEvent.objects.create(date=date, precision=precision, **defaults)
    if shows:
        event.shows.set(shows)
    return event


def make_place(**kwargs) -> Place:
    n = next(_seq)
    defaults = {"name": f"Place {n}", "slug": f"place-{n}", "description": "A place."}
    defaults.update(kwargs)
    return Place.objects.create(**defaults)


def make_term(**kwargs) -> GlossaryTerm:
    n = next(_seq)
    defaults = {"term": f"Term {n}", "slug": f"term-{n}", "definition": "A word."}
    defaults.update(kwargs)
    return GlossaryTerm.objects.create(**defaults)


def add_alias(obj, text: str, language: str = "") -> Alias:
    content_type = ContentType.objects.get_for_model(obj)
    return Alias.objects.create(content_type=content_type, object_id=obj.pk, text=text, language=language)
