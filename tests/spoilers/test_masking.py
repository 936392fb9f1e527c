"""apply_progress(): what each reader is shown of articles, characters and episodes; safe by default."""

from __future__ import annotations

import pytest
from django.db.models import Q

from news.models import Article
from spoilers.progress import Progress
from starcity_site.reading import apply_progress as mask
from tests import factories


@pytest.fixture
def twist(universe):
    return factories.make_article(
        title="Korolev dies in the season finale",
        standfirst="The Chief Designer's death changes everything.",
        safe_title="What that episode means for the programme",
        safe_standfirst="Our take on the latest episode.",
        spoils_episode=universe.ep[5],
        image=factories.make_image(),
        image_spoils=True,
    )


def test_an_unmasked_spoiling_article_is_safe_by_default(twist):
    article = Article.objects.get(pk=twist.pk)
    assert article.is_masked
    assert article.display_title == "What that episode means for the programme"
    assert article.display_standfirst == "Our take on the latest episode."
    assert not article.show_image


@pytest.mark.parametrize(
    ("token", "masked"), [("d", True), ("n", True), ("star-city:s1e4", True), ("star-city:s1e5", False), ("a", False)]
)
def test_articles_at_each_progress_point(twist, token, masked):
    article = mask(Article.objects.get(pk=twist.pk), Progress.from_token(token))
    assert article.is_masked is masked
    assert article.display_title == ("What that episode means for the programme" if masked else twist.title)
    assert article.show_image is not masked
    # Shared text (Open Graph, feeds) is the spoiler-free version whatever the reader has seen.
    assert article.public_title == "What that episode means for the programme"
    assert article.public_standfirst == "Our take on the latest episode."
    assert article.spoiler_episode.code == "S1E5"


def test_reveal_shows_the_story(twist):
    article = mask(Article.objects.get(pk=twist.pk), Progress.from_token("n"), reveal=True)
    assert not article.is_masked
    assert article.display_title == twist.title


def test_missing_safe_headline_falls_back_to_the_episode(universe):
    article = factories.make_article(title="Twist!", spoils_episode=universe.ep[5])
    assert mask(article, Progress.from_token("d")).display_title == "A story about Star City S1E5"


def test_articles_that_spoil_nothing_are_untouched(universe):
    article = mask(factories.make_article(title="Casting news"), Progress.from_token("n"))
    assert not article.is_masked
    assert article.display_title == article.public_title == "Casting news"


def test_a_queryset_is_masked_in_place_without_extra_queries(twist, universe, django_assert_num_queries):
    factories.make_article(title="Plain")
    progress = Progress.from_token("d")
    queryset = Article.objects.order_by("pk")
    with django_assert_num_queries(1):
        mask(queryset, progress)
        assert [a.display_title for a in queryset] == ["What that episode means for the programme", "Plain"]


def test_characters_and_episodes(universe):
    character = factories.make_character(
        show=universe.star_city,
        description="Secretly working for the Americans.",
        description_spoils_episode=universe.ep[3],
        fate="Dies in the fire.",
        fate_spoils_episode=universe.ep[5],
    )
    assert character.display_fate == "" and character.display_description == ""  # safe by default
    mask(character, Progress.from_token("d"))
    assert character.display_description == "Secretly working for the Americans."
    assert character.display_fate == ""
    assert character.fate_spoiler.code == "S1E5"
    mask(character, Progress.from_token("a"))
    assert character.display_fate == "Dies in the fire."
    episode = universe.ep[5]
    episode.synopsis, episode.synopsis_spoils = "Everything burns.", True
    assert episode.display_synopsis == ""
    assert mask(episode, Progress.from_token("star-city:s1e5")).display_synopsis == "Everything burns."
    assert mask(universe.ep[4], Progress.from_token("n")).display_synopsis == universe.ep[4].synopsis  # not marked


def test_search_filter_never_matches_spoiling_text_for_a_reader_behind(twist):
    plain = factories.make_article(title="Korolev biography reviewed")

    def search(token, word):
        full = Q(title__icontains=word) | Q(standfirst__icontains=word)
        safe = Q(safe_title__icontains=word) | Q(safe_standfirst__icontains=word)
        return set(Article.objects.filter(Progress.from_token(token).search_filter(full, safe)))

    assert search("d", "Korolev") == {plain}
    assert search("a", "Korolev") == {plain, twist}
    assert search("d", "programme") == {twist}  # the safe headline is searchable
