"""Responsive renditions: made once when an image is saved, named so a page can list them blind.

Each original ``images/<model>/<stem>.<ext>`` gets, per shape, the widths of WIDTHS that fit in
its crop (never upscaled; a crop narrower than a shape's largest width adds its own width), in
WebP and JPEG: ``renditions/<stem>/<shape>-<width>.webp|jpg``. Names and sizes follow from the
stored width, height and nothing else, so the template tag builds ``srcset`` with no I/O and no
query. Only the storage API is used, so local disk and S3 behave alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import Storage

from starcity_site.images.processing import encode

if TYPE_CHECKING:
    from PIL import Image

WIDTHS = (320, 640, 1024, 1600)
ROOT = "renditions"
FORMATS = (("webp", "WEBP"), ("jpg", "JPEG"))


@dataclass(frozen=True)
class Shape:
    name: str
    ratio_w: int
    ratio_h: int
    max_width: int


@dataclass(frozen=True)
class Variant:
    """What a template asks for: a shape and the default ``sizes`` for where it is used."""

    name: str
    shape: Shape
    sizes: str


WIDE = Shape("wide", 16, 9, 1600)
PORTRAIT = Shape("portrait", 4, 5, 1024)
POSTER = Shape("poster", 2, 3, 1024)
SQUARE = Shape("square", 1, 1, 640)
SHAPES = (WIDE, PORTRAIT, POSTER, SQUARE)

# The CSS gives cards and heroes a 16:9 box, portraits max 16rem, avatars 6rem.
VARIANTS = {
    v.name: v
    for v in (
        Variant("hero", WIDE, "(min-width: 60rem) 50rem, 100vw"),
        Variant("card", WIDE, "(min-width: 60rem) 24rem, (min-width: 40rem) 50vw, 100vw"),
        Variant("portrait", PORTRAIT, "(min-width: 40rem) 16rem, 100vw"),
        Variant("poster", POSTER, "(min-width: 40rem) 16rem, 50vw"),
        Variant("thumb", SQUARE, "6rem"),
    )
}
DEFAULT_VARIANT = "card"


def crop_box(width: int, height: int, shape: Shape, focal_x: int = 50, focal_y: int = 50) -> tuple[int, int, int, int]:
    """The largest box of the shape's ratio inside the image, centred on the focal point (in %)."""
    if width * shape.ratio_h > height * shape.ratio_w:  # wider than the shape: trim the sides
        crop_w, crop_h = max(1, height * shape.ratio_w // shape.ratio_h), height
    else:
        crop_w, crop_h = width, max(1, width * shape.ratio_h // shape.ratio_w)
    centre_x, centre_y = width * min(max(focal_x, 0), 100) / 100, height * min(max(focal_y, 0), 100) / 100
    left = int(min(max(centre_x - crop_w / 2, 0), width - crop_w))
    top = int(min(max(centre_y - crop_h / 2, 0), height - crop_h))
    return left, top, left + crop_w, top + crop_h


def widths_for(width: int, height: int, shape: Shape) -> list[int]:
    """Rendition widths of ``shape`` for an original of this size, smallest first."""
    left, _top, right, _bottom = crop_box(width, height, shape)
    crop_w = right - left
    widths = [w for w in WIDTHS if w <= min(crop_w, shape.max_width)]
    if crop_w < shape.max_width and crop_w not in widths:
        widths.append(crop_w)
    return widths


def height_for(width: int, shape: Shape) -> int:
    return max(1, round(width * shape.ratio_h / shape.ratio_w))


def stem(original_name: str) -> str:
    return PurePosixPath(original_name).stem


def rendition_name(original_name: str, shape: Shape, width: int, extension: str) -> str:
    return f"{ROOT}/{stem(original_name)}/{shape.name}-{width}.{extension}"


def rendition_url_builder(storage: Storage, original_name: str):
    """A function (shape, width, extension) -> URL for ``original_name``'s renditions.

    A picture lists up to nine files of one folder. ``storage.url`` costs a URL join (local disk)
    or a boto3 call (S3) each time, so the folder's URL is asked for once and the file names,
    plain ASCII, are appended. Signed URLs (a query string) differ per file: then every file is
    asked for on its own.
    """
    probe = f"{ROOT}/{stem(original_name)}/probe.jpg"
    probe_url = storage.url(probe)
    if "?" in probe_url or "#" in probe_url or not probe_url.endswith("/probe.jpg"):
        return lambda shape, width, extension: storage.url(rendition_name(original_name, shape, width, extension))
    folder = probe_url[: -len("probe.jpg")]
    return lambda shape, width, extension: f"{folder}{shape.name}-{width}.{extension}"


def expected_names(original_name: str, width: int, height: int) -> list[str]:
    return [
        rendition_name(original_name, shape, w, ext)
        for shape in SHAPES
        for w in widths_for(width, height, shape)
        for ext, _fmt in FORMATS
    ]


def make_renditions(
    storage: Storage,
    original_name: str,
    image: Image.Image,
    focal_x: int = 50,
    focal_y: int = 50,
    *,
    replace: bool = False,
) -> list[str]:
    """Write every rendition of ``image`` (already normalised); return the names written.

    A new upload's names are new (its stem is a fresh uuid), so only a rebuild (``replace``)
    asks the storage whether a file exists: on S3 each question is a request.
    """
    from PIL import Image  # on first use: see validation.check_upload

    written = []
    try:
        for shape in SHAPES:
            widths = widths_for(image.width, image.height, shape)
            current = image.crop(crop_box(image.width, image.height, shape, focal_x, focal_y))
            # A whole-factor box reduction first (an exact area average, and fast) leaves LANCZOS
            # a small image to finish: a camera photo costs seconds less.
            factor = current.width // widths[-1]
            if factor >= 2:
                current = current.reduce(factor)
            # Largest first, each from the one before: much faster than from the full crop.
            for width in reversed(widths):
                size = (width, height_for(width, shape))
                if current.size != size:
                    current = current.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
                for extension, image_format in FORMATS:
                    name = rendition_name(original_name, shape, width, extension)
                    if replace and storage.exists(name):  # keep the name deterministic
                        storage.delete(name)
                    written.append(storage.save(name, ContentFile(encode(current, image_format, quality=80))))
    except Exception:
        for name in written:  # nothing half-made stays behind
            storage.delete(name)
        raise
    return written


def delete_renditions(storage: Storage, original_name: str) -> int:
    """Delete every rendition of ``original_name``; return how many files went."""
    folder = f"{ROOT}/{stem(original_name)}"
    try:
        _dirs, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for filename in files:
        storage.delete(f"{folder}/{filename}")
    return len(files)


def rendition_url(obj, variant: str = DEFAULT_VARIANT, max_width: int = 1024, extension: str = "jpg") -> str:
    """URL of ``obj``'s widest rendition of ``variant`` not over ``max_width`` ('' without image).

    For places that want one file rather than a srcset: the admin's thumbnail, og:image.
    """
    image = getattr(obj, "image", None)
    width, height = getattr(obj, "image_width", None), getattr(obj, "image_height", None)
    if not image or not width or not height:
        return ""
    shape = VARIANTS.get(variant, VARIANTS[DEFAULT_VARIANT]).shape
    widths = widths_for(width, height, shape)
    chosen = max([w for w in widths if w <= max_width] or widths[:1])
    return image.storage.url(rendition_name(image.name, shape, chosen, extension))
