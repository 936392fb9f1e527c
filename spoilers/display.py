"""What a reader who is behind may see of an article, a credit, a character or a timeline event.

Templates print the ``display_*`` properties and test ``is_masked`` / ``*_masked``; views call
``apply_progress(progress, reveal=False)`` (starcity_site.reading) to say who is reading. Until
then each answers as for a reader who has seen nothing: safe by default. ``public_*`` is always
the spoiler-free text, for what any reader may see whatever their progress (Open Graph, JSON-LD,
feeds, <title>). Masked text is replaced, not hidden: a spoiler never reaches the HTML of a
reader who is behind. (An episode's synopsis: shows.models.EpisodeDisplay.)
"""

from __future__ import annotations

from starcity_site.reading import SpoilerDisplay

GENERIC_SAFE_TITLE = "A story about a recent episode"
GENERIC_SAFE_EVENT_TITLE = "A moment from a recent episode"


class SpoilsOneEpisode(SpoilerDisplay):
    """A row that may spoil one episode (``spoils_episode_id``) and has an editor-written
    ``safe_title``; without one, a generic title naming the episode (``{label}``) stands in."""

    generic_title = "{label}"
    generic_title_unnamed = ""

    @property
    def spoiler_episode(self):
        """The episode this row spoils, as the reader's progress names it, or None."""
        return self.spoiled_ref(self.spoils_episode_id)

    @property
    def is_masked(self) -> bool:
        return self.hides(self.spoils_episode_id)

    @property
    def public_title(self) -> str:
        if self.spoils_episode_id is None:
            return self.title
        ref = self.spoiler_episode
        return self.safe_title or (
            self.generic_title.format(label=ref.label) if ref is not None else self.generic_title_unnamed
        )

    @property
    def display_title(self) -> str:
        return self.public_title if self.is_masked else self.title


class ArticleDisplay(SpoilsOneEpisode):
    """Body, caption and a spoiling image must not be rendered while ``is_masked``."""

    generic_title = "A story about {label}"
    generic_title_unnamed = GENERIC_SAFE_TITLE

    @property
    def public_standfirst(self) -> str:
        return self.standfirst if self.spoils_episode_id is None else self.safe_standfirst

    @property
    def display_standfirst(self) -> str:
        return self.public_standfirst if self.is_masked else self.standfirst

    @property
    def show_image(self) -> bool:
        """The hero or card picture: hidden while the story is masked and marked ``image_spoils``,
        and whenever the library image itself spoils an episode this reader has not seen."""
        return not (self.is_masked and self.image_spoils) and self.may_show_picture(self.image)

    @property
    def public_image(self):
        """The picture for Open Graph and JSON-LD, or None (``public_picture``)."""
        return None if self.image_spoils else self.public_picture(self.image)


class CreditDisplay(SpoilerDisplay):
    """A credit in a list (a cast strip) shows its person's portrait as this reader may see it."""

    def apply_progress(self, progress, reveal: bool = False):
        self.person.apply_progress(progress, reveal)
        return super().apply_progress(progress, reveal)


class CharacterDisplay(SpoilerDisplay):
    # Editors mark what spoils: a fate with no episode named is public knowledge (history, say).
    @property
    def description_spoiler(self):
        return self.spoiled_ref(self.description_spoils_episode_id)

    @property
    def fate_spoiler(self):
        return self.spoiled_ref(self.fate_spoils_episode_id)

    @property
    def description_masked(self) -> bool:
        return self.hides(self.description_spoils_episode_id)

    @property
    def fate_masked(self) -> bool:
        return self.hides(self.fate_spoils_episode_id)

    @property
    def display_description(self) -> str:
        return "" if self.description_masked else self.description

    @property
    def display_fate(self) -> str:
        return "" if self.fate_masked else self.fate


class TimelineEventDisplay(SpoilsOneEpisode):
    """The show's side of an event and its title may give an episode away; the real side never."""

    generic_title = "A moment from {label}"
    generic_title_unnamed = GENERIC_SAFE_EVENT_TITLE
