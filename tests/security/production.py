"""What settings.py makes of a production environment, read in a fresh process.

Tests import settings once, under the test environment (DEBUG may be on in a developer's .env);
the values production gets are only visible to a process started with production variables.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

from tests.reliability import services

BASE_DIR = Path(__file__).resolve().parents[2]

SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CONTENT_SECURITY_POLICY",
]


def production_env(**overrides: str) -> dict[str, str]:
    """A process environment as on the PaaS: DEBUG off, a strong key, a real host name, HTTPS."""
    return services.production_env(
        ALLOWED_HOSTS="starcity.example.com",
        SECURE_SSL_REDIRECT="on",
        DATABASE_URL="sqlite:////tmp/starcity-security-unused.sqlite3",
        TRUSTED_PROXY_COUNT="1",
        **overrides,
    )


@functools.cache
def production_settings() -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {SECURITY_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"] is not None:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values
