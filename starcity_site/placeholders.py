"""Generated placeholder pictures for the demo content: no photo can be fetched, so we draw one.

Each picture is the initials (and, for posters and heroes, the title) on a colour derived from
the text, with a small moon-and-orbit motif and a few stars. The same text always gives the same
picture, byte for byte, so a demo load can be repeated and compared.

``attach_placeholder`` saves one through the model's own image field, so whatever the image
pipeline does to an editor's upload (validation, re-encoding, renditions) happens here too.
"""

from __future__ import annotations

import colorsys
import hashlib
import random
import textwrap
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

CREDIT = "Generated placeholder"

# Width × height for each use; the templates crop from these with the focal point.
PORTRAIT = (800, 1000)
POSTER = (1000, 1500)
HERO = (1600, 900)


def initials(text: str) -> str:
    words = [word for word in text.replace(".", " ").split() if word[:1].isalpha()]
    if len(words) > 2:  # "Ronald D. Moore" → "RM": first and last name read best
        words = [words[0], words[-1]]
    return "".join(word[0] for word in words).upper() or "?"


def colours(text: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """A dark background and a mid-tone accent of the same hue, both fixed by the text.

    The background is kept dark (lightness 0.22–0.30) so white lettering always clears the
    WCAG contrast ratio for large text, whatever hue the name lands on.
    """
    digest = hashlib.sha256(text.encode()).digest()
    hue = digest[0] / 255
    background = colorsys.hls_to_rgb(hue, 0.22 + digest[1] / 255 * 0.08, 0.45)
    accent = colorsys.hls_to_rgb(hue, 0.42, 0.5)  # white text over it stays readable
    return _rgb(background), _rgb(accent)


def _rgb(colour: tuple[float, float, float]) -> tuple[int, int, int]:
    return tuple(round(channel * 255) for channel in colour)


def render(text: str, size: tuple[int, int], *, title: str = "") -> bytes:
    """A PNG of ``size``: the initials of ``text`` large, and ``title`` (if any) underneath."""
    width, height = size
    background, accent = colours(text)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    rng = random.Random(hashlib.sha256(text.encode()).hexdigest())  # stable stars for a name
    short = min(size)

    for _ in range(40):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.choice((1, 1, 2, 3))
        if width * 0.2 < x < width * 0.8 and height * 0.25 < y < height * 0.85:
            continue  # keep the lettering clear
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(235, 235, 245))

    # The motif: a moon low in one corner with an orbit sweeping across the frame.
    moon_r = short // 3
    cx, cy = width - moon_r // 2, height - moon_r // 2
    draw.ellipse((cx - moon_r, cy - moon_r, cx + moon_r, cy + moon_r), fill=accent)
    orbit = (-width // 4, height // 6, width + width // 6, height + height // 2)
    draw.arc(orbit, start=180, end=360, fill=accent, width=max(2, short // 160))

    letters = initials(text)
    font = ImageFont.load_default(size=short // 3)
    box = draw.textbbox((0, 0), letters, font=font)
    text_y = height * 0.42 if title else height / 2
    draw.text(((width - (box[2] - box[0])) / 2 - box[0], text_y - (box[3] - box[1]) / 2 - box[1]), letters, font=font)

    if title:
        size_px = short // 14
        title_font = ImageFont.load_default(size=size_px)
        lines = textwrap.wrap(title, width=max(12, int(width * 0.7 / (size_px * 0.55))))
        if len(lines) > 3:
            lines = [*lines[:2], lines[2] + " \u2026"]
        y = height * 0.62
        for line in lines:
            line_box = draw.textbbox((0, 0), line, font=title_font)
            draw.text(((width - (line_box[2] - line_box[0])) / 2 - line_box[0], y), line, font=title_font)
            y += (line_box[3] - line_box[1]) * 1.5

    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def needs_image(obj) -> bool:
    """True when ``obj`` has no picture, or its file is gone (a wiped media folder)."""
    if not obj.image:
        return True
    return not obj.image.storage.exists(obj.image.name)


def attach_placeholder(obj, *, text: str, size: tuple[int, int], alt: str, title: str = "", **fields) -> bool:
    """Give ``obj`` (any model with ``ImageFields``) a generated picture unless it has one.

    Never replaces an existing picture, so an editor's upload survives every demo reload.
    ``fields`` (a caption, say) are set only together with a new picture. Returns whether a
    picture was made; the object is then validated and saved.
    """
    if not needs_image(obj):
        return False
    content = ContentFile(render(text, size, title=title), name=f"{slugify(text) or 'placeholder'}.png")
    obj.image.save(content.name, content, save=False)
    obj.image_alt = alt
    obj.image_credit = CREDIT
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.full_clean()  # the image field's validators run, as for an editor's upload
    obj.save()
    return True
