"""Staff preview "as a fan who has seen up to …": staff only, never cached; the admin links."""

from __future__ import annotations

import pytest

from spoilers.admin_tools import SpoilerPreviewMixin, preview_choices
from starcity_site.caching.policy import MARKER
from tests import factories


@pytest.fixture
def story(universe):
    return factories.make_article(
        title="Valya dies in the launch fire",
        slug="fire",
        safe_title="Episode five review",
        spoils_episode=universe.ep[5],
    )


def test_staff_see_the_page_as_a_fan_at_the_chosen_point(editor_client, story):
    behind = editor_client.get("/news/fire/?as_progress=star-city:s1e4")
    assert "Valya dies" not in behind.content.decode().split("</head>")[1]
    assert "no-store" in behind["Cache-Control"]
    assert MARKER not in behind
    seen = editor_client.get("/news/fire/?as_progress=star-city:s1e5").content.decode()
    assert "Valya dies in the launch fire</h1>" in seen


def test_the_preview_parameter_means_nothing_to_the_public(client, story):
    html = client.get("/news/fire/?as_progress=all").content.decode()
    assert "Valya dies" not in html
    assert "Episode five review" in html


def test_preview_choices_bracket_the_spoiled_episode(story):
    assert preview_choices(story) == [
        ("has seen nothing", "none"),
        ("is up to Star City S1E4", "star-city:s1e4"),
        ("is up to Star City S1E5", "star-city:s1e5"),
        ("has seen everything aired", "all"),
    ]


def test_preview_links_point_at_the_public_page(story):
    html = SpoilerPreviewMixin().spoiler_preview(story)
    assert 'href="/news/fire/?as_progress=star-city%3As1e4"' in html
    assert SpoilerPreviewMixin().spoiler_preview(None) == "Save first to preview."


def test_change_forms_show_the_spoiler_fields_and_preview_links(editor_client, story, universe):
    html = editor_client.get(f"/admin/news/article/{story.pk}/change/").content.decode()
    assert "<h2" in html and "Spoilers" in html
    for field in ["spoils_episode", "safe_title", "safe_standfirst", "image_spoils", "anchor_episode", "anchor_offset"]:
        assert f'name="{field}"' in html, field
    assert "/news/fire/?as_progress=star-city%3As1e4" in html
    character = factories.make_character(show=universe.star_city, fate="Dies.", fate_spoils_episode=universe.ep[5])
    html = editor_client.get(f"/admin/people/character/{character.pk}/change/").content.decode()
    assert 'name="fate_spoils_episode"' in html
    assert f"{character.get_absolute_url()}?as_progress=star-city%3As1e5" in html
