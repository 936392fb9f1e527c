"""The demo's drawn pictures as library images (the drawing is ``starcity_site.placeholders``).

Each is one library image, found again by its title on every load, so a poster or portrait is
stored once and every row that shows it (the person, the stories about them) points at the same
image. A picture an editor chose is never replaced.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.text import slugify

from library.models import Image
from starcity_site.placeholders import CREDIT, LEGACY_CREDITS, render


def needs_drawing(image: Image | None) -> bool:
    """True without an image, when its file is gone (a wiped media folder), or when an earlier
    demo load drew it (its credit says so): that one is the demo's to draw again."""
    if image is None or not image.image or image.image_credit in LEGACY_CREDITS:
        return True
    return not image.image.storage.exists(image.image.name)


def drawn_image(*, title: str, text: str, size: tuple[int, int], alt: str, kind: str, kicker: str = "") -> Image:
    """The demo's drawn picture titled ``title``: the library's, or drawn and stored now."""
    image = Image.objects.filter(title=title, image_credit__in=[CREDIT, *LEGACY_CREDITS]).first()
    if image is not None and not needs_drawing(image):
        return image
    return draw_into(image or Image(title=title), text=text, size=size, alt=alt, kind=kind, kicker=kicker)


def draw_into(image: Image, *, text: str, size: tuple[int, int], alt: str, kind: str, kicker: str = "") -> Image:
    """Store a fresh drawing in ``image`` through its own field (validation, re-encoding and
    renditions, as for an editor's upload), with its alt text and the demo's credit."""
    content = ContentFile(render(text, size, kind=kind, kicker=kicker), name=f"{slugify(text) or kind}.png")
    image.image.save(content.name, content, save=False)
    image.image_alt = alt
    image.image_credit = CREDIT
    image.full_clean()
    image.save()
    return image


def attach_placeholder(obj, *, title: str, field: str = "image", **drawing) -> bool:
    """Give ``obj`` a drawn library image in ``field`` unless it has a picture that is fine.

    A chosen image whose file is gone, or that an earlier demo load drew, is drawn again in
    place (every row using it gets the new drawing). Returns whether a picture was drawn.
    """
    current = getattr(obj, field)
    if current is not None:
        if not needs_drawing(current):
            return False
        draw_into(current, **drawing)
        return True
    known = Image.objects.filter(title=title, image_credit=CREDIT).exists()
    setattr(obj, field, drawn_image(title=title, **drawing))
    obj.save()
    return not known
