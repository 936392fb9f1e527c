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

from news.models import Article, Category, Tag
from people.models import Character, Credit, CreditKind, Person
from shows.models import Episode, Season, Show, ShowStatus
from starcity_site import placeholders
from starcity_site.management.commands.load_demo import demo_loaders
from tests import factories

pytestmark = pytest.mark.django_db

CAST = {
    "Rhys Ifans": "chief-designer",
    "Anna Maxwell Martin": "lyudmilla",
    "Solly McLeod": "sasha",
    "Alice Englert": "anastasia",
    "Adam Nagaitis": "valya",
    "Priya Kansara": "lakshmi",
}
CREW = {
    "Ben Nedivi": ("star-city", CreditKind.SHOWRUNNER),
    "Matt Wolpert": ("star-city", CreditKind.SHOWRUNNER),
    "Ronald D. Moore": ("for-all-mankind", CreditKind.CREATOR),
}
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
    person.image = factories.image_file("mine.png", size=(300, 400))
    person.image_alt = "Rhys Ifans on set"
    person.image_credit = "Our photographer"
    person.save()

    load()

    person.refresh_from_db()
    assert (person.image_width, person.image_height, person.image_credit) == (300, 400, "Our photographer")


def test_shows_seasons_and_episodes_from_the_facts(loaded):
    parent = Show.objects.get(slug="for-all-mankind")
    star_city = Show.objects.get(slug="star-city")
    assert star_city.parent == parent
    assert star_city.platform == parent.platform == "Apple TV+"
    assert star_city.status == ShowStatus.POST_PRODUCTION
    assert star_city.release_label == "Late 2026"
    assert list(parent.seasons.values_list("number", "era")) == [
        (1, "1970s"),
        (2, "1980s"),
        (3, "1990s"),
        (4, "2000s"),
    ]
    season = star_city.seasons.get()
    assert (season.number, season.era, season.episode_count) == (1, "1970s", 10)
    episodes = list(season.episodes.order_by("number"))
    assert [e.title for e in episodes] == [f"Episode {n}" for n in range(1, 11)]
    assert all(e.airs_at is None and e.synopsis == "" for e in episodes)


def test_every_person_character_and_credit_from_the_facts(loaded):
    # Subsets: another app's demo module (universe) may add rows of its own.
    people = Person.objects.filter(name__in=[*CAST, *CREW])
    assert people.count() == len(CAST) + len(CREW)
    assert all(p.short_bio and p.bio for p in people)
    assert Person.objects.get(slug="rhys-ifans").known_for == "Otto Hightower in House of the Dragon"
    assert set(Character.objects.values_list("slug", flat=True)) >= {*CAST.values(), "margo-madison"}
    assert Character.objects.get(slug="margo-madison").show.slug == "for-all-mankind"

    for order, (name, character) in enumerate(CAST.items(), start=1):
        credit = Credit.objects.get(person__name=name, kind=CreditKind.CAST)
        assert (credit.show.slug, credit.character.slug, credit.billing_order) == ("star-city", character, order)
    for name, (show, kind) in CREW.items():
        assert Credit.objects.filter(person__name=name, show__slug=show, kind=kind).exists()
    assert not Credit.objects.filter(kind=CreditKind.CAST, character__isnull=True).exists()


def test_only_the_two_stories_are_public(loaded):
    published = Article.objects.published()
    assert set(published.values_list("slug", flat=True)) == {
        "apple-tv-plus-launches-star-city",
        "star-city-explained-premise-cast-timeline-release",
    }
    assert list(Article.objects.scheduled().values_list("slug", flat=True)) == ["the-real-star-city"]
    assert list(Article.objects.drafts().values_list("slug", flat=True)) == ["star-city-for-all-mankind-crossovers"]
    assert Article.objects.scheduled().get().published_at > timezone.now() + datetime.timedelta(days=30)
    assert list(Article.objects.filter(featured=True).values_list("slug", flat=True)) == [
        "apple-tv-plus-launches-star-city"
    ]

    launch = published.get(slug="apple-tv-plus-launches-star-city")
    assert (launch.source_name, launch.category.name) == ("Decider", "Entertainment")
    assert (launch.published_at.year, launch.published_at.month, launch.published_at.day) == (2026, 5, 31)
    assert set(launch.shows.values_list("slug", flat=True)) == {"star-city", "for-all-mankind"}
    assert launch.people.filter(slug="rhys-ifans").exists()
    assert launch.tags.filter(slug="star-city").exists()
    assert launch.updated_at == launch.published_at  # not "updated" on the day the demo was loaded
    assert launch.author.get_full_name() == "Star City desk"
    assert not launch.author.is_staff and not launch.author.has_usable_password()


def test_public_pages_show_published_stories_only(loaded, client):
    for article in Article.objects.all():
        response = client.get(article.get_absolute_url())
        assert response.status_code == (200 if article.is_published else 404), article.slug


def test_every_image_has_alt_text_credit_and_real_dimensions(loaded):
    sizes = {
        Person.objects.filter(name__in=[*CAST, *CREW]): placeholders.PORTRAIT,
        Show.objects.all(): placeholders.POSTER,
        Article.objects.all(): placeholders.HERO,
    }
    for queryset, size in sizes.items():
        assert queryset.exists()
        for obj in queryset:
            assert obj.image, obj
            assert obj.image_alt.startswith("Placeholder"), obj
            assert obj.image_credit == placeholders.CREDIT
            assert (obj.image_width, obj.image_height) == size
            with obj.image.open("rb") as handle, Image.open(handle) as image:
                assert image.size == size
    assert Person.objects.get(slug="rhys-ifans").image_alt == "Placeholder portrait of Rhys Ifans"


def test_a_missing_image_file_is_drawn_again(loaded):
    person = Person.objects.get(slug="alice-englert")
    person.image.storage.delete(person.image.name)

    load()

    person.refresh_from_db()
    assert person.image.storage.exists(person.image.name)


def test_placeholders_are_stable_and_legible():
    assert placeholders.render("Rhys Ifans", (80, 100)) == placeholders.render("Rhys Ifans", (80, 100))
    assert placeholders.render("Rhys Ifans", (80, 100)) != placeholders.render("Alice Englert", (80, 100))
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
    sources += sorted(root.glob("*/demo.py"))
    assert len(sources) >= 6
    for source in sources:
        text = source.read_text()
        assert "../shared" not in text and "/work/shared" not in text and "facts.md" not in text, source


def test_a_story_an_editor_renamed_is_not_loaded_again_under_its_old_slug(loaded):
    article = Article.objects.get(slug="the-real-star-city")
    old_path = article.get_absolute_url()
    article.slug = "star-city-the-town"
    article.save()
    # The admin makes this redirect on a slug change; get_or_create in case a signal already did.
    Redirect.objects.get_or_create(
        site=Site.objects.get_current(), old_path=old_path, defaults={"new_path": article.get_absolute_url()}
    )

    load()

    assert not Article.objects.filter(slug="the-real-star-city").exists()
    assert Article.objects.filter(slug="star-city-the-town").exists()
