"""{% load datetimes %}: machine-readable times for ``<time datetime>`` and past/future wording.

``{{ value|iso_datetime }}`` is the ISO 8601 form in the site's time zone, cut to whole seconds:
Django's ``|date:"c"`` keeps a stored time's microseconds (``21:27:53.682000+00:00``), which the
HTML standard does not accept in a ``datetime`` attribute (at most three fractional digits).
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter(expects_localtime=True)
def iso_datetime(value) -> str:
    """A date as ``YYYY-MM-DD``; a time as ``YYYY-MM-DDTHH:MM:SS±HH:MM``; anything else as ''."""
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.filter
def is_past(value) -> bool:
    """True for a time (or date) already gone: an episode that aired reads "Aired", not "Airs"."""
    if isinstance(value, datetime.datetime):
        return value <= timezone.now()
    if isinstance(value, datetime.date):
        return value < timezone.localdate()
    return False
