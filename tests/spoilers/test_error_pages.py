"""Error pages render whatever the query string holds (issue 24).

The progress form on every page, error pages included, used to read ``request.GET``: with more
parameters than Django accepts that raised again inside the 400 handler, then inside the 500
handler, and gunicorn answered its own bare 500 with a long log for each request.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, TooManyFieldsSent
from django.db import OperationalError
from django.http import Http404

from starcity_site import views
from tests import factories

TOO_MANY = "?" + "&".join(["a=1"] * 1001)
PAGES = ["/", "/news/", "/search/", "/people/anna-petrova/", "/shows/star-city/"]


@pytest.fixture
def site(db):
    show = factories.make_show(slug="star-city", title="Star City")
    season = factories.make_season(show, number=1)
    factories.make_episode(season, number=1, title="Pilot")
    factories.make_person(slug="anna-petrova", name="Anna Petrova")


@pytest.mark.parametrize("path", PAGES)
def test_too_many_parameters_get_the_sites_400_page(client, site, path):
    client.cookies["progress"] = "star-city:s1e1"
    response = client.get(path + TOO_MANY)
    assert response.status_code == 400
    html = response.content.decode()
    assert "That request could not be understood" in html
    assert "Star City — season 1" in html  # the progress form, from the cookie alone


def server_error(exception):
    """The 500 handler as Django calls it: inside the ``except`` of the failed request."""

    def handle(request):
        try:
            raise exception
        except type(exception):
            return views.server_error(request)

    return handle


@pytest.mark.parametrize(
    ("handler", "status", "text"),
    [
        (lambda r: views.bad_request(r, TooManyFieldsSent("too many")), 400, "could not be understood"),
        (lambda r: views.permission_denied(r, PermissionDenied()), 403, "Not allowed"),
        (lambda r: views.page_not_found(r, Http404()), 404, "Lost in orbit"),
        (server_error(RuntimeError("boom")), 500, "Mission control has a problem"),
        (server_error(OperationalError("down")), 503, "Back shortly"),
    ],
)
def test_every_error_page_renders_when_the_query_string_cannot_be_read(rf, site, handler, status, text):
    request = rf.get("/news/" + TOO_MANY)
    with pytest.raises(TooManyFieldsSent):
        request.GET  # noqa: B018 -- what the pages must do without
    response = handler(request)
    assert response.status_code == status
    assert text in response.content.decode()
