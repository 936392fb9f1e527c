"""The demo loader: idempotent, complete against the fact sheet, and it never leaks a draft."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from library.models import Image as LibraryImage
from library.models import InlineImageUse
from news import demo as news_demo
from news.models import Article, Category, Tag
from people.models import Character, Credit, CreditKind, Person
from shows.models import Episode, Season, Show, ShowStatus
from starcity_site import placeholders
from starcity_site.management.commands.load_demo import demo_loaders
from tests import factories
from universe.models import Precision, Relation, TimelineEvent

pytestmark = pytest.mark.django_db

CAST = {
    "Rhys Ifans": "chief-designer",
    "Anna Maxwell Martin": "lyudmilla",
    "Solly McLeod": "sasha",
    "Alice Englert": "anastasia",
    "Adam Nagaitis": "valya",
    "Priya Kansara": "lakshmi",
}
FAM_CAST = {
    "Joel Kinnaman": "ed-baldwin",
    "Michael Dorman": "gordo-stevens",
    "Sarah Jones": "tracy-stevens",
    "Shantel VanSanten": "karen-baldwin",
    "Wrenn Schmidt": "margo-madison",
    "Jodi Balfour": "ellen-waverly",
    "Sonya Walger": "molly-cobb",
    "Krys Marshall": "danielle-poole",
    "Coral Pe\u00f1a": "aleida-rosales",
    "Piotr Adamczyk": "sergei-nikulov",
    "Colm Feore": "wernher-von-braun",
    "Chris Bauer": "deke-slayton",
}
CREW = {
    "Ben Nedivi": [("star-city", CreditKind.SHOWRUNNER), ("for-all-mankind", CreditKind.CREATOR)],
    "Matt Wolpert": [("star-city", CreditKind.SHOWRUNNER), ("for-all-mankind", CreditKind.CREATOR)],
    "Ronald D. Moore": [("for-all-mankind", CreditKind.CREATOR)],
}
FAM_SEASON_1 = [
    "Red Moon",
    "He Built the Saturn V",
    "Nixon's Women",
    "Prime Crew",
    "Into the Abyss",
    "Home Again",
    "Hi Bob",
    "Rupture",
    "Bent Bird",
    "A City Upon a Hill",
]
# Wording that must never reach a fan: the pictures are drawn, and say what they show.
PLACEHOLDER_WORDING = ("placeholder", "Generated placeholder", "no photograph accompanies")
DEMO_MODELS = [Show, Season, Episode, Person, Character, Credit, Category, Tag, Article]


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Every demo row with its timestamps and versions: a second load must leave all of it alone."""
    rows = {model.__name__: sorted(map(repr, model.objects.values())) for model in DEMO_MODELS}
    rows["article tags"] = sorted(Article.tags.through.objects.values_list("article_id", "tag_id"))
    rows["users"] = get_user_model().objects.count()
    return rows


# Each demo picture is cut into renditions when saved, the bulk of a load's time: tests that do
# not look at the pictures' sizes load them at a fifth of it (the drawing is the same).
SMALL_PICTURES = {"people.demo.PORTRAIT": (160, 200), "shows.demo.POSTER": (160, 240), "news.demo.HERO": (320, 180)}


@pytest.fixture(autouse=True)
def small_pictures(request, monkeypatch):
    if "full_size_pictures" not in request.fixturenames:
        for target, size in SMALL_PICTURES.items():
            monkeypatch.setattr(target, size)


@pytest.fixture
def full_size_pictures():
    """The demo's pictures at the sizes it stores them in."""


@pytest.fixture
def loaded():
    load()


def test_loading_twice_changes_nothing():
    first_output = load()
    before = snapshot()
    second_output = load()

    assert snapshot() == before
    assert "0 created, 0 updated" in second_output
    assert "0 posters generated" in second_output and "0 portraits generated" in second_output
    assert "2 posters generated" in first_output


def test_a_reload_restores_demo_rows_and_keeps_an_editors_own_content(loaded):
    own = factories.make_person(name="Someone Else", slug="someone-else")
    Show.objects.filter(slug="star-city").update(tagline="Edited")
    Episode.objects.filter(season__show__slug="star-city", number=10).delete()

    load()

    assert Person.objects.filter(pk=own.pk).exists()
    assert Show.objects.get(slug="star-city").tagline != "Edited"
    assert Episode.objects.filter(season__show__slug="star-city").count() == 10


def test_an_editors_image_is_never_replaced(loaded):
    person = Person.objects.get(slug="rhys-ifans")
    mine = factories.make_image(
        factories.image_file("mine.png", size=(300, 400)),
        image_alt="Rhys Ifans on set",
        image_credit="Our photographer",
    )
    person.image = mine
    person.save()

    load()

    person.refresh_from_db()
    assert person.image == mine
    assert (person.image.image_width, person.image.image_credit) == (300, "Our photographer")


def test_shows_seasons_and_episodes_from_the_facts(loaded):
    parent = Show.objects.get(slug="for-all-mankind")
    star_city = Show.objects.get(slug="star-city")
    assert star_city.parent == parent
    assert star_city.platform == parent.platform == "Apple TV+"
    assert star_city.status == ShowStatus.POST_PRODUCTION
    assert star_city.release_label == "Late 2026"
    assert list(parent.seasons.values_list("number", "era", "episode_count")) == [
        (1, "1970s", 10),
        (2, "1980s", 10),
        (3, "1990s", 10),
        (4, "2000s", 10),
    ]
    assert (parent.status, parent.release_label) == (ShowStatus.AIRING, "1 November 2019")
    fam_episodes = list(parent.seasons.get(number=1).episodes.order_by("number"))
    assert [e.title for e in fam_episodes] == FAM_SEASON_1
    # Only the premiere's air date is certain; the pilot's synopsis is the fact sheet's turning point.
    assert [e.airs_at.date() if e.airs_at else None for e in fam_episodes] == [
        datetime.date(2019, 11, 1),
        *[None] * 9,
    ]
    assert "Leonov" in fam_episodes[0].synopsis
    season = star_city.seasons.get()
    assert (season.number, season.era, season.episode_count) == (1, "1970s", 10)
    episodes = list(season.episodes.order_by("number"))
    # No titles or air dates have been announced: plain labels, never invented ones.
    assert [e.title for e in episodes] == [f"Episode {n}" for n in range(1, 11)]
    assert all(e.airs_at is None for e in episodes)
    assert all(e.synopsis == "" for e in episodes[1:])


def test_every_person_character_and_credit_from_the_facts(loaded):
    # Subsets: another app's demo module (universe) may add rows of its own.
    people = Person.objects.filter(name__in=[*CAST, *FAM_CAST, *CREW])
    assert people.count() == len(CAST) + len(FAM_CAST) + len(CREW)
    assert all(p.short_bio and p.bio for p in people)
    assert Person.objects.get(slug="rhys-ifans").known_for == "Otto Hightower in House of the Dragon"
    assert set(Character.objects.values_list("slug", flat=True)) >= {*CAST.values(), "margo-madison"}
    assert Character.objects.get(slug="margo-madison").show.slug == "for-all-mankind"

    for order, (name, character) in enumerate(CAST.items(), start=1):
        credit = Credit.objects.get(person__name=name, kind=CreditKind.CAST)
        assert (credit.show.slug, credit.character.slug, credit.billing_order) == ("star-city", character, order)
    for name, character in FAM_CAST.items():
        credit = Credit.objects.get(person__name=name, kind=CreditKind.CAST)
        assert (credit.show.slug, credit.character.slug) == ("for-all-mankind", character)
    for name, credits in CREW.items():
        for show, kind in credits:
            assert Credit.objects.filter(person__name=name, show__slug=show, kind=kind).exists()
    assert not Credit.objects.filter(kind=CreditKind.CAST, character__isnull=True).exists()


def test_a_full_newsroom_of_stories_and_only_the_published_ones_are_public(loaded):
    published = Article.objects.published()
    assert published.count() >= 12
    kinds = set(published.values_list("category__slug", flat=True))
    assert kinds == {"entertainment", "explainers", "history", "cast"}
    assert published.filter(slug="the-n1-four-launches-four-failures", body__contains="23 November 1972").exists()
    assert published.filter(slug="sergei-korolev-the-chief-designer", body__contains="Chief Designer").exists()
    assert list(Article.objects.scheduled().values_list("slug", flat=True)) == [news_demo.SCHEDULED_SLUG]
    assert list(Article.objects.drafts().values_list("slug", flat=True)) == ["star-city-for-all-mankind-crossovers"]
    # ... and it waits for an editor's review, with its step in the history.
    assert list(Article.objects.waiting_for_review().values_list("slug", flat=True)) == [
        "star-city-for-all-mankind-crossovers"
    ]
    assert Article.objects.get(slug="star-city-for-all-mankind-crossovers").review_steps.get().kind == "submitted"
    assert Article.objects.scheduled().get().published_at > timezone.now() + datetime.timedelta(days=30)
    assert list(Article.objects.filter(featured=True).values_list("slug", flat=True)) == [
        "apple-tv-plus-launches-star-city"
    ]

    # Anchored to Star City's first episode, which has no air date yet: it waits, unseen.
    anchored = Article.objects.select_related("anchor_episode__season__show").get(slug=news_demo.ANCHORED_SLUG)
    assert anchored.anchor_episode.code == "S1E1" and anchored.anchor_episode.season.show.slug == "star-city"
    assert anchored.spoils_episode_id == anchored.anchor_episode_id and anchored.safe_title
    assert anchored.published_at is None and not published.filter(pk=anchored.pk).exists()
    # A published story marked as a spoiler, with its spoiler-free headline.
    spoiler = published.get(slug="red-moon-revisited")
    assert spoiler.spoils_episode.title == "Red Moon" and spoiler.safe_title

    launch = published.get(slug="apple-tv-plus-launches-star-city")
    assert (launch.source_name, launch.category.name) == ("Decider", "Entertainment")
    assert (launch.published_at.year, launch.published_at.month, launch.published_at.day) == (2026, 5, 31)
    assert set(launch.shows.values_list("slug", flat=True)) == {"star-city", "for-all-mankind"}
    assert launch.people.filter(slug="rhys-ifans").exists()
    assert launch.tags.filter(slug="star-city").exists()
    assert launch.updated_at == launch.published_at  # not "updated" on the day the demo was loaded
    assert launch.author.get_full_name() == "Star City desk"
    assert not launch.author.is_staff and not launch.author.has_usable_password()


def test_the_timeline_has_the_real_dates_and_the_shows_divergences(loaded):
    dated = dict(TimelineEvent.objects.filter(precision=Precision.DAY).values_list("slug", "date"))
    assert dated["gagarin-vostok-1"] == datetime.date(1961, 4, 12)
    assert dated["tereshkova-vostok-6"] == datetime.date(1963, 6, 16)
    assert dated["leonov-first-spacewalk"] == datetime.date(1965, 3, 18)
    assert dated["death-of-korolev"] == datetime.date(1966, 1, 14)
    assert [dated[f"n1-{n}-launch"] for n in ("first", "second", "third", "fourth")] == [
        datetime.date(1969, 2, 21),
        datetime.date(1969, 7, 3),
        datetime.date(1971, 6, 27),
        datetime.date(1972, 11, 23),
    ]
    moon = TimelineEvent.objects.get(slug="first-steps-on-the-moon")
    assert moon.relation == Relation.DIVERGED
    assert {e.title for e in moon.episodes.all()} == {"Red Moon", "Episode 1"}
    assert moon.articles.filter(slug="red-moon-revisited").exists()


def test_show_and_episode_pages_tell_what_the_data_holds(loaded, client):
    show = client.get("/shows/for-all-mankind/").content.decode()
    assert "No cast announced yet" not in show and "No episodes announced yet" not in show
    assert "Joel Kinnaman" in show and "Red Moon" in show and "1 November 2019" in show
    episode = client.get("/shows/for-all-mankind/seasons/1/episodes/1/").content.decode()
    assert "Aired" in episode and "1 November 2019" in episode
    assert "Wrenn Schmidt" in episode and "Ronald D. Moore" in episode  # main cast and creators
    assert "The first steps on the Moon" in episode  # its timeline event
    assert "/news/red-moon-revisited/" in episode  # the story tied to it
    people = client.get("/people/").content.decode()
    assert "Ronald D. Moore" in people and "Joel Kinnaman" in people and "Rhys Ifans" in people


def test_public_pages_show_published_stories_only(loaded, client):
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        assert response.status_code == (200 if article.is_published else 404), article.slug


def test_every_image_is_drawn_with_alt_text_a_credit_and_real_dimensions(full_size_pictures, loaded):
    sizes = {
        Person.objects.filter(name__in=[*CAST, *FAM_CAST, *CREW]): placeholders.PORTRAIT,
        Show.objects.all(): placeholders.POSTER,
        # The story with library pictures in its body has no hero of its own (news.demo).
        Article.objects.exclude(slug=news_demo.INLINE_STORY_SLUG): placeholders.HERO,
    }
    reused = {story.slug: story.picture_of for story in news_demo.stories(timezone.now()) if story.picture_of}
    for queryset, size in sizes.items():
        assert queryset.exists()
        for obj in queryset.select_related("image"):
            picture = obj.image
            assert picture is not None, obj
            assert picture.image_alt and "placeholder" not in picture.image_alt.lower(), obj
            assert picture.image_credit == placeholders.CREDIT
            if getattr(obj, "slug", "") in reused:
                continue  # a portrait or poster: checked with its person or show
            assert (picture.image_width, picture.image_height) == size
            with picture.image.open("rb") as handle, Image.open(handle) as image:
                assert image.size == size
    assert Person.objects.get(slug="rhys-ifans").image.image_alt == "Drawn name card for Rhys Ifans"
    # Captions belong to pictures shown inside a story's text (the heroes print none).
    captioned = LibraryImage.objects.exclude(caption="")
    assert set(captioned) == set(LibraryImage.objects.filter(inline_uses__isnull=False).distinct())


def test_a_story_about_one_person_or_show_shows_their_own_library_image(loaded):
    rhys = Person.objects.get(slug="rhys-ifans")
    profile = Article.objects.get(slug="rhys-ifans-the-chief-designer")
    guide = Article.objects.get(slug="for-all-mankind-season-by-season")
    assert profile.image_id == rhys.image_id is not None
    assert guide.image_id == Show.objects.get(slug="for-all-mankind").image_id is not None
    # One library image per person, show and drawn still: nothing stored twice.
    used = {*Person.objects.values_list("image", flat=True), *Show.objects.values_list("image", flat=True)}
    used |= set(Article.objects.values_list("image", flat=True))
    used |= set(InlineImageUse.objects.values_list("image", flat=True))
    assert LibraryImage.objects.count() == len(used - {None})
    names = list(LibraryImage.objects.values_list("image", flat=True))
    assert len(names) == len(set(names))


def test_no_public_page_speaks_of_placeholders(loaded, client):
    article = Article.objects.published().get(slug="apple-tv-plus-launches-star-city")
    for url in ("/", "/news/", article.get_absolute_url(), "/people/rhys-ifans/", "/shows/star-city/"):
        html = client.get(url).content.decode()
        for words in PLACEHOLDER_WORDING:
            assert words.lower() not in html.lower(), (url, words)


def test_a_picture_an_earlier_demo_drew_is_drawn_again_in_the_new_style(loaded):
    person = Person.objects.get(slug="solly-mcleod")
    LibraryImage.objects.filter(pk=person.image_id).update(
        image_credit="Generated placeholder", image_alt="Placeholder portrait"
    )

    load()

    picture = Person.objects.get(pk=person.pk).image
    assert (picture.image_credit, picture.image_alt) == (placeholders.CREDIT, "Drawn name card for Solly McLeod")


def test_a_missing_image_file_is_drawn_again(loaded):
    picture = Person.objects.get(slug="alice-englert").image
    picture.image.storage.delete(picture.image.name)

    load()

    picture = Person.objects.get(slug="alice-englert").image
    assert picture.image.storage.exists(picture.image.name)


@pytest.mark.parametrize("kind", sorted(placeholders.KINDS))
def test_drawn_pictures_are_stable_and_name_what_they_show(kind):
    size = {"poster": placeholders.POSTER, "portrait": placeholders.PORTRAIT, "still": placeholders.HERO}[kind]
    first = placeholders.render("Rhys Ifans", size, kind=kind, kicker="as The Chief Designer")
    # Drawn afresh (not the process's kept copy): byte for byte the same.
    assert first == placeholders.render.__wrapped__("Rhys Ifans", size, kind=kind, kicker="as The Chief Designer")
    assert first != placeholders.render("Alice Englert", size, kind=kind, kicker="as The Chief Designer")
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == size
        # Lettering in the name band: the light text covers part of the foot of the picture.
        foot = image.convert("L").crop((0, size[1] * 2 // 3, size[0], size[1] * 9 // 10))
        assert sum(foot.histogram()[200:]) > foot.width * foot.height // 200


def test_initials_and_colours_stay_legible():
    assert placeholders.initials("Ronald D. Moore") == "RM"
    background, _accent = placeholders.colours("Anna Maxwell Martin")
    assert max(background) < 120  # dark enough for white lettering


def test_the_loader_finds_app_demo_modules_in_installed_order():
    labels = [label for label, _load in demo_loaders()]
    installed = [config.label for config in apps.get_app_configs()]
    assert {"shows", "people", "news"} <= set(labels)
    assert labels == sorted(labels, key=installed.index)


def test_the_demo_code_never_reads_the_shared_folder():
    root = Path(__file__).resolve().parents[2]
    sources = [root / "starcity_site" / "management" / "commands" / "load_demo.py"]
    sources += [root / "starcity_site" / name for name in ("placeholders.py", "demo_tools.py")]
    sources += sorted(root.glob("*/demo.py")) + sorted(root.glob("*/demo_*.py"))
    assert len(sources) >= 6
    for source in sources:
        text = source.read_text()
        assert "../shared" not in text and "/work/shared" not in text and "facts.md" not in text, source


def test_a_story_an_editor_renamed_is_not_loaded_again_under_its_old_slug(loaded):
    article = Article.objects.get(slug=news_demo.SCHEDULED_SLUG)
    old_path = article.get_absolute_url()
    article.slug = "star-city-the-town"
    article.save()
    # The admin makes this redirect on a slug change; get_or_create in case a signal already did.
    Redirect.objects.get_or_create(
        site=Site.objects.get_current(), old_path=old_path, defaults={"new_path": article.get_absolute_url()}
    )

    load()

    assert not Article.objects.filter(slug=news_demo.SCHEDULED_SLUG).exists()
    assert Article.objects.filter(slug="star-city-the-town").exists()
