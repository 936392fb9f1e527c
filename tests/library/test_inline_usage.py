"""Which articles show a library image inline: kept on save, and a used image cannot be deleted."""

from __future__ import annotations

import json

from django.urls import reverse

from library.models import Image
from news.models import ArticleImage
from starcity_site.publishing import Status
from tests import factories
from tests.library.conftest import figure, make_image


def test_saving_a_body_records_its_inline_images_and_forgets_removed_ones(image):
    other = make_image(title="Other")
    article = factories.make_article(body=figure(image, other, 999999))
    assert set(article.inline_images.all()) == {image, other}
    article.body = figure(other)
    article.save()
    assert list(article.inline_images.all()) == [other]
    article.body = "<p>No pictures.</p>"
    article.save()
    assert not ArticleImage.objects.exists()


def test_deleting_an_article_frees_its_images(image):
    article = factories.make_article(body=figure(image))
    article.delete()
    image.delete()
    assert not Image.objects.exists()


def test_the_admin_refuses_to_delete_an_image_a_story_shows(editor_client, image):
    article = factories.make_article(title="The control room story", body=figure(image))
    url = reverse("admin:library_image_delete", args=[image.pk])
    page = editor_client.get(url).content.decode()
    assert "would require deleting the following protected related objects" in page
    assert "The control room story" in page or str(ArticleImage.objects.get(article=article)) in page
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_unused_image_can_be_deleted_from_the_admin(editor_client, image):
    response = editor_client.post(reverse("admin:library_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


def test_a_partial_save_rereads_the_body_only_when_it_saves_the_body(editor_client, image):
    article = factories.make_article(status=Status.DRAFT, published_at=None)
    article.body = figure(image)
    article.save(update_fields=["body"])
    assert list(article.inline_images.all()) == [image]
    article.title = "Retitled"
    article.save(update_fields=["title"])  # no body, no re-reading
    assert list(article.inline_images.all()) == [image]


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


def test_a_raw_save_as_a_version_restore_does_it_records_the_restored_bodys_images(image):
    other = make_image(title="Other")
    article = factories.make_article(body=figure(image))
    article.body = figure(other)
    article.save_base(raw=True)  # how django-reversion writes a restored version
    assert list(article.inline_images.all()) == [other]


def test_the_used_by_list_names_a_story_showing_the_image_inline_once(editor_client, image):
    article = factories.make_article(title="The control room story", body=figure(image))
    page = editor_client.get(reverse("admin:library_image_change", args=[image.pk])).content.decode()
    link = reverse("admin:news_article_change", args=[article.pk])
    assert page.count(f'<a href="{link}">') == 1
    assert "article, inline images" in page
    assert str(ArticleImage.objects.get(article=article)) not in page
