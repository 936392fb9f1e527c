"""An editor builds a story in the admin, previews, schedules and publishes it; a fan then finds it
everywhere it belongs — and nowhere before it is due."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from news.models import Article
from people.models import Character, Credit, Person
from starcity_site.publishing import Status
from tests import factories
from tests.e2e.admin_helpers import PASSWORD, choose_image, login, pick, png, save, upload_image
from tests.e2e.conftest import screenshot

NAME = "Mira Kernwell"
TITLE = "Mira Kernwell joins Star City as Commander Orlova"
SLUG = "mira-kernwell-joins-star-city"
ARTICLE_URL = f"/news/{SLUG}/"


def published_at(page, when: datetime.datetime) -> None:
    local = timezone.localtime(when)
    page.fill("#id_published_at_0", f"{local:%Y-%m-%d}")
    page.fill("#id_published_at_1", f"{local:%H:%M:%S}")


def assert_saved(page) -> None:
    errors = page.locator(".errornote, .errorlist").all_inner_texts()
    assert errors == [], f"the admin refused the save: {errors}"
    assert page.locator(".messagelist .success").count() == 1


def test_editor_publishes_and_fan_reads(new_page, transactional_db, tmp_path):
    factories.make_show(title="Star City", slug="star-city")
    factories.make_tag(name="Casting", slug="casting")
    factories.make_category(name="Announcements", slug="announcements")
    editor = factories.make_editor(username="edna", password=PASSWORD, first_name="Edna")
    # An older published story, so the lists are not trivially empty.
    factories.make_article(title="An earlier story", slug="an-earlier-story")

    staff = new_page()
    login(staff, editor.username)

    # --- a person with a photo from the library -----------------------------------------
    upload_image(
        staff, png(tmp_path / "mira.png", (600, 800), (40, 90, 160)), "Mira portrait", "Mira Kernwell at a press event"
    )
    assert_saved(staff)
    upload_image(
        staff,
        png(tmp_path / "hero.png", (1600, 900), (160, 60, 40)),
        "Flight suit",
        "Mira Kernwell in a cosmonaut's flight suit",
    )
    assert_saved(staff)
    staff.goto("/admin/people/person/add/")
    # The slug first: typed after the name, the admin's prepopulate script would append to it.
    staff.fill("#id_slug", "mira-kernwell")
    staff.fill("#id_name", NAME)
    staff.fill("#id_short_bio", "Actor, new to the cast of Star City.")
    choose_image(staff, "image", "Mira portrait")
    save(staff)
    assert_saved(staff)
    person = Person.objects.get(slug="mira-kernwell")
    assert person.image.title == "Mira portrait" and person.image.image_width == 600

    # --- a character and the cast credit that links them ---------------------------------
    staff.goto("/admin/people/character/add/")
    staff.fill("#id_slug", "commander-orlova")
    staff.fill("#id_name", "Commander Orlova")
    pick(staff, "show", "Star City")
    staff.locator(".field-description .ProseMirror[contenteditable=true]").click()  # rich text since issue 22
    staff.keyboard.type("Commands the cosmonaut detachment.")
    expect(staff.locator(".field-description .ProseMirror[contenteditable=true]")).to_contain_text(
        "Commands the cosmonaut detachment."
    )
    save(staff)
    assert_saved(staff)
    character = Character.objects.get(slug="commander-orlova")
    assert character.description == "<p>Commands the cosmonaut detachment.</p>"

    staff.goto("/admin/people/credit/add/")
    pick(staff, "person", "Kernwell", NAME)
    pick(staff, "show", "Star City")
    staff.select_option("#id_kind", "cast")
    pick(staff, "character", "Orlova", "Commander Orlova")
    save(staff)
    assert_saved(staff)
    assert Credit.objects.filter(person=person, character=character, kind="cast").exists()

    # --- the article, a draft with a hero image and tags -----------------------------------
    staff.goto("/admin/news/article/add/")
    staff.fill("#id_slug", SLUG)
    staff.fill("#id_title", TITLE)
    staff.fill("#id_standfirst", "The cosmonaut detachment gets its commander.")
    staff.locator(".field-body .ProseMirror[contenteditable=true]").click()  # the rich-text editor
    staff.keyboard.type("Kernwell plays the officer in charge of the cosmonauts.")
    staff.select_option("#id_status", Status.DRAFT)
    choose_image(staff, "image", "Flight suit")
    pick(staff, "category", "Announce", "Announcements")
    pick(staff, "tags", "Casting")
    pick(staff, "shows", "Star City")
    pick(staff, "people", "Kernwell", NAME)
    save(staff, "_continue")
    assert_saved(staff)
    article = Article.objects.get(slug=SLUG)
    assert article.status == Status.DRAFT and article.image and article.tags.filter(slug="casting").exists()
    change_url = staff.url

    fan = new_page()

    # --- preview: staff see it at its real URL with a banner, the public does not -----------
    response = staff.goto(ARTICLE_URL)
    assert response.status == 200
    assert "Preview" in staff.locator(".preview-banner").inner_text()
    assert staff.locator("h1").first.inner_text() == TITLE
    screenshot(staff, "editor-preview")
    assert fan.goto(ARTICLE_URL).status == 404

    # --- scheduled for tomorrow: still invisible to the public --------------------------------
    staff.goto(change_url)
    staff.select_option("#id_status", Status.PUBLISHED)
    published_at(staff, timezone.now() + datetime.timedelta(days=1))
    save(staff, "_continue")
    assert_saved(staff)
    assert Article.objects.scheduled().filter(slug=SLUG).exists()
    assert fan.goto(ARTICLE_URL).status == 404
    for url in ("/", "/news/", "/news/tag/casting/", "/people/mira-kernwell/", "/search/?q=Kernwell"):
        fan.goto(url)
        assert fan.locator(f"a[href='{ARTICLE_URL}']").count() == 0, f"the scheduled story leaks on {url}"
    assert TITLE not in fan.request.get("/news/feed/rss/").text()
    staff.goto(ARTICLE_URL)
    assert "Scheduled" in staff.locator(".preview-banner").inner_text()

    # --- published now --------------------------------------------------------------------
    staff.goto(change_url)
    published_at(staff, timezone.now() - datetime.timedelta(minutes=1))
    save(staff, "_continue")
    assert_saved(staff)
    assert Article.objects.published().filter(slug=SLUG).exists()

    # --- the fan finds it everywhere ---------------------------------------------------------
    checks = {
        "home": "/",
        "news list": "/news/",
        "tag page": "/news/tag/casting/",
        "person page": person.get_absolute_url(),
        "search": "/search/?q=Kernwell",
    }
    for where, url in checks.items():
        response = fan.goto(url)
        assert response.status == 200, f"{where} {url}: HTTP {response.status}"
        assert fan.locator(f"a[href='{ARTICLE_URL}']").count() >= 1, f"no link to the story on the {where} ({url})"

    response = fan.goto(ARTICLE_URL)
    assert response.status == 200
    assert fan.locator(".preview-banner").count() == 0
    assert fan.locator("h1").first.inner_text() == TITLE
    hero = fan.locator(".article__hero img")
    assert hero.get_attribute("alt") == "Mira Kernwell in a cosmonaut's flight suit"
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0"), "the hero image did not load"
    assert fan.locator("a[rel=tag]", has_text="Casting").count() == 1
    screenshot(fan, "editor-published-article")

    fan.goto(person.get_absolute_url())
    portrait = fan.locator("img[alt='Mira Kernwell at a press event']").first
    assert portrait.evaluate("img => img.complete && img.naturalWidth > 0"), "the person's photo did not load"
    assert "Commander Orlova" in fan.locator("main").inner_text()

    feed = fan.request.get("/news/feed/rss/")
    assert feed.status == 200
    assert TITLE in feed.text() and ARTICLE_URL in feed.text()
