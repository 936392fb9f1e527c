"""The site's URLconf plus views that fail, to see what a production visitor gets."""

from django.conf import settings
from django.db import OperationalError
from django.urls import path

from starcity_site.urls import *  # noqa: F403 - the real site, handlers included
from starcity_site.urls import urlpatterns as site_patterns


def explode(request):
    raise RuntimeError("secret internals: SECRET_KEY and /etc/passwd")


def database_gone(request):
    raise OperationalError("connection to server at 10.0.0.5 port 5432 failed")


def storage_fails(request):
    raise OSError("[Errno 28] No space left on device: '/srv/media/images/x.png'")


urlpatterns = [
    path("test-explode/", explode),
    path("test-db-gone/", database_gone),
    path(f"{settings.ADMIN_PATH}test-save-storage/", storage_fails),
    path(f"{settings.ADMIN_PATH}test-save-db/", database_gone),
    *site_patterns,
]
