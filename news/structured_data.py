"""schema.org JSON-LD for news pages, built from the objects the views already loaded."""

from __future__ import annotations

from news.models import Article
from starcity_site.seo import SITE_NAME, absolute_url, describe, image_object, publisher


def website() -> dict:
    """The site, with the search box search engines may offer (the search app serves /search/?q=)."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": absolute_url("/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": absolute_url("/search/?q={search_term_string}")},
            "query-input": "required name=search_term_string",
        },
    }


def collection_page(name: str, path: str, articles) -> dict:
    """A list page: its articles in order, by URL only (the headlines live on their own pages)."""
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": absolute_url(path),
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "url": absolute_url(article.get_absolute_url())}
                for n, article in enumerate(articles, start=1)
            ],
        },
    }


def news_article(article: Article, tags: list, shows: list, people: list) -> dict:
    """NewsArticle, ``about`` the shows it covers (TVSeries) and mentioning its people (the
    article's tags, shows and people as the view read them)."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        # Spoiler-free whatever the reader has seen: structured data is read by anyone (issue 9).
        "headline": article.public_title[:110],
        "description": describe(article.public_standfirst or ("" if article.spoils_episode_id else article.body)),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "author": {"@type": "Person", "name": article.author_name},
        "publisher": publisher(),
    }
    image = image_object(article.public_image)
    if image:
        data["image"] = [image]
    if article.category:
        data["articleSection"] = article.category.name
    keywords = [tag.name for tag in tags]
    if keywords:
        data["keywords"] = keywords
    about = [{"@type": "TVSeries", "name": show.title, "url": absolute_url(show.get_absolute_url())} for show in shows]
    if about:
        data["about"] = about
    mentions = [
        {"@type": "Person", "name": person.name, "url": absolute_url(person.get_absolute_url())} for person in people
    ]
    if mentions:
        data["mentions"] = mentions
    return data
