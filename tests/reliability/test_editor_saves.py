"""A failed save never loses the previous version: a database error or a storage error during
an editor's save leaves the stored article (row and image file) exactly as it was."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from library.models import Image as LibraryImage
from news.models import Article
from tests import factories


@pytest.fixture
def article(db):
    return factories.make_article(
        title="Casting news",
        slug="casting-news",
        body="<p>Original.</p>",
        image=factories.make_image(factories.image_file("old.png")),
    )


def test_database_error_during_save_keeps_the_previous_version(article):
    factories.make_article(slug="taken")
    edited = Article.objects.get(pk=article.pk)
    edited.title = "Changed title"
    edited.body = "<p>Changed.</p>"
    edited.slug = "taken"  # violates the unique constraint in the database itself
    with pytest.raises(IntegrityError), transaction.atomic():
        edited.save()
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.slug, stored.body) == ("Casting news", "casting-news", "<p>Original.</p>")
    assert default_storage.exists(stored.image.image.name)


def test_storage_error_on_upload_keeps_the_previous_version(article, settings, tmp_path):
    old_image, media_root = article.image.image.name, settings.MEDIA_ROOT
    # A real failure, no mock: the storage's folder lies under a plain file, so writing fails.
    (tmp_path / "not-a-folder").write_text("")
    settings.MEDIA_ROOT = tmp_path / "not-a-folder" / "media"
    edited = LibraryImage.objects.get(pk=article.image_id)
    edited.title = "Changed title"
    edited.image = factories.image_file("new.png")
    with pytest.raises(OSError), transaction.atomic():
        edited.save()
    settings.MEDIA_ROOT = media_root
    stored = LibraryImage.objects.get(pk=article.image_id)
    assert stored.title != "Changed title"
    assert stored.image.name == old_image
    assert default_storage.exists(old_image)


def test_failed_save_inside_an_editors_transaction_rolls_back_related_changes(article):
    tag = factories.make_tag()
    with pytest.raises(IntegrityError), transaction.atomic():
        article.tags.add(tag)
        article.title = "Half-saved"
        article.save()
        factories.make_tag(slug=tag.slug)  # a later step fails: the whole save is undone
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Casting news"
    assert not stored.tags.exists()
