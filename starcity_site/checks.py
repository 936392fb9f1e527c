"""What a first production deploy easily gets wrong, said at start-up and by ``check --deploy``.

- Started before ``bin/build``: every page would be a 500 ("Missing staticfiles manifest
  entry"), so start-up refuses, in one sentence naming the step.
- No object storage: uploads land on the machine's own disk, which a PaaS wipes on every deploy.
  The site still serves them (starcity_site/media.py), but start-up logs a warning,
  ``check --deploy`` reports it and the admin's index shows it to editors.

Django runs system checks for ``manage.py`` commands, not when gunicorn loads the site; the
middleware list is built exactly then (and for runserver), so ``StartupChecks`` runs there and
then drops itself from the chain. Its error is a ConfigurationError, which wsgi.py prints alone.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core import checks
from django.core.exceptions import MiddlewareNotUsed
from django.core.files.storage import FileSystemStorage, storages

from starcity_site.configuration import ConfigurationError

logger = logging.getLogger("starcity_site")

MEDIA_ON_LOCAL_DISK = (
    "Uploaded images are kept on this machine's own disk (MEDIA_ROOT), which a PaaS wipes on every "
    "redeploy: set AWS_STORAGE_BUCKET_NAME (and its credentials) to keep them in object storage."
)
STATIC_NOT_BUILT = (
    "The static files are not collected (no manifest for css/site.css): run bin/build, the deploy's "
    "build step, before starting with DEBUG off."
)
# The stylesheet every page links: if its hashed name is unknown, every page fails.
STATIC_PROBE = "css/site.css"


def media_on_local_disk() -> bool:
    """Production keeps uploads on the local file system (no object storage configured)."""
    return not settings.DEBUG and isinstance(storages["default"], FileSystemStorage)


def static_not_built() -> bool:
    """The hashed static files' manifest is missing, so templates cannot name a static file."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestStaticFilesStorage):
        return False  # development: files are served as they are, by name
    try:
        storage.url(STATIC_PROBE)
    except ValueError:
        return True
    return False


@checks.register(checks.Tags.security, deploy=True)
def check_media_storage(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if media_on_local_disk():
        return [checks.Warning(MEDIA_ON_LOCAL_DISK, id="starcity.W001")]
    return []


@checks.register("starcity_build", deploy=True)
def check_static_built(app_configs, **kwargs) -> list[checks.CheckMessage]:
    # Deploy-only and not tagged "staticfiles": collectstatic, which builds the manifest, runs
    # the staticfiles checks first and must not refuse for want of its own output.
    if static_not_built():
        return [checks.Error(STATIC_NOT_BUILT, id="starcity.E001")]
    return []


class StartupChecks:
    """Refuse to serve without the collected static files; warn about uploads on local disk."""

    def __init__(self, get_response) -> None:
        if static_not_built():
            raise ConfigurationError(STATIC_NOT_BUILT)
        if media_on_local_disk():
            logger.warning(MEDIA_ON_LOCAL_DISK)
        raise MiddlewareNotUsed
