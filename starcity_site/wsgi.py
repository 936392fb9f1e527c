"""WSGI entry point for gunicorn (see Procfile)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "starcity_site.settings")

from starcity_site.configuration import ConfigurationError

try:
    application = get_wsgi_application()
except ConfigurationError as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    raise SystemExit(4) from None
