"""Reading deploy-dependent values from the environment, with one clear sentence when one is wrong.

Settings call these helpers; ``manage.py`` and ``wsgi.py`` catch ``ConfigurationError`` and print
its message alone, so an operator sees which variable to fix instead of a traceback from deep
inside Django.
"""

from __future__ import annotations

import math
import re
import warnings
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

# Django's own check (security.W009) uses the same idea: short keys or keys with few distinct
# characters are guessable, and the "django-insecure-" prefix marks a key from startproject.
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARS = 5
HOST_PATTERN = re.compile(
    r"^(\*|\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(:\d+)?$", re.I
)
REDIS_SCHEMES = {"redis", "rediss", "unix"}


class ConfigurationError(ImproperlyConfigured):
    """A deploy-dependent value is missing or malformed; the message names the variable."""


def number(env: environ.Env, name: str, default: int | float, *, minimum: int | float = 0, whole: bool = True):
    """A count or a duration: a whole number (or any number, ``whole=False``) of at least ``minimum``.

    django-environ's ``int()`` stops start-up with a bare ValueError that does not name the
    variable, and takes a negative wait or count without a word.
    """
    raw = env.str(name, default="").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value < minimum:
        kind = "a whole number" if whole else "a number"
        raise ConfigurationError(f"{name} must be {kind} of at least {minimum} (it is {raw!r}).")
    return value


def database_config(env: environ.Env, default: str) -> dict:
    raw = env.str("DATABASE_URL", default=default)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # django-environ warns, then returns junk; we say why below
            config = env.db_url_config(raw) if raw else {}
    except Exception as exc:  # django-environ raises several types for bad URLs
        raise ConfigurationError(f"DATABASE_URL is not a valid database URL ({exc}).") from exc
    engine = config.get("ENGINE", "")
    if not engine.startswith("django.db.backends.") or not config.get("NAME"):
        raise ConfigurationError(
            "DATABASE_URL is not a valid database URL: expected something like "
            "postgres://user:password@host:5432/name or sqlite:////path/to/db.sqlite3."
        )
    return config


def allowed_hosts(env: environ.Env, *, debug: bool) -> list[str]:
    default = "127.0.0.1,localhost,[::1]" if debug else ""
    hosts = [h.strip() for h in env.str("ALLOWED_HOSTS", default=default).split(",") if h.strip()]
    bad = [h for h in hosts if not HOST_PATTERN.match(h)]
    if bad:
        raise ConfigurationError(
            f"ALLOWED_HOSTS has entries that are not host names: {', '.join(bad)} "
            "(write bare names such as starcity.example.com, comma-separated, no scheme or path)."
        )
    if not hosts and not debug:
        raise ConfigurationError(
            "ALLOWED_HOSTS must be set in production: the host names the site answers to, "
            "comma-separated (e.g. starcity.example.com)."
        )
    return hosts


def csrf_trusted_origins(env: environ.Env) -> list[str]:
    origins = [o.strip() for o in env.str("CSRF_TRUSTED_ORIGINS", default="").split(",") if o.strip()]
    bad = [o for o in origins if urlsplit(o).scheme not in {"http", "https"} or not urlsplit(o).netloc]
    if bad:
        raise ConfigurationError(
            f"CSRF_TRUSTED_ORIGINS entries must be origins such as https://starcity.example.com: {', '.join(bad)}."
        )
    return origins


def redis_url(env: environ.Env) -> str:
    url = env.str("REDIS_URL", default="").strip()
    if url:
        parts = urlsplit(url)
        if parts.scheme not in REDIS_SCHEMES or (parts.scheme != "unix" and not parts.hostname):
            raise ConfigurationError(
                "REDIS_URL is not a valid Redis URL: expected redis://host:6379/0 (or rediss:// for TLS)."
            )
        try:
            parts.port  # noqa: B018 - urlsplit only validates the port when it is read
        except ValueError as exc:
            raise ConfigurationError(f"REDIS_URL has an invalid port ({exc}).") from exc
    return url


def secret_key(env: environ.Env, *, debug: bool) -> str:
    key = env.str("SECRET_KEY", default="")
    weak = (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARS
        or key.startswith("django-insecure")
    )
    if weak and not debug:
        raise ConfigurationError(
            "SECRET_KEY is missing or weak: production needs a random value of at least "
            f'{MIN_SECRET_KEY_LENGTH} characters (python -c "import secrets; '
            'print(secrets.token_urlsafe(50))").'
        )
    if not key:
        raise ConfigurationError(
            "SECRET_KEY is not set: run bin/run, which writes a development key to .env, or set the variable yourself."
        )
    return key
