"""The library in the admin: the chooser every content admin uses, what an image's page says
uses it, and that an image in use cannot be deleted (one at a time or from the list)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from library.models import Image
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def change_url(image: Image) -> str:
    return reverse("admin:library_image_change", args=[image.pk])


def use_everywhere(image: Image, n: int) -> list:
    """``n`` shows, people, articles and episodes that all show ``image``, as their picture and
    inline in their texts, and seasons and characters showing it inline."""
    inline = f'<p>Text.</p><figure data-image="{image.pk}"></figure>'
    rows = []
    for _ in range(n):
        show = factories.make_show(image=image, synopsis=inline)
        season = factories.make_season(show=show, synopsis=inline)
        episode = factories.make_episode(season=season, still=image, synopsis=inline)
        person = factories.make_person(image=image, bio=inline)
        article = factories.make_article(image=image, body=inline)
        character = factories.make_character(show=show, fate=inline)
        rows += [show, season, person, article, episode, character]
    return rows


@pytest.mark.parametrize(
    ("admin_name", "field", "make"),
    [
        ("shows_show", "image", lambda image: factories.make_show(image=image)),
        ("people_person", "image", lambda image: factories.make_person(image=image)),
        ("news_article", "image", lambda image: factories.make_article(image=image)),
        ("shows_episode", "still", lambda image: factories.make_episode(still=image)),
    ],
)
def test_every_content_admin_chooses_from_the_library_showing_a_thumbnail(editor_client, admin_name, field, make):
    image = factories.make_image(title="Launch at dawn", image_alt="A rocket at dawn")
    row = make(image)
    html = editor_client.get(reverse(f"admin:{admin_name}_change", args=[row.pk])).content.decode()
    # Django's raw-id lookup opens the library's list (thumbnails, search) in a popup.
    assert f'id="lookup_id_{field}"' in html and "/admin/library/image/?_to_field=id" in html
    assert 'class="admin-thumb"' in html and 'alt="A rocket at dawn"' in html
    assert f'<a href="{change_url(image)}"><span class="image-chooser">' in html and "Launch at dawn" in html


def test_the_popup_is_the_library_list_with_thumbnails_and_search(editor_client):
    factories.make_image(title="Launch at dawn", image_alt="A rocket at dawn")
    factories.make_image(title="Cosmonaut portrait", image_alt="A cosmonaut")
    url = reverse("admin:library_image_changelist")
    response = editor_client.get(url, {"_to_field": "id", "_popup": "1", "q": "dawn"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Launch at dawn" in html and "Cosmonaut portrait" not in html
    assert 'class="admin-thumb"' in html


def test_choosing_another_image_saves_it(editor_client):
    first, second = factories.make_image(), factories.make_image()
    person = factories.make_person(image=first)
    url = reverse("admin:people_person_change", args=[person.pk])
    data = change_form_data(editor_client.get(url))
    data["image"] = str(second.pk)
    assert editor_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.image == second


def test_used_by_lists_every_use_with_a_fixed_number_of_queries(editor_client):
    image = factories.make_image()
    few = use_everywhere(image, 1)
    editor_client.get(change_url(image))  # session and permission caches
    with CaptureQueriesContext(connection) as little:
        editor_client.get(change_url(image))
    many = few + use_everywhere(image, 4)
    with CaptureQueriesContext(connection) as much:
        response = editor_client.get(change_url(image))
    assert len(much) == len(little), (len(little), len(much))
    html = response.content.decode()
    for row in many:
        link = reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])
        assert f'<a href="{link}">' in html, row


def test_an_unused_image_says_so(editor_client):
    image = factories.make_image()
    assert "Nothing uses this image yet." in editor_client.get(change_url(image)).content.decode()


def test_deleting_an_image_in_use_is_refused_naming_what_uses_it(editor_client):
    image = factories.make_image(title="Poster")
    show = factories.make_show(title="Star City", image=image)
    url = reverse("admin:library_image_delete", args=[image.pk])
    page = editor_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in html
    assert "Star City" in html
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200  # the same refusal, not a redirect
    assert Image.objects.filter(pk=image.pk).exists()
    show.refresh_from_db()
    assert show.image == image


def test_bulk_deleting_images_in_use_deletes_none_of_them(editor_client):
    used = factories.make_image(title="Used")
    unused = factories.make_image(title="Unused")
    factories.make_article(title="A story", image=used)
    changelist = reverse("admin:library_image_changelist")
    data = {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"}
    response = editor_client.post(changelist, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "protected related objects" in html and "A story" in html
    assert Image.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2


def test_an_unused_image_can_be_deleted_with_its_files(editor_client, django_capture_on_commit_callbacks):
    image = factories.make_image()
    name = image.image.name
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:library_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()
    assert not image.image.storage.exists(name)


def test_a_new_library_image_needs_alt_text(editor_client):
    url = reverse("admin:library_image_add")
    data = change_form_data(editor_client.get(url))
    data.pop("tags")  # none chosen: the browser sends nothing
    data.update(title="Launch", image=factories.image_file(), image_alt="  ")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "image_alt" in response.context["adminform"].form.errors
    assert not Image.objects.exists()
    data.update(image=factories.image_file(), image_alt="A rocket on the pad")
    assert editor_client.post(url, data).status_code == 302
    assert Image.objects.get().image_alt == "A rocket on the pad"
