"""Is an upload a safe, decodable image? Decided by Pillow, never by the name or content type.

Django's stock ImageField accepts any of Pillow's ~70 formats (TIFF, PSD, EPS…) and images up to
twice Pillow's pixel limit. Here only JPEG, PNG, WebP and static GIF pass; the byte size is
checked before anything is read and the pixel count from the header before anything is decoded.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from starcity_site.images import processing

if TYPE_CHECKING:
    from PIL import Image

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
DEFAULT_MAX_UPLOAD_BYTES = 15 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
# Where check_upload() keeps the decoded picture on the file object, so that saving the model
# does not decode the same upload a second time.
CACHE_ATTRIBUTE = "_starcity_checked_image"


def max_upload_bytes() -> int:
    return getattr(settings, "IMAGE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def max_pixels() -> int:
    return getattr(settings, "IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MB"


def _megapixels(n: int) -> str:
    return f"{n / 1_000_000:.3g} megapixels"


def too_large_error(size: int) -> ValidationError:
    return ValidationError(
        _("The file is %(size)s; the limit is %(limit)s. Export a smaller JPEG, PNG or WebP."),
        code="file_too_large",
        params={"size": _megabytes(size), "limit": _megabytes(max_upload_bytes())},
    )


def too_many_pixels_error(width: int | None = None, height: int | None = None) -> ValidationError:
    if width and height:
        return ValidationError(
            _("The image is %(width)s×%(height)s pixels; the limit is %(limit)s. Resize it first."),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": _megapixels(max_pixels())},
        )
    return ValidationError(
        _("The image has more pixels than the limit of %(limit)s. Resize it first."),
        code="too_many_pixels",
        params={"limit": _megapixels(max_pixels())},
    )


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("This file is not a JPEG, PNG, WebP or GIF image (SVG and other formats are not accepted)."),
        code="not_an_image",
    )


def _animated() -> ValidationError:
    return ValidationError(_("Animated images are not accepted; upload a still picture."), code="animated")


def _damaged() -> ValidationError:
    return ValidationError(
        _("The image is damaged or incomplete (perhaps a failed download); export it again."), code="damaged"
    )


def check_upload(f) -> Image.Image:
    """Return ``f`` decoded (fully loaded, at most ``processing.MAX_SIDE`` on its longest side)
    or raise ValidationError saying which rule it broke.

    ``f`` is any Django File (an upload, or a FieldFile in storage). The result is remembered on
    ``f``, so calling this again for the same file costs nothing.
    """
    cached = getattr(f, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    # Pillow is imported on first use: only editors' uploads and saves need it, and importing it
    # with the site cost every web process ~30 ms of its start (docs/performance.md, cold start).
    from PIL import Image, ImageFile, UnidentifiedImageError

    size = f.size
    if size is None or size > max_upload_bytes():
        raise too_large_error(size or 0)
    limit = max_pixels()
    # Pillow's own guard: a warning above the limit, an error above twice it. Both become our
    # clear error; our explicit header check below covers the rest.
    Image.MAX_IMAGE_PIXELS = limit
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # a truncated image must be refused, never padded with grey
        ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        # Up to twice the limit Pillow only warns; our header check below then names the size.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            f.seek(0)
            header = Image.open(f, formats=ALLOWED_FORMATS)  # reads the header only
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels_error() from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise _not_an_image() from None
        if header.width * header.height > limit:
            raise too_many_pixels_error(header.width, header.height)
        if getattr(header, "n_frames", 1) > 1:
            raise _animated()
        image_format = header.format
        try:
            header.verify()  # structure and checksums, without decoding pixels
            f.seek(0)
            image = Image.open(f, formats=[image_format])
            # A large JPEG is decoded at a half, quarter or eighth of its size when that still
            # covers what is stored (processing.MAX_SIDE): libjpeg reads all the data either way.
            image.draft(None, processing.bounded_size(*image.size))
            image.load()  # decoding proves the data is all there
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many_pixels_error() from None
        except Exception:  # Pillow raises many types for corrupt data (OSError, SyntaxError, …)
            raise _damaged() from None
    # Only the stored size is kept: the full-size picture goes as soon as this returns.
    image = processing.shrink(image)
    f.seek(0)
    setattr(f, CACHE_ATTRIBUTE, image)
    return image
