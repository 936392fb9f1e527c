"""Drawn pictures for the demo content: no photograph of a real person is ever fetched or shown.

Three kinds, each with one layout so a page of them looks designed rather than random:

- ``poster`` (a show): a night sky over the Moon, a rocket climbing on its trail, the title set
  large at the foot and the platform above;
- ``portrait`` (a person): a name card with a drawn head-and-shoulders figure, the name and role
  on a band kept inside the square crop the thumbnails use;
- ``still`` (an article): a 16:9 frame like a film still, a launch pad under a dusk sky, with the
  headline as a lower-third caption.

Each takes its colours from the text it names, so the same text always gives the same picture,
byte for byte, and a demo load can be repeated and compared. Lettering uses Pillow's built-in
scalable font (no font file to ship or install).

``library.drawn`` stores them as library images through the image field, so whatever the image
pipeline does to an editor's upload (validation, re-encoding, renditions) happens to them too.
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

# The credit under a drawn picture: what it is and who made it.
CREDIT = "Illustration: Star City fan site"
# Credits earlier demo loads gave their pictures: such a picture is the demo's own, drawn again.
LEGACY_CREDITS = frozenset({"Generated placeholder"})

# Width × height stored for each use; the templates crop from these with the focal point. Large
# enough for every rendition the pages ask for, and no larger: each stored picture is cut into
# renditions on save, the bulk of a demo load's time.
PORTRAIT = (640, 800)
POSTER = (800, 1200)
HERO = (1280, 720)
# The size each kind is drawn at (the layouts are in these pixels), then scaled to the size asked.
CANVAS = {"poster": (1000, 1500), "portrait": (800, 1000), "still": (1600, 900)}

WHITE = (250, 248, 242)
CREAM = (236, 226, 204)
RED = (196, 32, 38)
INK = (14, 14, 22)

Colour = tuple[int, int, int]


def initials(text: str) -> str:
    words = [word for word in text.replace(".", " ").split() if word[:1].isalpha()]
    if len(words) > 2:  # "Ronald D. Moore" → "RM": first and last name read best
        words = [words[0], words[-1]]
    return "".join(word[0] for word in words).upper() or "?"


def colours(text: str) -> tuple[Colour, Colour]:
    """A dark background and a mid-tone accent of the same hue, both fixed by the text.

    The background is kept dark (lightness 0.16–0.24) so light lettering always clears the
    WCAG contrast ratio for large text, whatever hue the name lands on.
    """
    digest = hashlib.sha256(text.encode()).digest()
    hue = digest[0] / 255
    background = colorsys.hls_to_rgb(hue, 0.16 + digest[1] / 255 * 0.08, 0.45)
    accent = colorsys.hls_to_rgb(hue, 0.45, 0.55)
    return _rgb(background), _rgb(accent)


def _rgb(colour: tuple[float, float, float]) -> Colour:
    return tuple(round(channel * 255) for channel in colour)


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=max(8, int(size)))


def _gradient(draw: ImageDraw.ImageDraw, size: tuple[int, int], top: Colour, bottom: Colour) -> None:
    width, height = size
    for y in range(height):
        draw.line((0, y, width, y), fill=_mix(top, bottom, y / max(1, height - 1)))


def _stars(draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[int, int, int, int], count: int) -> None:
    left, top, right, bottom = box
    for _ in range(count):
        x, y = rng.randrange(left, right), rng.randrange(top, bottom)
        r = rng.choice((1, 1, 1, 2, 2, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_mix(WHITE, CREAM, rng.random()))


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, max_width: float, max_lines: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1] + " \u2026"]
    return lines


def _fit(draw: ImageDraw.ImageDraw, text: str, size: float, max_width: float, max_lines: int):
    """The largest font (down to half ``size``) at which ``text`` fits in ``max_lines`` lines."""
    while True:
        font = _font(size)
        lines = _wrap(draw, text, font, max_width, max_lines=99)
        if len(lines) <= max_lines or size < 20:
            return font, _wrap(draw, text, font, max_width, max_lines)
        size *= 0.9


def _text_block(draw, lines, font, x, y, fill, *, centre: float | None = None, weight: int = 0, leading=1.2) -> float:
    """Draw ``lines`` from ``y`` (left at ``x``, or centred on ``centre``); returns the y below them."""
    line_height = font.size * leading
    for line in lines:
        left = centre - draw.textlength(line, font=font) / 2 if centre is not None else x
        draw.text((left, y), line, font=font, fill=fill, stroke_width=weight, stroke_fill=fill)
        y += line_height
    return y


def _poster(image: Image.Image, text: str, kicker: str) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    background, accent = colours(text)
    rng = random.Random(hashlib.sha256(text.encode()).hexdigest())
    _gradient(draw, image.size, _mix(background, INK, 0.55), background)
    _stars(draw, rng, (0, 0, width, int(height * 0.7)), 160)

    # The Moon, high and cut by the frame; a few craters in a darker cream.
    moon_r = int(width * 0.36)
    mx, my = int(width * 0.62), int(height * 0.25)
    draw.arc((mx - moon_r * 1.4, my - moon_r * 0.3, mx + moon_r * 1.4, my + moon_r * 0.3), 180, 360, fill=RED, width=7)
    draw.ellipse((mx - moon_r, my - moon_r, mx + moon_r, my + moon_r), fill=CREAM)
    for _ in range(9):
        cr = rng.randrange(moon_r // 14, moon_r // 5)
        cx, cy = mx + rng.randrange(-moon_r // 2, moon_r // 2), my + rng.randrange(-moon_r // 2, moon_r // 2)
        draw.ellipse((cx - cr, cy - cr, cx + cr, cy + cr), fill=_mix(CREAM, background, 0.18))

    # An orbit around the Moon, and a rocket rising on its exhaust trail.
    orbit = (mx - moon_r * 1.4, my - moon_r * 0.3, mx + moon_r * 1.4, my + moon_r * 0.3)
    draw.arc(orbit, 0, 180, fill=RED, width=7)  # the near half passes in front of the Moon
    rx, ry = int(width * 0.24), int(height * 0.4)
    for step in range(1, 9):  # the trail: puffs growing and fading downwards
        r = 18 + step * 7
        puff = _mix(CREAM, background, 0.25 + step * 0.08)
        draw.ellipse((rx - r, ry + 60 + step * 34 - r, rx + r, ry + 60 + step * 34 + r), fill=puff)
    body = [(rx, ry - 110), (rx + 28, ry - 60), (rx + 28, ry + 70), (rx - 28, ry + 70), (rx - 28, ry - 60)]
    draw.polygon(body, fill=WHITE)
    draw.rectangle((rx - 28, ry - 20, rx + 28, ry - 6), fill=RED)
    draw.polygon([(rx - 28, ry + 20), (rx - 58, ry + 85), (rx - 28, ry + 70)], fill=RED)
    draw.polygon([(rx + 28, ry + 20), (rx + 58, ry + 85), (rx + 28, ry + 70)], fill=RED)

    # The foot: a dark band with the title set large, a red rule and the platform.
    band_top = int(height * 0.66)
    draw.rectangle((0, band_top, width, height), fill=_mix(background, INK, 0.8))
    draw.rectangle((0, band_top, width, band_top + 14), fill=RED)
    margin = width * 0.08
    font, lines = _fit(draw, text.upper(), width * 0.16, width - 2 * margin, 3)
    y = _text_block(draw, lines, font, margin, band_top + height * 0.05, WHITE, weight=3, leading=1.1)
    if kicker:
        small = _font(width * 0.045)
        draw.text((margin, y + height * 0.02), kicker.upper(), font=small, fill=_mix(accent, WHITE, 0.5))


def _portrait(image: Image.Image, text: str, kicker: str) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    background, accent = colours(text)
    _gradient(draw, image.size, _mix(accent, background, 0.35), background)

    # A halo and a head-and-shoulders figure, centred in the square the thumbnails crop to.
    cx = width // 2
    halo = int(width * 0.36)
    draw.ellipse((cx - halo, 170, cx + halo, 170 + 2 * halo), fill=_mix(accent, background, 0.55))
    figure = _mix(background, INK, 0.45)
    head = int(width * 0.14)
    head_y = 330
    draw.ellipse((cx - head, head_y - head, cx + head, head_y + head), fill=figure)
    draw.rectangle((cx - head // 2, head_y + head - 10, cx + head // 2, head_y + head + 50), fill=figure)
    draw.ellipse((cx - int(width * 0.34), head_y + head + 30, cx + int(width * 0.34), head_y + head + 420), fill=figure)

    # The band with the name (and the role), inside the central square (y 100–900).
    band_top = 680
    draw.rectangle((0, band_top, width, height), fill=_mix(background, INK, 0.7))
    draw.rectangle((0, band_top, width, band_top + 10), fill=RED)
    font, lines = _fit(draw, text, width * 0.1, width * 0.86, 2)
    y = band_top + 30 if len(lines) > 1 or kicker else band_top + 60
    y = _text_block(draw, lines, font, 0, y, WHITE, centre=cx, weight=2, leading=1.15)
    if kicker:
        small, role = _fit(draw, kicker, width * 0.05, width * 0.86, 1)
        _text_block(draw, role, small, 0, y + 4, _mix(CREAM, accent, 0.25), centre=cx)


def _still(image: Image.Image, text: str, kicker: str) -> None:
    width, height = image.size
    draw = ImageDraw.Draw(image)
    background, accent = colours(text)
    rng = random.Random(hashlib.sha256(text.encode()).hexdigest())
    horizon = int(height * 0.55)
    _gradient(draw, (width, horizon), _mix(background, INK, 0.5), _mix(accent, (240, 150, 90), 0.45))
    _stars(draw, rng, (0, 0, width, horizon // 2), 90)
    moon_r = 56
    mx, my = int(width * rng.uniform(0.12, 0.45)), int(height * 0.18)
    draw.ellipse((mx - moon_r, my - moon_r, mx + moon_r, my + moon_r), fill=CREAM)

    # The ground, a launch tower and the rocket on its pad, in silhouette at the right.
    ground = _mix(background, INK, 0.78)
    draw.rectangle((0, horizon, width, height), fill=ground)
    tx = int(width * rng.uniform(0.7, 0.78))
    draw.rectangle((tx, horizon - 360, tx + 40, horizon), fill=ground)
    for y in range(horizon - 350, horizon, 36):
        draw.line((tx, y, tx + 40, y + 36), fill=_mix(ground, accent, 0.35), width=3)
    rx = tx + 100
    draw.polygon(
        [
            (rx, horizon - 400),
            (rx + 34, horizon - 330),
            (rx + 34, horizon),
            (rx - 34, horizon),
            (rx - 34, horizon - 330),
        ],
        fill=ground,
    )
    draw.rectangle((rx - 34, horizon - 250, rx + 34, horizon - 236), fill=RED)

    # Letterbox bars and the headline as a lower third.
    bar = int(height * 0.045)
    draw.rectangle((0, 0, width, bar), fill=INK)
    draw.rectangle((0, height - bar, width, height), fill=INK)
    margin = int(width * 0.05)
    font, lines = _fit(draw, text, height * 0.085, width * 0.62, 3)
    block = font.size * 1.2 * len(lines)
    top = height - bar - block - height * 0.06
    if kicker:
        small = _font(height * 0.035)
        draw.rectangle((margin, top - small.size * 1.9, margin + 10, top - small.size * 0.5), fill=RED)
        draw.text((margin + 22, top - small.size * 1.9), kicker.upper(), font=small, fill=CREAM)
    _text_block(draw, lines, font, margin, top, WHITE, weight=2)


KINDS = {"poster": _poster, "portrait": _portrait, "still": _still}


@functools.lru_cache(maxsize=64)
def render(text: str, size: tuple[int, int], *, kind: str = "still", kicker: str = "") -> bytes:
    """A PNG of ``size`` in the style of ``kind``, naming ``text`` (and ``kicker``, if any).

    Kept for the process: the same arguments always give the same bytes, so a picture drawn
    again (a reload after its file was lost, the test suite's many loads) costs nothing."""
    image = Image.new("RGB", CANVAS[kind], INK)
    KINDS[kind](image, text, kicker)
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
