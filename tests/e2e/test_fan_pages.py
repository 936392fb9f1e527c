"""A fan on a 375-px phone and a 1280-px desktop: every public page type answers, fits the width,
passes axe-core (no serious or critical findings) and is saved as a screenshot; the keyboard alone
reaches the skip link, then the main navigation, and Enter follows a link with the focus visible.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from news.models import Article, Tag
from people.models import Character, Person
from shows.models import Episode, Season, Show
from tests.e2e.conftest import DESKTOP, PHONE, has_horizontal_scroll, screenshot, serious_axe_violations
from universe.models import TimelineEvent

NAV_PATHS = ["/", "/news/", "/shows/", "/people/", "/timeline/", "/search/"]

# True when the focused element draws a visible focus indicator (an outline or a box-shadow).
FOCUS_VISIBLE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""
# Lazy images below the fold would stay blank in a full-page screenshot: load them all, then
# name any that did not load.
BROKEN_IMAGES_JS = """async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener('load', done); img.addEventListener('error', done);
  })));
  return images.filter(img => !img.naturalWidth).map(img => img.currentSrc || img.src);
}"""
FOCUSED_JS = """() => {
  const el = document.activeElement;
  return {tag: el.tagName, href: el.getAttribute('href'), cls: el.className, id: el.id,
          inNav: !!el.closest('nav.site-nav')};
}"""


def public_pages() -> dict[str, str]:
    """Name → URL of one page of every public type, taken from the demo content."""
    article = Article.objects.published().select_related("category").order_by("-published_at").first()
    tag = Tag.objects.filter(articles__in=Article.objects.published()).order_by("name").first()
    show = Show.objects.get(slug="star-city")
    season = Season.objects.filter(show__slug="for-all-mankind").order_by("number").first()
    episode = Episode.objects.select_related("season__show").order_by("pk").first()
    person = Person.objects.filter(credits__show=show).order_by("name").first()
    character = Character.objects.filter(show=show).order_by("name").first()
    event = TimelineEvent.objects.order_by("pk").first()
    pages = {
        "home": "/",
        "news-list": "/news/",
        "article": article.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "archive": "/news/archive/",
        "archive-month": f"/news/{article.published_at:%Y/%m}/",
        "shows": "/shows/",
        "show": show.get_absolute_url(),
        "cast-and-crew": f"{show.get_absolute_url()}cast/",
        "season": season.get_absolute_url(),
        "episode": episode.get_absolute_url(),
        "people": "/people/",
        "person": person.get_absolute_url(),
        "character": character.get_absolute_url(),
        "search": "/search/?q=moon",
        "timeline": "/timeline/",
        "glossary": "/glossary/",
        "progress": "/progress/",
    }
    if event is not None:
        pages["timeline-event"] = event.get_absolute_url()
    return pages


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 — closed with the process


def test_every_public_page_type_at_phone_and_desktop_width(new_page, demo):
    # One test for both widths: loading the demo content (with its images) is the slow part.
    pages = {**public_pages(), "not-found": "/no-such-page-here/"}
    problems: list[str] = []
    for viewport in (PHONE, DESKTOP):
        problems += check_pages(new_page(viewport), pages, viewport)
    assert problems == [], "\n".join(problems)


def check_pages(page, pages: dict[str, str], viewport: dict) -> list[str]:
    problems: list[str] = []
    for name, url in pages.items():
        response = page.goto(url)
        expected = 404 if name == "not-found" else 200
        if response.status != expected:
            problems.append(f"{name} {url} at {viewport['width']}px: HTTP {response.status}, expected {expected}")
        if page.locator("main").count() != 1:
            problems.append(f"{name} {url}: no single <main> landmark")
        if has_horizontal_scroll(page):
            width = page.evaluate("document.documentElement.scrollWidth")
            problems.append(f"{name} {url}: horizontal scroll ({width}px wide at {viewport['width']}px)")
        broken = page.evaluate(BROKEN_IMAGES_JS)
        if broken:
            problems.append(f"{name} {url}: images did not load: {broken}")
        if not screenshot(page, name).exists():
            problems.append(f"{name}: no screenshot")
        for violation in serious_axe_violations(page):
            problems.append(f"{name} {url} at {viewport['width']}px: axe {violation}")
    return problems


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-375", "desktop-1280"])
def test_keyboard_navigation(new_page, transactional_db, viewport):
    # The header and navigation are on every page, with or without content.
    page = new_page(viewport)
    page.goto("/")

    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED_JS)
    assert "skip-link" in first["cls"], f"the first Tab stop is {first}, not the skip link"
    assert page.evaluate(FOCUS_VISIBLE_JS), "the focused skip link shows no outline or box-shadow"
    assert page.locator(".skip-link").is_visible()

    # Then the main navigation's links, in order (the brand link may come before them).
    nav_seen: list[str] = []
    for _ in range(len(NAV_PATHS) + 3):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        assert page.evaluate(FOCUS_VISIBLE_JS), f"focus is not visible on {focused}"
        if focused["inNav"]:
            nav_seen.append(focused["href"])
        if len(nav_seen) == len(NAV_PATHS):
            break
    assert nav_seen == NAV_PATHS

    # Back to the News link and follow it with Enter.
    page.goto("/")
    for _ in range(len(NAV_PATHS) + 3):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_JS)["href"] == "/news/":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/news/")
    assert page.locator("h1").first.is_visible()

    # Enter on the skip link moves the focus into the main content.
    page.keyboard.press("Tab")
    assert "skip-link" in page.evaluate(FOCUSED_JS)["cls"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
