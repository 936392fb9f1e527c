"""Normalise and re-encode a checked upload, so what we store is a fresh file we wrote ourselves.

Re-encoding drops anything riding along with the pixels (HTML appended to a PNG, EXIF with GPS
and camera serials, comments); EXIF orientation is applied first so the picture stays upright,
and colour is converted to sRGB, the space every browser assumes.
"""

from __future__ import annotations

import functools
from io import BytesIO
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from PIL import Image

# What each accepted input is stored as (a static GIF becomes a PNG: same pixels, no palette games).
OUTPUT_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
EXTENSION = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# The stored original's longest side: twice the widest rendition (renditions.WIDTHS). A larger
# upload is scaled down by a whole factor as it is decoded, to between half this and this (never
# below the widest rendition), so every later step (colour, re-encoding, renditions) works on at
# most this size whatever the upload's.
MAX_SIDE = 3200
# Rows of the scaled-down picture made at a time from the full-size one (see shrink()).
BAND_ROWS = 128
# Modes Image.reduce() works on; others are converted, one band at a time.
REDUCIBLE_MODES = {"L", "LA", "RGB", "RGBA", "CMYK"}


@functools.cache
def _srgb():
    from PIL import ImageCms

    return ImageCms.createProfile("sRGB")


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info


def reduction(width: int, height: int) -> int:
    """The whole factor that brings ``width`` × ``height`` within MAX_SIDE (1: none)."""
    return -(-max(width, height) // MAX_SIDE)


def bounded_size(width: int, height: int) -> tuple[int, int]:
    """The size shrink() makes of a picture of ``width`` × ``height``."""
    factor = reduction(width, height)
    return -(-width // factor), -(-height // factor)


def shrink(image: Image.Image) -> Image.Image:
    """``image`` (decoded) at most MAX_SIDE on its longest side, with its format and metadata.

    A whole-factor box reduction (an exact area average) made band by band: Pillow's reduce
    and its colour conversions copy the whole picture first (a 40-megapixel picture is 160 MB
    decoded, and an RGBA one's premultiplied copy as much again), while a band costs a few
    megabytes. The full-size picture can go as soon as this returns.
    """
    factor = reduction(*image.size)
    if factor == 1:
        return image
    source_format, info = image.format, dict(image.info)
    info.pop("transparency", None)  # applied: bands with it become RGBA
    try:
        image = _reduce_in_bands(image, factor)
    except ValueError:  # e.g. 16-bit modes Pillow cannot convert directly
        raise ValidationError(_("This image's colour format is not supported."), code="colour_format") from None
    image.info = info
    image.format = source_format  # what normalise() stores it as
    return image


def _reduce_in_bands(image: Image.Image, factor: int) -> Image.Image:
    from PIL import Image

    width, height = image.size
    step = BAND_ROWS * factor
    result = None
    for top in range(0, height, step):  # each band's boxes are the same as the whole picture's
        band = image.crop((0, top, width, min(top + step, height)))
        if band.mode not in REDUCIBLE_MODES:
            band = band.convert("RGBA" if _has_alpha(band) else "RGB")
        small = band.reduce(factor)
        if result is None:
            result = Image.new(small.mode, (-(-width // factor), -(-height // factor)))
        result.paste(small, (0, top // factor))
    return result


def normalise(image: Image.Image) -> tuple[Image.Image, str]:
    """Upright, sRGB, RGB or RGBA, without metadata; and the format to store it in."""
    # Imported here, not with the site: see validation.check_upload.
    from PIL import ImageCms, ImageOps

    source_format = image.format or "PNG"
    output_format = OUTPUT_FORMAT.get(source_format, "PNG")
    keep_alpha = output_format in {"PNG", "WEBP"} and _has_alpha(image)
    target_mode = "RGBA" if keep_alpha else "RGB"
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    try:
        if icc and image.mode in {"RGB", "RGBA", "CMYK", "L"}:
            try:
                source_profile = ImageCms.ImageCmsProfile(BytesIO(icc))
                out_mode = "RGBA" if image.mode == "RGBA" and keep_alpha else "RGB"
                if image.mode == "RGBA" and not keep_alpha:
                    image = image.convert("RGB")
                image = ImageCms.profileToProfile(image, source_profile, _srgb(), outputMode=out_mode)
            except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
                pass  # a broken or unusual profile: fall back to Pillow's plain conversion below
        if image.mode != target_mode:
            image = image.convert(target_mode)
    except ValueError:  # e.g. 16-bit modes Pillow cannot convert directly
        raise ValidationError(_("This image's colour format is not supported."), code="colour_format") from None
    image.info = {}  # no EXIF, ICC, text chunks or comments survive
    return image, output_format


def encode(image: Image.Image, image_format: str, *, quality: int = 86) -> bytes:
    buffer = BytesIO()
    if image_format == "JPEG":
        if image.mode != "RGB":
            image = flatten(image)
        image.save(buffer, "JPEG", quality=quality, progressive=True)
    elif image_format == "WEBP":
        image.save(buffer, "WEBP", quality=quality, method=3)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency."""
    from PIL import Image

    if image.mode != "RGBA":
        return image.convert("RGB")
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background
