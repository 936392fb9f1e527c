"""The people admin: credits inline on a person, a cast credit must name its character."""

from __future__ import annotations

import pytest
from django.urls import reverse

from people.models import Credit, CreditKind
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def person_form_with_credit(client, person, show, **credit):
    url = reverse("admin:people_person_change", args=[person.pk])
    data = change_form_data(client.get(url))
    index = int(data["credits-TOTAL_FORMS"])
    data["credits-TOTAL_FORMS"] = str(index + 1)
    row = {"show": show.pk, "kind": CreditKind.CAST, "billing": "main", "billing_order": "1", **credit}
    data.update({f"credits-{index}-{key}": value for key, value in row.items()})
    return url, data


def test_a_cast_credit_without_a_character_is_a_form_error(editor_client):
    person, show = factories.make_person(), factories.make_show()
    url, data = person_form_with_credit(editor_client, person, show)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "A cast credit must name the character played." in response.content.decode()
    assert not Credit.objects.exists()


def test_credits_are_added_inline_on_a_person(editor_client):
    person, show = factories.make_person(), factories.make_show()
    character = factories.make_character(show=show)
    url, data = person_form_with_credit(editor_client, person, show, character=character.pk)
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert person.credits.get().character == character

    url, data = person_form_with_credit(editor_client, person, show, kind=CreditKind.DIRECTOR)
    assert editor_client.post(url, data).status_code == 302  # crew credits need no character
    assert person.credits.count() == 2


def test_person_changelist_filters_and_autocomplete(editor_client):
    factories.make_credit(person=factories.make_person(name="Rhys Ifans"))
    response = editor_client.get(reverse("admin:people_person_changelist"), {"credits__kind": "cast"})
    assert "Rhys Ifans" in response.content.decode()
    auto = editor_client.get(
        "/admin/autocomplete/",
        {"term": "Rhys", "app_label": "people", "model_name": "credit", "field_name": "person"},
    )
    assert auto.status_code == 200 and "Rhys Ifans" in auto.content.decode()


def test_roles_are_idempotent_and_least_privilege():
    from django.contrib.auth.models import Group

    from starcity_site.roles import ensure_roles

    # migrate made them (post_migrate), before anyone ran setup_roles
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Authors"}
    assert Group.objects.get(name="Editors").permissions.filter(codename="publish_article").exists()
    editors, authors = ensure_roles()
    count = editors.permissions.count()
    assert ensure_roles()[0].permissions.count() == count and Group.objects.filter(name="Editors").count() == 1
    editor_apps = set(editors.permissions.values_list("content_type__app_label", flat=True))
    assert {"shows", "people", "news", "redirects", "reversion"} <= editor_apps
    assert not editor_apps & {"auth", "contenttypes", "sessions", "axes", "admin"}
    assert editors.permissions.filter(codename__in=["publish_article", "add_sharelink", "delete_tag"]).count() == 3
    codes = set(authors.permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article"} <= codes
    assert not codes & {"publish_article", "delete_article", "add_sharelink", "view_sharelink"}
    assert not any(code.startswith("delete_") for code in codes)
