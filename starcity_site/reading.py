"""What one reader may see: the display base the spoiling models share (and ``PictureDisplay``
for a model's library picture), and the one view mixin that applies the reader's progress to what
a page shows.

A model that can spoil an episode mixes in a subclass of ``SpoilerDisplay`` and prints its
``display_*`` properties in templates; ``apply_progress(progress)`` tells it who is reading. Until
then every spoiler counts as unseen, so a page that forgets a list shows the spoiler-free text.

The progress itself comes from ``settings.READER_PROGRESS``, the dotted path of
``fn(request) -> progress`` (the spoilers app's ``get_progress``): named in settings, the way
Django finds its user model, so that ``shows``, which the spoilers app builds on, can use this
mixin without importing it. A progress answers ``has_seen(episode_id)``, ``ref(episode_id)``
(how to name the episode, or None) and ``preview`` (a staff preview, never cached).
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.module_loading import import_string

REVEAL_PARAM = "reveal"


class SpoilerDisplay:
    """Base of the models' display mixins: each says what a reader who is behind may see."""

    def apply_progress(self, progress, reveal: bool = False):
        """Show this object as ``progress`` may see it (everything, with ``reveal``)."""
        self._reader = (progress, reveal)
        return self

    def hides(self, episode_id: int | None) -> bool:
        """True when text spoiling ``episode_id`` must not reach this reader."""
        if episode_id is None:
            return False
        progress, reveal = self.__dict__.get("_reader", (None, False))
        return progress is None or not (reveal or progress.has_seen(episode_id))

    def may_show_picture(self, image) -> bool:
        """True when ``image`` (a library image, or None) may reach this reader: a picture that
        spoils an episode they have not seen is left out, wherever it is shown."""
        return image is not None and not self.hides(image.spoils_episode_id)

    @staticmethod
    def public_picture(image):
        """``image`` if any reader at all may see it (Open Graph, JSON-LD: shared links reach anyone),
        else None: a picture that spoils any episode never goes there."""
        return image if image is not None and image.spoils_episode_id is None else None

    def spoiled_ref(self, episode_id: int | None):
        """How to name the spoiled episode to this reader (``show_title``, ``code``, ``label``…)."""
        progress, _reveal = self.__dict__.get("_reader", (None, False))
        return progress.ref(episode_id) if progress is not None and episode_id is not None else None


class PictureDisplay(SpoilerDisplay):
    """A model whose ``image`` is a library picture (a show's poster, a person's portrait)."""

    @property
    def show_image(self) -> bool:
        return self.may_show_picture(self.image)

    @property
    def public_image(self):
        """The picture for Open Graph and JSON-LD, or None (``public_picture``)."""
        return self.public_picture(self.image)


def apply_progress(value, progress, reveal: bool = False):
    """``apply_progress`` on one object or each of a list, QuerySet or Page; returns ``value``."""
    if value is None:
        return value
    items = value.object_list if isinstance(value, Page) else value
    for item in items if hasattr(items, "__iter__") else (items,):
        if isinstance(item, SpoilerDisplay):
            item.apply_progress(progress, reveal)
    return value


def reader_progress(request):
    return import_string(settings.READER_PROGRESS)(request)


class ReaderProgressMixin:
    """Shows a page's objects as the reader's progress may see them.

    The view's own ``object`` is masked before the rest of the context (page meta, breadcrumbs)
    is built from it, and shown in full when the reader asks with ``?reveal=1``. The context
    entries named in ``masked_context`` are masked just before rendering (so lists a subclass
    adds after ``super().get_context_data()`` are covered); ?reveal=1 reveals those named in
    ``revealed_context`` too. Adds ``progress`` and ``reveal`` to the context.
    """

    masked_context: tuple[str, ...] = ()
    revealed_context: tuple[str, ...] = ()

    @cached_property
    def progress(self):
        return reader_progress(self.request)

    @cached_property
    def reveal(self) -> bool:
        return self.request.GET.get(REVEAL_PARAM) == "1"

    def get_context_data(self, **kwargs):
        if getattr(self, "object", None) is not None:
            apply_progress(self.object, self.progress, self.reveal)
        return super().get_context_data(progress=self.progress, reveal=self.reveal, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        for name in self.masked_context:
            apply_progress(context.get(name), self.progress, self.reveal and name in self.revealed_context)
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ["Cookie"])
        if self.progress.preview:
            add_never_cache_headers(response)
        return response
