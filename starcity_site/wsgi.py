"""WSGI entry point for gunicorn (see Procfile)."""

import gc
import os
import sys

# Start-up makes some 100,000 objects that live as long as the process (modules, classes, the
# URLconf) and little garbage, yet the collector ran ~220 times while they were made: 5 % of the
# start-up's instructions (callgrind: 1.88 -> 1.78 G) for 0.7 MiB it would have freed.
# warm_up() turns it back on once everything is made and frozen.
gc.disable()

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "starcity_site.settings")

from starcity_site.configuration import ConfigurationError  # noqa: E402


def warm_up() -> None:
    """Do now what the first request would otherwise do: import the URLconf with every view,
    build the URL resolver's reverse tables and import the cache backends (redis-py alone takes
    a quarter of a second). gunicorn loads this module before it forks (``preload_app``), so
    every worker starts with them done: the first page after a deploy or a restart comes sooner
    (docs/performance.md, cold start). Nothing here opens a connection to the database or Redis.

    Last, everything made so far (some 155,000 objects: modules, classes, the URLconf, and the
    little garbage start-up left, since the collector was off) is moved out of the garbage
    collector's sight, and the collector is turned back on. It lives as long as the process, so a full collection
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
    gc.enable()


try:
    application = get_wsgi_application()
except ConfigurationError as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    raise SystemExit(4) from None
warm_up()
