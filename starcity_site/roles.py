"""The editorial roles, as groups with least privilege.

Editors: every content permission (the image library, shows, people, news incl. publishing and share links, the
universe app, URL redirects, version history); nothing on users, groups or permissions, so they
cannot give themselves more. Authors: may draft articles and submit them for review (add and change,
no publish, schedule, send back or delete), upload library images, and see everything else they
need to pick relations.

``ensure_roles`` is idempotent: it runs after every ``migrate`` (post_migrate, connected in
``StarCitySiteConfig.ready``) and from ``manage.py setup_roles``; a permission added by a later
migration is picked up on the next run.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CONTENT_APPS = ("library", "shows", "people", "news", "universe", "redirects", "reversion")
EDITORS = "Editors"
AUTHORS = "Authors"
AUTHOR_ARTICLE_CODENAMES = ("add_article", "change_article", "view_article", "add_tag")
# An author may upload a picture for a draft; changing or deleting one that others use is an editor's.
AUTHOR_LIBRARY_CODENAMES = ("add_image",)


def ensure_roles() -> tuple[Group, Group]:
    """Create or bring up to date both groups; safe to call any number of times."""
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(content)

    authors, _ = Group.objects.get_or_create(name=AUTHORS)
    # Share links are keys to unpublished articles: editors' business, not visible to authors.
    author_perms = content.filter(
        Q(codename__startswith="view_")
        & ~Q(content_type__app_label__in=("redirects", "reversion"))
        & ~Q(codename="view_sharelink")
        | Q(content_type__app_label="news", codename__in=AUTHOR_ARTICLE_CODENAMES)
        | Q(content_type__app_label="library", codename__in=AUTHOR_LIBRARY_CODENAMES)
    )
    authors.permissions.set(author_perms)
    return editors, authors


def _after_migrate(sender, using="default", plan=None, **kwargs) -> None:
    # Runs after each app's migrations; the last run sees every app's permissions.
    if Permission.objects.using(using).exists():
        ensure_roles()


def connect() -> None:
    from django.db.models.signals import post_migrate

    post_migrate.connect(_after_migrate, dispatch_uid="starcity-roles")
