"""No role reaches what it lacks, for every model registered in the admin (whatever exists):
the changelist without view/change permission, the delete page and POST without delete
permission, and the user admin's history and password pages for anyone but superusers."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

from tests import factories
from tests.security.site import build_site


def perm(user, model, action: str) -> bool:
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def admin_url(model, view: str, *args) -> str | None:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


@pytest.mark.parametrize("role", ["author", "editor"])
def test_roles_cannot_reach_models_or_deletes_they_lack(client, db, role):
    build_site()
    user = factories.make_author() if role == "author" else factories.make_editor()
    client.force_login(user)
    checked = 0
    for model in admin.site._registry:
        obj = model._default_manager.first()
        if not (perm(user, model, "view") or perm(user, model, "change")):
            url = admin_url(model, "changelist")
            if url:
                assert client.get(url).status_code == 403, url
                checked += 1
            if obj is not None and (url := admin_url(model, "change", obj.pk)):
                assert client.post(url, {}).status_code == 403, url
        if obj is not None and not perm(user, model, "delete"):
            url = admin_url(model, "delete", obj.pk)
            if url:
                assert client.get(url).status_code == 403, url
                assert client.post(url, {"post": "yes"}).status_code == 403, url
                assert model._default_manager.filter(pk=obj.pk).exists()
                checked += 1
    assert checked >= 2  # at least users and groups


def test_editor_cannot_see_user_history_or_set_passwords(client, db):
    editor = factories.make_editor()
    other = factories.make_user(is_superuser=True)
    client.force_login(editor)
    for url in (
        reverse("admin:auth_user_history", args=[other.pk]),
        reverse("admin:auth_user_password_change", args=[other.pk]),
        reverse("admin:auth_user_password_change", args=[editor.pk]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("admin:auth_user_password_change", args=[other.pk]),
        {"password1": "taken-over-9876", "password2": "taken-over-9876"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert not other.check_password("taken-over-9876")


def test_editor_cannot_add_themselves_to_a_more_powerful_group(client, db):
    editor = factories.make_editor()
    powerful = Group.objects.create(name="Admins")
    client.force_login(editor)
    response = client.post(
        reverse("admin:auth_group_change", args=[powerful.pk]), {"name": "Admins", "permissions": []}
    )
    assert response.status_code == 403
    assert get_user_model().objects.filter(groups=powerful).count() == 0


def test_an_author_edits_only_their_own_drafts(client, db):
    from news.models import Article
    from starcity_site.publishing import Status
    from tests.admin_helpers import change_form_data

    author, colleague = factories.make_author(), factories.make_author()
    mine = factories.make_article(title="Mine", status=Status.DRAFT, published_at=None, author=author)
    theirs = factories.make_article(title="Theirs", status=Status.DRAFT, published_at=None, author=colleague)
    client.force_login(author)
    own_url = reverse("admin:news_article_change", args=[mine.pk])
    data = change_form_data(client.get(own_url))
    data["title"] = "Mine, revised"
    assert client.post(own_url, data).status_code == 302
    their_url = reverse("admin:news_article_change", args=[theirs.pk])
    page = client.get(their_url)
    assert page.status_code == 200 and "adminform" in page.context  # readable...
    assert not page.context["has_change_permission"]  # ...but read-only
    forged = {"title": "Taken over", "slug": theirs.slug, "body": "<p>x</p>"}
    assert client.post(their_url, forged).status_code == 403
    assert Article.objects.get(pk=theirs.pk).title == "Theirs"
