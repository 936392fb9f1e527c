"""WSGI entry point for gunicorn (see Procfile)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "starcity_site.settings")

from starcity_site.configuration import ConfigurationError


def warm_up() -> None:
    """Import the URLconf with every view and the cache backend now, not on the first request.

    gunicorn loads this module before it forks (``preload_app``), so every worker starts with
    them done. Nothing here opens a connection to the database or the cache.
    """
    from django.conf import settings
    from django.core.cache import caches
    from django.urls import reverse

    reverse("home")
    for alias in settings.CACHES:
        caches[alias]


try:
    application = get_wsgi_application()
except ConfigurationError as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    raise SystemExit(4) from None
warm_up()
