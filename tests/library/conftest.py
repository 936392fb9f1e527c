"""Library images for the inline-image tests: real uploads, so their renditions exist."""

from __future__ import annotations

import pytest

from library.models import Image
from tests import factories


def make_image(**kwargs) -> Image:
    defaults = {
        "title": "Control room",
        "image": factories.image_file(size=(1280, 720)),
        "image_alt": "Rows of consoles in a control room",
        "caption": "The mission control set.",
        "image_credit": "Apple TV+",
    }
    defaults.update(kwargs)
    return Image.objects.create(**defaults)


@pytest.fixture
def image(db) -> Image:
    return make_image()


def figure(*images) -> str:
    """A body with each image inline, between paragraphs, in the stored form."""
    parts = ["<p>Before.</p>"]
    for item in images:
        pk = item if isinstance(item, int) else item.pk
        parts.append(f'<figure data-image="{pk}"></figure><p>After {pk}.</p>')
    return "".join(parts)
