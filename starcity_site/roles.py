"""The editorial roles, as groups with least privilege.

Editors: every content permission (shows, people, news, URL redirects), including publishing;
nothing on users, groups or permissions. Authors: may draft articles and see everything else,
but not publish, schedule or delete.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CONTENT_APPS = ("shows", "people", "news")
EDITORS = "Editors"
AUTHORS = "Authors"


def ensure_roles() -> tuple[Group, Group]:
    """Create or bring up to date both groups; safe to call any number of times."""
    content = Permission.objects.filter(
        Q(content_type__app_label__in=CONTENT_APPS) | Q(content_type__app_label="redirects")
    )
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(content)

    authors, _ = Group.objects.get_or_create(name=AUTHORS)
    author_perms = content.filter(codename__startswith="view_") | Permission.objects.filter(
        content_type__app_label="news", codename__in=["add_article", "change_article", "add_tag"]
    )
    authors.permissions.set(author_perms)
    return editors, authors
