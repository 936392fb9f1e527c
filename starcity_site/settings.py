"""Settings for the Star City site: one module, every deploy-dependent value from the environment.

Local runs read a git-ignored ``.env`` (written by ``bin/run``); real environment variables win
over it. Production (``DEBUG`` off, the default) refuses to start without a strong
``SECRET_KEY`` and ``ALLOWED_HOSTS``. See the configuration table in README.md.
"""

from pathlib import Path

import environ
from django.core.files.storage import FileSystemStorage
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from starcity_site import configuration as conf

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = conf.secret_key(env, debug=DEBUG)
ALLOWED_HOSTS = conf.allowed_hosts(env, debug=DEBUG)
CSRF_TRUSTED_ORIGINS = conf.csrf_trusted_origins(env)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "reversion",
    "axes",
    "csp",
    "django_prose_editor",  # the admin's rich-text editor (starcity_site.richtext); ships its static files
    "starcity_site",
    "library",
    "shows",
    "people",
    "news",
    "search",
    "universe",
    "spoilers",
]

MIDDLEWARE = [
    # Outermost: the security headers on every response, even a 400 raised before the layers
    # below ran (a Host not in ALLOWED_HOSTS), and Cross-Origin-Resource-Policy.
    "starcity_site.headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a cached public page skips every layer below (starcity_site/caching/policy.py).
    "starcity_site.caching.policy.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Not a layer: refuses to start before bin/build, warns about uploads on local disk (checks.py).
    "starcity_site.checks.StartupChecks",
    # axes must come last: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "starcity_site.urls"
# How far a reader has watched, for spoiler masking (starcity_site.reading).
READER_PROGRESS = "spoilers.request.get_progress"
WSGI_APPLICATION = "starcity_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "starcity_site.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": conf.database_config(env, default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections save a TCP + auth round trip per request; health checks drop a
    # connection that died while idle, so a restarted database is picked up without a restart.
    DATABASES["default"]["CONN_MAX_AGE"] = conf.number(env, "CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
    # Fail fast instead of piling requests up behind a hung database (see docs/reliability.md).
    DATABASES["default"].setdefault("OPTIONS", {})
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        # Parameters travel apart from the SQL, so a query the site runs on every request has the
        # same text each time and psycopg prepares it on its second run: PostgreSQL then skips
        # parsing and planning it. Off for a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
        DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 2)
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", conf.number(env, "DB_CONNECT_TIMEOUT", 3, minimum=1))
    DATABASES["default"]["OPTIONS"].setdefault(
        "options", f"-c statement_timeout={conf.number(env, 'DB_STATEMENT_TIMEOUT_MS', 5000)}"
    )
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    # SQLite: wait for a writer instead of failing at once, and allow concurrent readers.
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = conf.redis_url(env)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "starcity_site.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="starcity"),
            "TIMEOUT": conf.number(env, "CACHE_TIMEOUT", 600, minimum=1),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "starcity",
            "TIMEOUT": conf.number(env, "CACHE_TIMEOUT", 600, minimum=1),
        }
    }
# Seconds a rendered public page may be reused; 0 turns page caching off (benchmarks, debugging).
PAGE_CACHE_SECONDS = conf.number(env, "PAGE_CACHE_SECONDS", 600)
# Which version of a page a request gets: the reader's normalised spoiler progress (the page
# cache's key; starcity_site/caching/policy.py). Empty: one version for everyone.
PAGE_CACHE_VARIANT = "spoilers.request.cookie_token"

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ADMIN_PATH = env.str("ADMIN_PATH", default="admin").strip("/") + "/"
LOGIN_URL = f"/{ADMIN_PATH}login/"
LOGIN_REDIRECT_URL = f"/{ADMIN_PATH}"

# django-axes: lock an account at an address after a few failures, and an address after more
# (guesses spread over many accounts), for a while (its default lockout is permanent); the client
# address is read only from the router's forwarding header. axes has one limit for both counts:
# starcity_site/login_throttle.py picks which applies.
LOGIN_ACCOUNT_FAILURE_LIMIT = conf.number(env, "AXES_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = conf.number(env, "AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_FAILURE_LIMIT = "starcity_site.login_throttle.failure_limit"
AXES_COOLOFF_TIME = conf.number(env, "AXES_COOLOFF_HOURS", 0.25, minimum=0.01, whole=False)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "starcity_site.views.lockout"  # errors/lockout.html, saying how long to wait
# How many proxies (the PaaS router: 1) append to X-Forwarded-For in front of gunicorn; only the
# address the nearest one wrote is trusted (starcity_site/client_ip.py), never the client's own.
TRUSTED_PROXY_COUNT = conf.number(env, "TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "starcity_site.client_ip.client_ip"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
# One language, British English, for fans and editors alike: with translation off, lazy labels skip
# the gettext machinery on every render. Dates keep the en-GB formats: they follow LANGUAGE_CODE.
USE_I18N = False
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_MANIFEST_ROOT = Path(STATIC_ROOT).with_name(f"{Path(STATIC_ROOT).name}-manifest")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=DATA_DIR / "media")
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
# collectstatic keeps only the hashed names (templates only ever link those): half the files for
# whitenoise to index when each process starts, and half the build's static files.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # A PaaS disk is wiped on every deploy, so uploads go to S3-compatible object storage.
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=False),
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if DEBUG:
    STATIC_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
else:
    STATIC_STORAGE = {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        # The manifest (every file's hashed name) is written beside STATIC_ROOT, not in it:
        # whitenoise serves everything in STATIC_ROOT, and the manifest is for us alone.
        "OPTIONS": {"manifest_storage": FileSystemStorage(location=STATIC_MANIFEST_ROOT)},
    }
STORAGES = {"default": MEDIA_STORAGE, "staticfiles": STATIC_STORAGE}
# Without object storage the site serves its own uploads, so no picture is ever broken; start-up,
# check --deploy and the admin warn that a PaaS loses them (starcity_site/media.py, checks.py).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not AWS_STORAGE_BUCKET_NAME)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Image uploads (starcity_site/images): refused above these, with an error naming the limit.
IMAGE_MAX_UPLOAD_BYTES = conf.number(env, "IMAGE_MAX_UPLOAD_BYTES", 15 * 1024 * 1024, minimum=1)
IMAGE_MAX_PIXELS = conf.number(env, "IMAGE_MAX_PIXELS", 40_000_000, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Security -------------------------------------------------------------------------------
# The PaaS router terminates TLS and says so in X-Forwarded-Proto.
if env.bool("SECURE_PROXY_SSL_HEADER", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = conf.number(env, "SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Other sites may not embed our pages, images or static files (starcity_site/headers.py).
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "starcity_site.views.csrf_failure"

# The rich-text editor's own node for inline library images (starcity_site.richtext, library.inline):
# its module is one of our static files, and it writes only <figure data-image="ID">.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("admin-editor/library-image.js")],
        "extensions": {"LibraryImage": html_tags(["figure"], {"figure": ["data-image"]})},
    }
]

# django-csp: everything from this origin only; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # The admin's rich-text change forms add a nonce for the editor's import map
        # (starcity_site.richtext.RichTextAdminMixin); nothing else runs inline script.
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env.list("CSP_IMG_SOURCES", default=[])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Logging: everything to stdout, where the PaaS collects it ------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"security_one_line": {"()": "starcity_site.logs.SecurityEventsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["security_one_line"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
