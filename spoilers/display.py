"""Spoiler-safe display attributes for the models that can spoil, safe by default.

Templates print ``display_title``, ``display_standfirst``, ``display_description``,
``display_fate``, ``display_synopsis`` and test ``is_masked`` / ``show_image``. Until
``spoilers.masking.mask`` has decided for a reader, each answers as for a reader who has seen
nothing: a page that forgets to mask shows the spoiler-free version, never the spoiler.
``mask`` stores its decision in the instance's ``__dict__`` under ``_spoiler_<name>``.

No import of any app here: the models mix these in.
"""

from __future__ import annotations


def _decided(obj, name: str, default):
    return obj.__dict__.get(f"_spoiler_{name}", default)


GENERIC_SAFE_TITLE = "A story about a recent episode"


class ArticleDisplay:
    @property
    def spoiler_episode(self):
        """The EpisodeRef this article spoils (set by ``mask``), or None."""
        return _decided(self, "episode", None)

    @property
    def is_masked(self) -> bool:
        return _decided(self, "masked", self.spoils_episode_id is not None)

    @property
    def public_title(self) -> str:
        """Always spoiler-free: Open Graph, JSON-LD, feeds and <title> use it."""
        if self.spoils_episode_id is None:
            return self.title
        return _decided(self, "public_title", self.safe_title or GENERIC_SAFE_TITLE)

    @property
    def public_standfirst(self) -> str:
        return self.standfirst if self.spoils_episode_id is None else self.safe_standfirst

    @property
    def display_title(self) -> str:
        return self.public_title if self.is_masked else self.title

    @property
    def display_standfirst(self) -> str:
        return self.public_standfirst if self.is_masked else self.standfirst

    @property
    def show_image(self) -> bool:
        return bool(self.image) and not (self.is_masked and self.image_spoils)


class CharacterDisplay:
    @property
    def description_spoiler(self):
        return _decided(self, "description_episode", None)

    @property
    def fate_spoiler(self):
        return _decided(self, "fate_episode", None)

    @property
    def description_masked(self) -> bool:
        return _decided(self, "description_masked", self.description_spoils_episode_id is not None)

    @property
    def fate_masked(self) -> bool:
        return _decided(self, "fate_masked", self.fate_spoils_episode_id is not None)

    @property
    def display_description(self) -> str:
        return "" if self.description_masked else self.description

    @property
    def display_fate(self) -> str:
        return "" if self.fate_masked else self.fate


class EpisodeDisplay:
    @property
    def synopsis_masked(self) -> bool:
        return _decided(self, "synopsis_masked", self.synopsis_spoils)

    @property
    def display_synopsis(self) -> str:
        return "" if self.synopsis_masked else self.synopsis
