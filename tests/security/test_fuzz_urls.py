"""Property: no path or query string sent to any public URL pattern gives a 500.

Every pattern of the URLconf (the admin aside) is turned into a template; hypothesis fills its
parameters with real slugs and numbers or arbitrary text, and adds arbitrary query strings.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.security.site import build_site

PLACEHOLDER = re.compile(r"<(?:[^>:]+:)?([^>]+)>|\(\?P<([^>]+)>(?:[^()]|\([^()]*\))*\)")
QUERY_KEYS = ["page", "q", "year", "month", "next", "preview", "token", "sort", "seen", "format", "utm_source"]
NASTY = [
    "0",
    "-1",
    "99999999999999999999999",
    "abc",
    "%00",
    "%ff",
    "..",
    "%2e%2e",
    "é",
    "%E2%80%AE",
    "a" * 300,
    "<script>",
    "'",
    "1e9",
    " ",
    "%20",
]


def templates(patterns, prefix: str = "") -> list[str]:
    """Every leaf pattern as a path template with ``{name}`` placeholders."""
    found = []
    for p in patterns:
        route = str(p.pattern).lstrip("^").rstrip("$").replace("\\", "")
        if prefix + route and (prefix + route).startswith(settings.ADMIN_PATH):
            continue
        if isinstance(p, URLResolver):
            found += templates(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            found.append("/" + PLACEHOLDER.sub(lambda m: "{" + (m.group(1) or m.group(2)) + "}", prefix + route))
    return found


ALL_TEMPLATES = templates(get_resolver().url_patterns)
REAL_VALUES = ["star-city", "first-look", "anna-petrova", "irina-volkova", "launch", "casting", "1", "2026", "01"]

segment = st.one_of(
    st.sampled_from(REAL_VALUES),
    st.sampled_from(NASTY),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40).map(
        lambda s: quote(s, safe="")
    ),
)
query = st.one_of(
    st.just(""),
    st.dictionaries(
        st.one_of(st.sampled_from(QUERY_KEYS), st.text(max_size=10)),
        st.one_of(st.sampled_from(NASTY), st.text(max_size=40)),
        max_size=4,
    ).map(lambda d: urlencode(d)),
    st.sampled_from(["page=abc", "page=99999", "page=-1", "page=", "%ff=%ff", "q=%00", "q=" + "x" * 2000, "&&=&"]),
)


def test_every_public_pattern_is_fuzzed():
    assert "/news/{slug}/" in ALL_TEMPLATES
    assert not any(t.startswith(f"/{settings.ADMIN_PATH}") for t in ALL_TEMPLATES)
    assert len(ALL_TEMPLATES) >= 8


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(template=st.sampled_from(ALL_TEMPLATES), values=st.lists(segment, min_size=4, max_size=4), qs=query)
def test_no_input_gives_a_500(_fuzz_site, template, values, qs):
    names = re.findall(r"{(\w+)}", template)
    path = template
    for name, value in zip(names, values, strict=False):
        path = path.replace("{" + name + "}", value or "x", 1)
    url = path + ("?" + qs if qs else "")
    response = Client(raise_request_exception=False).get(url)
    # 503 too: a database error (say, a number too big for its column) is a bug, not an outage.
    assert response.status_code < 500, url


@pytest.fixture
def _fuzz_site(db):
    """Built once per test function, shared by all its examples (hypothesis runs them inside)."""
    return build_site()
