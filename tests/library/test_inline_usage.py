"""Which texts show a library image inline (``InlineImageUse``, library.uses): every rich-text
field's uses are read from it on save, a restore and a delete, and an image in use cannot be deleted."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from reversion.models import Version

from library.models import Image, InlineImageUse
from people.models import Character, Person
from shows.models import Episode, Season, Show
from starcity_site.publishing import Status
from tests import factories
from tests.admin_helpers import change_form_data
from tests.library.conftest import figure, make_image
from tests.universe.helpers import make_event, make_place, make_term
from universe.models import GlossaryTerm, HistoricalFigure, Place, TimelineEvent

# Every rich-text model besides articles, with a maker and its rich-text fields.
RICH_TEXTS = {
    Show: (factories.make_show, ("synopsis",)),
    Season: (factories.make_season, ("synopsis",)),
    Episode: (factories.make_episode, ("synopsis",)),
    Person: (factories.make_person, ("bio",)),
    Character: (factories.make_character, ("description", "counterpart_note", "fate")),
    HistoricalFigure: (factories.make_historical_figure, ("summary",)),
    Place: (make_place, ("description",)),
    GlossaryTerm: (make_term, ("definition",)),
    TimelineEvent: (make_event, ("real_history", "show_history")),
}


def shown(owner) -> set:
    """(field, image) for every use recorded for ``owner``."""
    return {(use.field_name, use.image) for use in InlineImageUse.objects.of(owner).select_related("image")}


def delete_url(image: Image) -> str:
    return reverse("admin:library_image_delete", args=[image.pk])


def edit(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


@pytest.fixture
def in_texts(image):
    """``image`` inline in a show's synopsis and a person's biography."""
    show = factories.make_show(title="Star City", slug="star-city", synopsis=figure(image))
    person = factories.make_person(name="Rhys Ifans", slug="rhys-ifans", bio=figure(image))
    return show, person


# --- recorded from every rich-text field ------------------------------------------------------


def test_saving_a_body_records_its_inline_images_and_forgets_removed_ones(image):
    other = make_image(title="Other")
    article = factories.make_article(body=figure(image, other, 999999))
    assert shown(article) == {("body", image), ("body", other)}  # 999999: no such image, no use
    article.body = figure(other)
    article.save()
    assert shown(article) == {("body", other)}
    article.body = "<p>No pictures.</p>"
    article.save()
    assert not InlineImageUse.objects.exists()


@pytest.mark.parametrize("model", list(RICH_TEXTS), ids=lambda m: m.__name__)
def test_every_rich_text_field_records_the_images_it_shows(model, image):
    make, fields = RICH_TEXTS[model]
    other = make_image(title="Other")
    owner = make()
    for name in fields:
        setattr(owner, name, figure(image, other))
    owner.save()
    assert shown(owner) == {(name, picture) for name in fields for picture in (image, other)}
    setattr(owner, fields[0], figure(other))
    owner.save()
    assert (fields[0], image) not in shown(owner) and (fields[0], other) in shown(owner)


def test_a_partial_save_rereads_the_body_only_when_it_saves_the_body(image):
    article = factories.make_article(status=Status.DRAFT, published_at=None)
    article.body = figure(image)
    article.save(update_fields=["body"])
    assert shown(article) == {("body", image)}
    article.title = "Retitled"
    article.save(update_fields=["title"])  # no body, no re-reading
    assert shown(article) == {("body", image)}


def test_a_save_with_the_text_deferred_keeps_its_uses(in_texts, image):
    show, _person = in_texts
    loaded = Show.objects.defer("synopsis").get(pk=show.pk)
    loaded.tagline = "Retitled"
    loaded.save()  # Django writes the loaded fields only: the synopsis is untouched
    assert shown(show) == {("synopsis", image)}


def test_a_raw_save_as_a_version_restore_does_it_records_the_restored_texts_images(image):
    other = make_image(title="Other")
    article = factories.make_article(body=figure(image))
    show = factories.make_show(synopsis=figure(image))
    for owner, field in ((article, "body"), (show, "synopsis")):
        setattr(owner, field, figure(other))
        owner.save_base(raw=True)  # how django-reversion writes a restored version
        assert shown(owner) == {(field, other)}


def test_one_owner_s_uses_leave_another_s_alone(in_texts, image):
    show, person = in_texts
    show.synopsis = "<p>No pictures.</p>"
    show.save()
    assert shown(show) == set()
    assert shown(person) == {("bio", image)}


# --- protection -----------------------------------------------------------------------------


def test_the_admin_refuses_to_delete_an_image_texts_show_naming_them(editor_client, in_texts, image):
    article = factories.make_article(title="The control room story", body=figure(image))
    page = editor_client.get(delete_url(image)).content.decode()
    assert "would require deleting the following protected related objects" in page
    assert "show, synopsis: Star City" in page
    assert "person, biography: Rhys Ifans" in page
    assert f"article, body: {article.title}" in page
    response = editor_client.post(delete_url(image), {"post": "yes"})
    assert response.status_code == 200  # the same refusal, not a redirect
    assert Image.objects.filter(pk=image.pk).exists()


def test_bulk_deleting_images_texts_show_deletes_none_of_them(editor_client, in_texts, image):
    unused = make_image(title="Unused")
    data = {"action": "delete_selected", "_selected_action": [image.pk, unused.pk], "post": "yes"}
    response = editor_client.post(reverse("admin:library_image_changelist"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "protected related objects" in html
    assert "show, synopsis: Star City" in html and "person, biography: Rhys Ifans" in html
    assert Image.objects.filter(pk__in=[image.pk, unused.pk]).count() == 2


def test_an_unused_image_can_be_deleted_from_the_admin(editor_client, image):
    response = editor_client.post(delete_url(image), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


def test_removing_the_picture_from_the_texts_in_the_admin_releases_it(editor_client, in_texts, image):
    show, person = in_texts
    edit(editor_client, show, synopsis="<p>No picture now.</p>")
    assert editor_client.post(delete_url(image), {"post": "yes"}).status_code == 200  # the bio still shows it
    edit(editor_client, person, bio="<p>No picture here either.</p>")
    assert editor_client.post(delete_url(image), {"post": "yes"}).status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


def test_deleting_the_owners_releases_the_image_cascades_included(editor_client, in_texts, image):
    show, person = in_texts
    season = factories.make_season(show=show, synopsis=figure(image))
    factories.make_episode(season=season, synopsis=figure(image))
    assert InlineImageUse.objects.count() == 4
    response = editor_client.post(reverse("admin:shows_show_delete", args=[show.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert shown(season) == set() and [use.field_name for use in image.inline_uses.all()] == ["bio"]
    person.delete()
    assert not InlineImageUse.objects.exists()
    image.delete()
    assert not Image.objects.filter(pk=image.pk).exists()


def test_deleting_an_article_frees_its_images(image):
    article = factories.make_article(body=figure(image))
    article.delete()
    image.delete()
    assert not Image.objects.exists()


def test_restoring_a_version_that_showed_the_image_protects_it_again(editor_client, image):
    show = factories.make_show(title="Star City", slug="star-city")
    edit(editor_client, show, synopsis=figure(image))
    showing = Version.objects.get_for_object(show).first()
    edit(editor_client, show, synopsis="<p>No picture now.</p>")
    assert shown(show) == set()
    url = reverse("admin:shows_show_revision", args=[show.pk, showing.pk])
    preview = editor_client.get(url)
    assert preview.status_code == 200
    assert shown(show) == set()  # the preview is rolled back

    response = editor_client.post(url, change_form_data(preview))

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert shown(show) == {("synopsis", image)}
    assert editor_client.post(delete_url(image), {"post": "yes"}).status_code == 200
    assert Image.objects.filter(pk=image.pk).exists()


# --- the image's page -----------------------------------------------------------------------


def test_the_used_by_list_names_each_text_showing_the_image_with_a_link(editor_client, in_texts, image):
    show, person = in_texts
    article = factories.make_article(title="The control room story", body=figure(image))
    page = editor_client.get(reverse("admin:library_image_change", args=[image.pk])).content.decode()
    for kind, owner in (("show, synopsis", show), ("person, biography", person), ("article, body", article)):
        link = reverse(f"admin:{owner._meta.app_label}_{owner._meta.model_name}_change", args=[owner.pk])
        assert f'<li>{kind}: <a href="{link}">{owner}</a></li>' in page
        assert page.count(f'<a href="{link}">') == 1


def test_the_used_by_list_names_a_use_whose_owner_is_gone(editor_client, in_texts, image):
    show, _person = in_texts
    Show.objects.filter(pk=show.pk)._raw_delete("default")  # no signals: the use stays behind
    page = editor_client.get(reverse("admin:library_image_change", args=[image.pk])).content.decode()
    assert f"<li>show, synopsis: #{show.pk} (deleted)</li>" in page


# --- the editor's chooser -----------------------------------------------------------------


def test_the_chooser_preview_gives_the_editor_a_title_alt_and_thumbnail(editor_client, image):
    response = editor_client.get(reverse("admin:library_image_chooser_preview", args=[image.pk]))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["title"] == "Control room"
    assert data["alt"] == "Rows of consoles in a control room"
    assert data["thumbnail"].startswith("/media/renditions/")


def test_the_chooser_preview_of_a_missing_image_is_a_404(editor_client, db):
    assert editor_client.get(reverse("admin:library_image_chooser_preview", args=[424242])).status_code == 404


def test_the_chooser_preview_is_for_staff_only(client, image):
    response = client.get(reverse("admin:library_image_chooser_preview", args=[image.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_author_can_open_the_library_popup(client, image):
    client.force_login(factories.make_author())
    response = client.get(reverse("admin:library_image_changelist") + "?_popup=1&_to_field=id")
    assert response.status_code == 200
    assert f'data-popup-opener="{image.pk}"' in response.content.decode()


def test_the_article_form_loads_the_library_image_node_from_our_own_static_files(editor_client, db):
    page = editor_client.get(reverse("admin:news_article_add"))
    html = page.content.decode()
    assert "&quot;LibraryImage&quot;:{&quot;changelistUrl&quot;:&quot;/admin/library/image/&quot;}" in html
    assert "/static/admin-editor/library-image.js" in html
    assert "/static/admin-editor/richtext.css" in html
    csp = page["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_a_new_caption_reaches_the_cached_article_page(client, image):
    article = factories.make_article(body=figure(image))
    assert "The mission control set." in client.get(article.get_absolute_url()).content.decode()
    image.caption = "Rebuilt for season two."
    image.save()
    assert "Rebuilt for season two." in client.get(article.get_absolute_url()).content.decode()
