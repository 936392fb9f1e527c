"""starcity_site.seo and {% load seo %}: JSON-LD escaping, breadcrumbs, page meta, page links."""

from __future__ import annotations

import json
import re

from django.template import Context, Template
from django.test import RequestFactory

from starcity_site import seo
from tests import factories


def test_json_ld_escapes_script_end_and_stays_valid_json():
    data = {"headline": "</script><script>alert(1)</script> & <b>", "name": "Звёздный городок"}
    html = seo.json_ld_script(data)
    assert html.startswith('<script type="application/ld+json">') and html.endswith("</script>")
    inner = html[len('<script type="application/ld+json">') : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == data


def test_json_ld_tag_renders_through_templates():
    template = Template("{% load seo %}{% json_ld data %}")
    html = template.render(Context({"data": {"@type": "Thing", "name": "</SCRIPT>"}}))
    assert html.count("</script>") == 1
    assert json.loads(re.search(r">(.*)</script>", html).group(1))["name"] == "</SCRIPT>"
    assert Template("{% load seo %}{% json_ld data %}").render(Context({"data": None})) == ""
    as_filter = Template("{% load seo %}{{ data|json_ld }}").render(Context({"data": {"name": "</script>"}}))
    assert as_filter.count("</script>") == 1 and "\\u003c/script\\u003e" in as_filter


def test_breadcrumb_list_positions_and_absolute_urls(settings):
    settings.SITE_URL = "https://starcity.example"
    crumbs = seo.breadcrumb_trail(("News", "/news/"), ("A story", ""))
    data = seo.breadcrumb_list(crumbs, current_path="/news/a-story/")
    assert data["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Home", "https://starcity.example/"),
        (2, "News", "https://starcity.example/news/"),
        (3, "A story", "https://starcity.example/news/a-story/"),
    ]


def test_breadcrumbs_include_marks_the_current_page():
    request = RequestFactory().get("/news/a-story/")
    crumbs = seo.breadcrumb_trail(("News", "/news/"), ("A <story>", ""))
    html = Template('{% include "includes/breadcrumbs.html" %}').render(Context({"crumbs": crumbs, "request": request}))
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<a href="/news/">News</a>' in html
    assert '<span aria-current="page">A &lt;story&gt;</span>' in html
    assert '"@type":"BreadcrumbList"' in html


def test_page_meta_builds_absolute_canonical_and_image(settings, db):
    settings.SITE_URL = "https://starcity.example"
    article = factories.make_article(
        image=factories.make_image(factories.image_file(size=(1200, 600)), image_alt="Rocket")
    )
    meta = seo.PageMeta(title="A story", path="/news/a/", og_type="article", image=article.image)
    assert meta.canonical == "https://starcity.example/news/a/"
    assert meta.full_title == "A story — Star City Fan Site"
    # A 16:9 rendition no wider than 1200 px, not the original upload.
    assert meta.image_url.startswith("https://starcity.example/media/renditions/")
    assert meta.image_alt == "Rocket"
    assert meta.twitter_card == "summary_large_image"
    html = Template('{% include "includes/meta.html" %}').render(Context({"meta": meta, "SITE_NAME": "X"}))
    assert f'<link rel="canonical" href="{settings.SITE_URL}/news/a/">' in html
    assert '<meta property="og:url" content="https://starcity.example/news/a/">' in html
    assert f'<meta property="og:image" content="{meta.image_url}">' in html
    plain = seo.PageMeta(title="Plain", noindex=True)
    html = Template('{% include "includes/meta.html" %}').render(Context({"meta": plain}))
    assert 'content="noindex, nofollow"' in html and "canonical" not in html
    assert plain.twitter_card == "summary"


def test_describe_strips_html_and_truncates():
    text = seo.describe("<p>One <b>two</b></p>   three " + "word " * 100, chars=30)
    assert text.startswith("One two three")
    assert len(text) <= 30 and "<" not in text


def test_page_href_keeps_other_parameters_and_drops_page_one():
    template = Template("{% load seo %}{% page_href 1 %}|{% page_href 3 %}")
    request = RequestFactory().get("/search/", {"q": "Korolev & co", "page": "2"})
    first, third = template.render(Context({"request": request})).split("|")
    assert first == "/search/?q=Korolev+%26+co"
    assert third == "/search/?q=Korolev+%26+co&amp;page=3"  # autoescaped for the href attribute


def test_site_sitemap_uses_site_url(settings):
    settings.SITE_URL = "https://starcity.example"
    sitemap = seo.SiteSitemap()
    assert sitemap.get_domain() == "starcity.example"
    assert sitemap.get_protocol() == "https"
