"""One of every kind of public content, and the public URLs that exist for it right now.

URL names are tried with ``reverse()``; names another part of the site has not defined yet are
left out, so the security tests cover whatever pages exist at the time they run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests import factories


@dataclass
class Site:
    article: object
    tag: object
    category: object
    show: object
    season: object
    episode: object
    person: object
    character: object
    extra: list = field(default_factory=list)


def fill_text_fields(obj: models.Model, text: str) -> models.Model:
    """Put ``text`` into every free-text field of ``obj`` (not slugs, URLs or choice fields)."""
    for f in obj._meta.concrete_fields:
        if not isinstance(f, models.CharField | models.TextField):
            continue
        if isinstance(f, models.SlugField | models.URLField | models.EmailField) or f.choices:
            continue
        limit = f.max_length or 10_000
        setattr(obj, f.name, text[:limit])
    obj.save()
    return obj


def build_site(text: str | None = None) -> Site:
    """Published content of every kind, linked together so every page shows every other's text."""
    # Pictures too: alt texts, credits and captions only reach a page next to an image.
    show = factories.make_show(slug="star-city", image=factories.make_image())
    season = factories.make_season(show=show)
    episode = factories.make_episode(season=season, airs_at=timezone.now() - datetime.timedelta(days=30))
    person = factories.make_person(slug="anna-petrova", image=factories.make_image())
    character = factories.make_character(show=show, slug="irina-volkova")
    factories.make_credit(person=person, show=show, character=character, season=season)
    tag = factories.make_tag(slug="launch")
    category = factories.make_category(slug="casting")
    article = factories.make_article(
        slug="first-look",
        category=category,
        tags=[tag],
        source_url="https://example.com/",
        image=factories.make_image(),
    )
    article.shows.set([show])
    article.people.set([person])
    extra = universe_content(show, person, character, article)
    if text is not None:
        pictures = (show.image, person.image, article.image)
        for obj in (show, season, episode, person, character, tag, category, article, *pictures, *extra):
            fill_text_fields(obj, text)
    return Site(article, tag, category, show, season, episode, person, character, extra)


def universe_content(show, person, character, article) -> list:
    """Timeline, glossary and history objects, for the apps that exist at the time."""
    made = []
    specs = [
        ("universe", "HistoricalFigure", {"slug": "sergei-korolev", "name": "Sergei Korolev"}),
        ("universe", "Place", {"slug": "baikonur", "name": "Baikonur"}),
        ("universe", "GlossaryTerm", {"slug": "tsup", "term": "TsUP", "definition": "Mission control."}),
        ("universe", "TimelineEvent", {"slug": "vostok-1", "title": "Vostok 1", "date": datetime.date(1961, 4, 12)}),
    ]
    for app_label, model_name, fields in specs:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        obj = model.objects.create(**fields)
        for relation, target in (("shows", show), ("people", person), ("characters", character)):
            if hasattr(obj, relation) and relation in {f.name for f in model._meta.many_to_many}:
                getattr(obj, relation).add(target)
        if model_name == "TimelineEvent":
            obj.articles.add(article)
        made.append(obj)
    return made


def candidate_urls(site: Site) -> dict[str, tuple[str, dict]]:
    """Every public URL name we know of, with the arguments for ``site``'s objects."""
    a, show = site.article, site.show
    month = timezone.localtime(a.published_at)
    return {
        "home": ("home", {}),
        "news list": ("news:list", {}),
        "article": ("news:article", {"slug": a.slug}),
        "tag": ("news:tag", {"slug": site.tag.slug}),
        "category": ("news:category", {"slug": site.category.slug}),
        "archive": ("news:archive", {}),
        "month": ("news:month", {"year": f"{month.year:04d}", "month": f"{month.month:02d}"}),
        "rss": ("news:feed_rss", {}),
        "atom": ("news:feed_atom", {}),
        "tag rss": ("news:tag_feed_rss", {"slug": site.tag.slug}),
        "tag atom": ("news:tag_feed_atom", {"slug": site.tag.slug}),
        "shows": ("shows:index", {}),
        "show": ("shows:detail", {"slug": show.slug}),
        "cast": ("people:show_cast", {"slug": show.slug}),
        "season": ("shows:season", {"slug": show.slug, "number": site.season.number}),
        "episode": (
            "shows:episode",
            {"slug": show.slug, "number": site.season.number, "episode": site.episode.number},
        ),
        "people": ("people:index", {}),
        "person": ("people:person", {"slug": site.person.slug}),
        "character": ("people:character", {"slug": site.character.slug}),
        "search": ("search:results", {}),
        "timeline": ("universe:timeline", {}),
        "event": ("universe:event", {"slug": "vostok-1"}),
        "glossary": ("universe:glossary", {}),
        "figure": ("universe:figure", {"slug": "sergei-korolev"}),
        "progress": ("spoilers:progress", {}),
        "sitemap": ("sitemap", {}),
        "robots": ("robots_txt", {}),
    }


def existing_urls(site: Site, query: str = "") -> dict[str, str]:
    """The candidate URLs whose names reverse today; search gets ``?q=<query>``."""
    found = {}
    for label, (name, kwargs) in candidate_urls(site).items():
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        if label == "search":
            url += "?" + urlencode({"q": query or "star"})
        found[label] = url
    return found
