"""The show admin: seasons and credits inline, episodes inline on a season, constraints as form errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shows.models import Episode, Season
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def test_show_page_edits_seasons_and_credits_inline(editor_client):
    show = factories.make_show()
    factories.make_season(show=show)
    factories.make_credit(show=show)
    response = editor_client.get(reverse("admin:shows_show_change", args=[show.pk]))
    prefixes = {inline.formset.prefix for inline in response.context["inline_admin_formsets"]}
    assert {"seasons", "credits"} <= prefixes


def test_adding_a_season_with_episodes_inline(editor_client):
    show = factories.make_show()
    url = reverse("admin:shows_season_add")
    page = editor_client.get(url)
    data = change_form_data(page)
    data.update(
        {
            "show": show.pk,
            "number": "1",
            "era": "1970s",
            "episodes-TOTAL_FORMS": "2",
            "episodes-0-number": "1",
            "episodes-0-title": "The Chief Designer",
            "episodes-1-number": "2",
            "episodes-1-title": "Korolev",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    season = Season.objects.get(show=show, number=1)
    assert list(season.episodes.values_list("title", flat=True)) == ["The Chief Designer", "Korolev"]


def test_duplicate_season_and_episode_numbers_are_form_errors(editor_client):
    season = factories.make_season()
    factories.make_episode(season=season, number=1)
    url = reverse("admin:shows_season_add")
    data = change_form_data(editor_client.get(url))
    data.update({"show": season.show_id, "number": str(season.number)})
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "already exists" in str(response.context["adminform"].form.errors)

    url = reverse("admin:shows_episode_add")
    data = change_form_data(editor_client.get(url))
    data.update({"season": season.pk, "number": "1", "title": "Again"})
    response = editor_client.post(url, data)
    assert response.status_code == 200 and Episode.objects.filter(season=season).count() == 1
    assert "already exists" in str(response.context["adminform"].form.errors)


def test_show_slug_must_be_unique(editor_client):
    factories.make_show(slug="for-all-mankind")
    show = factories.make_show()
    url = reverse("admin:shows_show_change", args=[show.pk])
    data = change_form_data(editor_client.get(url))
    data["slug"] = "for-all-mankind"
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "slug" in response.context["adminform"].form.errors


def test_the_poster_is_chosen_from_the_library_with_a_thumbnail(editor_client):
    poster = factories.make_image(title="Star City poster", image_alt="The poster")
    show = factories.make_show(image=poster)
    url = reverse("admin:shows_show_change", args=[show.pk])
    page = editor_client.get(url)
    html = page.content.decode()
    # Django's raw-id lookup: the library's list opens in a popup to choose from.
    assert 'id="lookup_id_image"' in html and "/admin/library/image/?_to_field=id" in html
    assert 'class="admin-thumb"' in html and "Star City poster" in html
    data = change_form_data(page)
    data["image"] = "999999"  # no such image: a form error, not a 500
    response = editor_client.post(url, data)
    assert response.status_code == 200 and "image" in response.context["adminform"].form.errors
    show.refresh_from_db()
    assert show.image == poster
