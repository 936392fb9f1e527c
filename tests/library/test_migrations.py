"""Moving the pictures stored on shows, people and articles into the library (shows 0003,
people 0007, news 0007): every row with a picture gets one library image holding the same stored
file, so the original and its renditions keep their URLs; rows without one get none; and the
move can be undone, copying the values back."""

from __future__ import annotations

import io
import json
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError
from django.utils import timezone
from PIL import Image as PILImage
from reversion.models import Version

from library.models import Image, InlineImageUse
from news.models import Article
from people.models import Person
from shows.models import Episode, Show
from starcity_site.images.renditions import make_renditions, rendition_url

BEFORE_MOVE = [
    ("shows", "0003_synopses_rich_text"),
    ("people", "0007_texts_rich_text"),
    ("news", "0007_article_inline_images"),
    ("library", "0001_initial"),
    ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
]
COPIED = ("image_width", "image_height", "image_alt", "image_credit", "image_focal_x", "image_focal_y")


def stored_picture(folder: str, size: tuple[int, int]) -> str:
    """An original and its renditions in storage, as the upload pipeline leaves them."""
    picture = PILImage.new("RGB", size, (30, 90, 160))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    name = default_storage.save(f"images/{folder}/{uuid.uuid4().hex}.jpg", ContentFile(buffer.getvalue()))
    make_renditions(default_storage, name, picture, 30, 70)
    return name


def make_old_world(old_apps) -> dict:
    Show = old_apps.get_model("shows", "Show")
    Person = old_apps.get_model("people", "Person")
    Article = old_apps.get_model("news", "Article")
    picture = {"image_focal_x": 30, "image_focal_y": 70}
    show = Show.objects.create(
        title="Star City",
        slug="star-city",
        image=stored_picture("show", (600, 900)),
        image_width=600,
        image_height=900,
        image_alt="The poster: a rocket over the Moon",
        image_credit="Apple TV+",
        **picture,
    )
    bare_show = Show.objects.create(title="For All Mankind", slug="for-all-mankind")
    person = Person.objects.create(
        name="Rhys Ifans",
        slug="rhys-ifans",
        image=stored_picture("person", (640, 800)),
        image_width=640,
        image_height=800,
        image_alt="Rhys Ifans smiling",
        image_credit="Studio photo",
        **picture,
    )
    bare_person = Person.objects.create(name="Anna Maxwell Martin", slug="anna-maxwell-martin")
    article = Article.objects.create(
        title="Star City starts filming",
        slug="filming",
        image=stored_picture("article", (1280, 720)),
        image_width=1280,
        image_height=720,
        image_alt="A launch pad at dusk",
        image_credit="Press kit",
        image_caption="The pad, built for the show",
        image_spoils=True,
        **picture,
    )
    bare_article = Article.objects.create(title="No picture here", slug="plain")
    # The show's history as django-reversion stored it: the picture's columns on the row.
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    Revision = old_apps.get_model("reversion", "Revision")
    Version = old_apps.get_model("reversion", "Version")
    show_type, _ = ContentType.objects.get_or_create(app_label="shows", model="show")
    fields = {"title": "Star City (old)", "slug": "star-city", "image": show.image.name, "image_alt": "Old alt"}
    version = Version.objects.create(
        revision=Revision.objects.create(date_created=timezone.now(), comment="Added."),
        content_type=show_type,
        object_id=str(show.pk),
        db="default",
        format="json",
        serialized_data=json.dumps([{"model": "shows.show", "pk": show.pk, "fields": fields}]),
        object_repr="Star City",
    )
    rows = {"show": show, "person": person, "article": article}
    return {
        "pictured": {
            kind: (row.pk, row.image.name, {f: getattr(row, f) for f in COPIED}) for kind, row in rows.items()
        },
        "urls": {
            kind: (row.image.url, rendition_url(row, "thumb", 320), rendition_url(row, "hero", 1024, "webp"))
            for kind, row in rows.items()
        },
        "bare": {"show": bare_show.pk, "person": bare_person.pk, "article": bare_article.pk},
        "caption": article.image_caption,
        "version": version.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_pictures_move_into_the_library_with_every_value_and_url_kept(client):
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_MOVE)
    try:
        made = make_old_world(executor.loader.project_state(BEFORE_MOVE).apps)
        files_before = sorted(default_storage.listdir("renditions")[0])

        MigrationExecutor(connection).migrate(leaves)

        models = {"show": Show, "person": Person, "article": Article}
        titles = {"show": "Star City", "person": "Rhys Ifans", "article": "Star City starts filming"}
        assert Image.objects.count() == 3  # one per row with a picture, none for the others
        for kind, (pk, name, values) in made["pictured"].items():
            row = models[kind].objects.select_related("image").get(pk=pk)
            picture = row.image
            assert picture.title == titles[kind]
            assert picture.image.name == name  # the same stored file: nothing moved on disk
            assert {f: getattr(picture, f) for f in COPIED} == values
            original, thumb, hero = made["urls"][kind]
            assert picture.image.url == original
            assert rendition_url(picture, "thumb", 320) == thumb
            assert rendition_url(picture, "hero", 1024, "webp") == hero
            assert default_storage.exists(name)
            for url in (original, thumb, hero):
                stored = url.removeprefix(default_storage.base_url)
                assert default_storage.exists(stored), stored
            assert client.get(thumb).status_code == 200  # the site still serves it
        assert Article.objects.get(pk=made["pictured"]["article"][0]).image.caption == made["caption"]
        assert Article.objects.get(pk=made["pictured"]["article"][0]).image_spoils
        for kind, pk in made["bare"].items():
            assert models[kind].objects.get(pk=pk).image is None
        assert sorted(default_storage.listdir("renditions")[0]) == files_before
        # The new relations work both ways, and an episode may have a still.
        poster = Show.objects.get(slug="star-city").image
        assert list(poster.shows.all()) == [Show.objects.get(slug="star-city")]
        assert Episode._meta.get_field("still").remote_field.related_name == "episodes"
        # An old version of the show still loads, pointing at the library image with its file.
        old = Version.objects.get(pk=made["version"])
        assert old.field_dict["title"] == "Star City (old)"
        assert old.field_dict["image_id"] == poster.pk
    finally:
        MigrationExecutor(connection).migrate(leaves)


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_copying_the_values_back():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_MOVE)
    try:
        made = make_old_world(executor.loader.project_state(BEFORE_MOVE).apps)
        MigrationExecutor(connection).migrate(leaves)

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_MOVE)
        old_apps = executor.loader.project_state(BEFORE_MOVE).apps
        for kind, app in (("show", "shows"), ("person", "people"), ("article", "news")):
            pk, name, values = made["pictured"][kind]
            row = old_apps.get_model(app, kind).objects.get(pk=pk)
            assert row.image.name == name
            assert {f: getattr(row, f) for f in COPIED} == values
            bare = old_apps.get_model(app, kind).objects.get(pk=made["bare"][kind])
            assert not bare.image
        article = old_apps.get_model("news", "article").objects.get(pk=made["pictured"]["article"][0])
        assert article.image_caption == made["caption"]
    finally:
        MigrationExecutor(connection).migrate(leaves)


# --- news.ArticleImage into library.InlineImageUse (library 0002-0003, news 0010-0011) ---------

BEFORE_USES = [
    ("news", "0009_article_image_columns_dropped"),
    ("library", "0001_initial"),
    # Where the other apps stand meanwhile, so the state built for the test matches the tables.
    ("shows", "0005_show_image_columns_dropped"),
    ("people", "0009_person_image_columns_dropped"),
    ("universe", "0006_texts_rich_text"),
]


def make_texts_showing_images(old_apps) -> dict:
    """Two library images: one an article's body shows (with its ArticleImage row), one a show's
    synopsis shows (recorded nowhere); the synopsis also names an image that does not exist."""
    Image = old_apps.get_model("library", "Image")
    Article = old_apps.get_model("news", "Article")
    ArticleImage = old_apps.get_model("news", "ArticleImage")
    Show = old_apps.get_model("shows", "Show")
    in_body, in_synopsis = (
        Image.objects.create(title=title, image=stored_picture("inline", (640, 360)), image_width=640, image_height=360)
        for title in ("a", "b")
    )
    article = Article.objects.create(
        title="Inside the set", slug="inside", body=f'<p>Look.</p><figure data-image="{in_body.pk}"></figure>'
    )
    ArticleImage.objects.create(article=article, image=in_body)
    synopsis = f'<figure data-image="{in_synopsis.pk}"></figure><figure data-image="424242"></figure>'
    show = Show.objects.create(title="Star City", slug="star-city", synopsis=synopsis)
    return {"article": article.pk, "show": show.pk, "in_body": in_body.pk, "in_synopsis": in_synopsis.pk}


@pytest.mark.django_db(transaction=True)
def test_article_images_move_to_inline_uses_and_synopses_get_theirs():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_USES)
    try:
        made = make_texts_showing_images(executor.loader.project_state(BEFORE_USES).apps)

        MigrationExecutor(connection).migrate(leaves)

        article = Article.objects.get(pk=made["article"])
        show = Show.objects.get(pk=made["show"])
        assert [(u.field_name, u.image_id) for u in InlineImageUse.objects.of(article)] == [("body", made["in_body"])]
        assert [(u.field_name, u.image_id) for u in InlineImageUse.objects.of(show)] == [
            ("synopsis", made["in_synopsis"])
        ]
        assert InlineImageUse.objects.count() == 2  # none for the image that does not exist
        for pk in (made["in_body"], made["in_synopsis"]):
            with pytest.raises(ProtectedError):
                Image.objects.get(pk=pk).delete()
        tables = connection.introspection.table_names()
        assert "news_articleimage" not in tables and "news_article_inline_images" not in tables

        # Backwards: the article's use is an ArticleImage row again.
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_USES)
        old_apps = executor.loader.project_state(BEFORE_USES).apps
        rows = old_apps.get_model("news", "ArticleImage").objects.values_list("article_id", "image_id")
        assert list(rows) == [(made["article"], made["in_body"])]
        assert "library_inlineimageuse" not in connection.introspection.table_names()
    finally:
        MigrationExecutor(connection).migrate(leaves)
