"""Which library images an article body shows moves from news.ArticleImage into the library's
``InlineImageUse`` (one record for every rich-text field, library.uses); 0011 drops the old table.
Backwards, the article bodies' uses become ArticleImage rows again."""

from django.db import migrations

FIELD = "body"


def _article_kind(apps, db: str, create: bool):
    content_type = apps.get_model("contenttypes", "ContentType").objects.using(db)
    if create:
        return content_type.get_or_create(app_label="news", model="article")[0]
    return content_type.filter(app_label="news", model="article").first()


def forward(apps, schema_editor) -> None:
    db = schema_editor.connection.alias
    article_image = apps.get_model("news", "ArticleImage")
    use = apps.get_model("library", "InlineImageUse")
    rows = list(article_image.objects.using(db).values_list("article_id", "image_id"))
    if not rows:
        return
    kind = _article_kind(apps, db, create=True)
    use.objects.using(db).bulk_create(
        [use(content_type=kind, object_id=article, field_name=FIELD, image_id=image) for article, image in rows],
        batch_size=500,
        ignore_conflicts=True,
    )


def backward(apps, schema_editor) -> None:
    db = schema_editor.connection.alias
    kind = _article_kind(apps, db, create=False)
    if kind is None:
        return
    article = apps.get_model("news", "Article")
    article_image = apps.get_model("news", "ArticleImage")
    uses = apps.get_model("library", "InlineImageUse").objects.using(db).filter(content_type=kind, field_name=FIELD)
    kept = uses.filter(object_id__in=article.objects.using(db).values("pk"))
    article_image.objects.using(db).bulk_create(
        [article_image(article_id=a, image_id=i) for a, i in kept.values_list("object_id", "image_id")],
        batch_size=500,
        ignore_conflicts=True,
    )
    uses.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_inline_image_uses"),
        ("news", "0009_article_image_columns_dropped"),
    ]

    operations = [migrations.RunPython(forward, backward)]
