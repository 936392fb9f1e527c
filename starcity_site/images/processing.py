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


@functools.cache
def _srgb():
    from PIL import ImageCms

    return ImageCms.createProfile("sRGB")


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info


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
