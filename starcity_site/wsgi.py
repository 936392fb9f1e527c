"""WSGI entry point for gunicorn (see Procfile)."""

import gc
import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "starcity_site.settings")

from starcity_site.configuration import ConfigurationError


def warm_up() -> None:
    """Do now what the first request would otherwise do: import the URLconf with every view,
    build the URL resolver's reverse tables and import the cache backends (redis-py alone takes
    a quarter of a second). gunicorn loads this module before it forks (``preload_app``), so
    every worker starts with them done: the first page after a deploy or a restart comes sooner
    (docs/performance.md, cold start). Nothing here opens a connection to the database or Redis.

    Last, everything made so far (some 70,000 objects: modules, classes, the URLconf) is moved
    out of the garbage collector's sight. It lives as long as the process, so a full collection
    would only scan it again and again, and by touching it would copy the pages each worker
    shares with the master after the fork.
    """
    from django.conf import settings
    from django.core.cache import caches
    from django.urls import reverse

    reverse("home")
    for alias in settings.CACHES:
        caches[alias]
    # No gc.collect() first: it found ~100 unreachable objects and cost 40-60 ms of cold start.
    gc.freeze()


try:
    application = get_wsgi_application()
except ConfigurationError as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    raise SystemExit(4) from None
warm_up()
