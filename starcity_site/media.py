"""Uploaded images served by the site itself, when no object storage is configured.

Production should keep uploads in object storage (``AWS_STORAGE_BUCKET_NAME``): a PaaS wipes the
machine's disk on every deploy, and start-up, ``check --deploy`` and the admin say so
(starcity_site/checks.py). Until then the pictures must still show, so the site serves what it
wrote under MEDIA_ROOT, and only that: the URL pattern admits the stored originals
(``images/<model>/<name>.<ext>``) and their renditions (``renditions/<stem>/<shape>-<width>.<ext>``)
with image extensions alone. A path with a dot anywhere but before its extension, another
folder, or a trailing slash never reaches the view, so nothing climbs out of MEDIA_ROOT and no
directory is listed. Every stored name is a fresh uuid, never rewritten, so browsers may keep a
file as long as object storage lets them (the same Cache-Control as the S3 settings).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.views.decorators.http import require_safe
from django.views.static import serve

IMMUTABLE = "public, max-age=31536000, immutable"
NAME = r"[A-Za-z0-9_-]{1,100}"
PATH = rf"(?:images|renditions)/{NAME}/{NAME}\.(?:jpg|jpeg|png|webp|gif)"


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponse:
    """One stored image; MEDIA_ROOT is read per request, so a new upload is served at once."""
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT, show_indexes=False)
    except (SuspiciousFileOperation, OSError):  # OSError: a name the file system refuses
        raise Http404("No such file") from None
    response["Cache-Control"] = IMMUTABLE
    response["X-Content-Type-Options"] = "nosniff"
    return response


def urlpatterns() -> list[URLPattern]:
    """The media URL, when the site serves uploads itself (``SERVE_MEDIA``) at a local prefix."""
    prefix = settings.MEDIA_URL
    if not settings.SERVE_MEDIA or not prefix.startswith("/") or prefix.startswith("//"):
        return []  # object storage, or a CDN's absolute URL: nothing to serve here
    return [re_path(rf"^{re.escape(prefix.lstrip('/'))}(?P<path>{PATH})$", media, name="media")]
