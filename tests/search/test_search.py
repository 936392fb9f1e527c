"""Search: finds published articles, people, characters and shows; never drafts; safe on any input.

Runs on both engines: SQLite (icontains + Python highlighting) and PostgreSQL (full-text search
with SearchRank/SearchHeadline), whichever DATABASE_URL points at.
"""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from news.models import Article
from search import engine, highlight
from search.query import MAX_LENGTH, parse
from starcity_site.caching.policy import page_key
from starcity_site.publishing import Status
from tests import factories

pytestmark = pytest.mark.django_db


def results(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html: str, group: str) -> list[str]:
    section = html.split(f'id="results-{group}"')[1].split("</section>")[0] if f'id="results-{group}"' in html else ""
    titles = re.findall(r'<h3 class="search-result__title"><a href="[^"]*">(.*?)</a></h3>', section, re.S)
    return [re.sub(r"</?mark>", "", t) for t in titles]


@pytest.fixture
def world():
    show = factories.make_show(
        title="Star City", slug="star-city", tagline="A paranoid thriller", synopsis="The Soviet side."
    )
    factories.make_show(title="For All Mankind", slug="for-all-mankind", synopsis="Leonov walks on the Moon first.")
    designer = factories.make_character(
        show,
        name="The Chief Designer",
        slug="chief-designer",
        description="Builds the N1 rocket.",
        counterpart="Sergei Korolev",
    )
    rhys = factories.make_person(
        name="Rhys Ifans", slug="rhys-ifans", short_bio="Welsh actor.", known_for="House of the Dragon"
    )
    factories.make_credit(rhys, show, character=designer)
    factories.make_article(
        title="Cosmonauts arrive in Star City",
        standfirst="Training begins.",
        body="<p>The <b>cosmonauts</b> train at Zvyozdny gorodok &amp; beyond.</p>",
    )
    factories.make_article(title="Designer drafts secret plan", status=Status.DRAFT, body="<p>cosmonauts</p>")
    factories.make_article(
        title="Cosmonauts scheduled story",
        published_at=timezone.now() + datetime.timedelta(days=2),
    )
    return {"show": show, "rhys": rhys, "designer": designer}


def test_empty_query_shows_just_the_form(client, world):
    html = results(client, "")
    assert '<form class="search-form" role="search"' in html and '<label for="search-q">' in html
    assert "search-result" not in html and "search-summary" not in html
    blank = results(client, "   \u200f ")  # only whitespace and marks: still empty
    assert "search-summary" not in blank and "search-result" not in blank


def test_search_page_without_q_parameter(client, world):
    response = client.get("/search/")
    assert response.status_code == 200 and b'name="q"' in response.content


def test_finds_articles_people_characters_and_shows(client, world):
    assert result_titles(results(client, "cosmonauts"), "articles") == ["Cosmonauts arrive in Star City"]
    assert result_titles(results(client, "Ifans"), "people") == ["Rhys Ifans"]
    assert result_titles(results(client, "chief designer"), "characters") == ["The Chief Designer"]
    html = results(client, "star city")
    assert "Star City" in result_titles(html, "shows")
    assert "Cosmonauts arrive in Star City" in result_titles(html, "articles")


def test_matches_lower_weight_fields_too(client, world):
    assert result_titles(results(client, "gorodok"), "articles") == ["Cosmonauts arrive in Star City"]  # body
    assert result_titles(results(client, "Dragon"), "people") == ["Rhys Ifans"]  # known for
    assert result_titles(results(client, "N1 rocket"), "characters") == ["The Chief Designer"]
    assert result_titles(results(client, "paranoid"), "shows") == ["Star City"]


def test_title_matches_rank_above_body_matches(client, world):
    factories.make_article(title="Weather report", body="<p>Snow over the Moon base.</p>")
    factories.make_article(title="Moon base opens", body="<p>Built at last.</p>")
    assert result_titles(results(client, "moon base"), "articles") == ["Moon base opens", "Weather report"]


def test_drafts_and_scheduled_articles_never_appear(client, world):
    for q in ["cosmonauts", "secret plan", "scheduled", "Designer drafts"]:
        titles = result_titles(results(client, q), "articles")
        assert "Designer drafts secret plan" not in titles and "Cosmonauts scheduled story" not in titles
    assert result_titles(results(client, "cosmonauts"), "articles") == ["Cosmonauts arrive in Star City"]


def test_matches_are_highlighted(client, world):
    html = results(client, "ifans")
    assert "Rhys <mark>Ifans</mark>" in html


def test_highlighting_escapes_html_from_content(client, world):
    factories.make_article(title="<script>alert(1)</script> Hack", standfirst="<b>bold</b> hack attempt")
    html = results(client, "hack")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Hack</mark>" in html
    assert "&lt;b&gt;bold&lt;/b&gt; <mark>hack</mark>" in html


def test_query_is_escaped_when_echoed(client, world):
    html = results(client, '"><script>alert(1)</script>')
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_long_query_is_truncated_with_a_note(client, world):
    html = results(client, "cosmonauts " + "x" * 2000)
    assert f"only its first {MAX_LENGTH} characters" in html
    assert parse("y" * 2000).text == "y" * MAX_LENGTH


@pytest.mark.parametrize(
    "q",
    [
        "cosmo\x00nauts",
        "\x00",
        "\u202eIfans\u202c",
        "\u200f\u200e",
        "🚀 rocket 👩‍🚀",
        "' OR 1=1 --",
        "&|!:*()<->",
        "a:* & !b",
        "%_%",
        "Королёв",
        "\\",
        "'''",
    ],
)
def test_odd_input_never_fails(client, world, q):
    results(client, q)


def test_url_escaped_garbage_never_fails(client, world):
    for raw in ["q=%ED%A0%80", "q=%FF%FE", "q=%00", "q=a&q=b", "q=%E2%80%AE", "page=abc&q=x"]:
        assert client.get(f"/search/?{raw}").status_code == 200


def test_lone_surrogates_and_marks_are_dropped_from_the_query():
    assert parse("\ud800Ifans\u200f\x00").text == "Ifans"
    assert not parse("\ud800\udfff")


def test_nul_inside_a_word_is_dropped_and_still_finds(client, world):
    assert result_titles(results(client, "Ifa\x00ns"), "people") == ["Rhys Ifans"]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1e9", "", "2"])
def test_bad_page_values_give_a_clear_page(client, world, page):
    html = results(client, "cosmonauts", page=page)
    assert result_titles(html, "articles") == ["Cosmonauts arrive in Star City"]


def test_pagination_pages_through_articles(client, world):
    for n in range(engine.ARTICLES_PER_PAGE + 3):
        factories.make_article(title=f"Rocket story {n}")
    first, second = results(client, "rocket"), results(client, "rocket", page="2")
    assert len(result_titles(first, "articles")) == engine.ARTICLES_PER_PAGE
    assert len(result_titles(second, "articles")) == 3
    assert "The Chief Designer" in first and "The Chief Designer" not in second
    assert 'href="/search/?q=rocket&amp;page=2"' in first
    assert "More results" in first and "Previous results" in second


def test_results_are_noindex_and_not_canonical(client, world):
    response = client.get("/search/", {"q": "cosmonauts"})
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex' in response.content.decode()
    assert 'rel="canonical"' not in response.content.decode()


def test_results_are_page_cached_briefly_and_never_stale(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/search/", {"q": "cosmonauts"})
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=120"
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "cosmonauts"})
    assert again["X-Page-Cache"] == "hit" and len(queries) == 1  # the content generation
    assert again.content == first.content
    # A new story shows on the very next search (the content generation), cached or not.
    factories.make_article(title="Cosmonauts in the centrifuge", body="<p>Spinning.</p>")
    assert "Cosmonauts in the centrifuge" in result_titles(results(client, "cosmonauts"), "articles")
    # Two minutes at most, whatever PAGE_CACHE_SECONDS says: a flood of made-up queries is bounded.
    stored = page_key(first.wsgi_request)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=121)):
        assert cache.get(stored) is None


def test_query_count_is_constant(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 0

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            results(client, "star")
        return len(queries)

    few = count()
    for n in range(60):
        factories.make_article(title=f"Star story {n}", body="<p>star</p>")
        factories.make_credit(factories.make_person(name=f"Star Person {n}"), world["show"])
        factories.make_show(title=f"Star show {n}")
    many = count()
    assert few == many <= 8


def test_uses_the_engine_of_the_database():
    expected = engine.PostgresEngine if connection.vendor == "postgresql" else engine.SimpleEngine
    assert isinstance(engine.engine_for_connection(), expected)


def test_alias_forms_are_searched_too(client, world, monkeypatch):
    # search.query imports universe.aliases lazily; whatever expand() returns is searched.
    import universe.aliases

    monkeypatch.setattr(universe.aliases, "expand", lambda q: [q, "Ifans"] if q == "Ifanz" else [q])
    assert result_titles(results(client, "Ifanz"), "people") == ["Rhys Ifans"]


def test_cyrillic_content_is_found_in_any_case(client, world):
    factories.make_person(name="Сергей Королёв", slug="korolev")
    assert result_titles(results(client, "королёв"), "people") == ["Сергей Королёв"]
    assert result_titles(results(client, "Королёв"), "people") == ["Сергей Королёв"]


def test_highlight_unit_folds_case_and_diacritics_but_keeps_the_original_text():
    assert highlight.mark("Korolëv & <Ko>", ["korolev"]) == "<mark>Korolëv</mark> &amp; &lt;Ko&gt;"
    assert highlight.mark("Королёв", ["королев"]) == "<mark>Королёв</mark>"
    assert highlight.from_sentinels(f"a {highlight.START}<b>{highlight.STOP}, {highlight.START}x") == (
        "a <mark>&lt;b&gt;</mark>, <mark>x</mark>"
    )
    # Adjacent marked words (a phrase, as ts_headline marks it) become one mark.
    assert highlight.from_sentinels(f"{highlight.START}a{highlight.STOP} {highlight.START}b{highlight.STOP}") == (
        "<mark>a b</mark>"
    )
    assert highlight.from_sentinels(f"<p>{highlight.START}x{highlight.STOP} &amp; y</p>", html_source=True) == (
        "<mark>x</mark> &amp; y"
    )


def test_finds_by_any_recorded_alias_latin_or_cyrillic(client, world):
    from universe.models import Alias

    for text in ["Korolev", "Korolyov", "Королёв"]:
        Alias.objects.create(target=world["designer"], text=text)
    factories.make_article(title="Who was the man behind the rockets?", body="<p>Sergei Korolev ran it all.</p>")
    for q in ["Korolyov", "Королёв", "королев", "KOROLËV"]:
        html = results(client, q)
        assert result_titles(html, "characters") == ["The Chief Designer"], q
        assert "Who was the man behind the rockets?" in result_titles(html, "articles"), q
    assert "Sergei <mark>Korolev</mark>" in results(client, "Королёв")


def test_spoiling_articles_and_descriptions_match_only_on_their_safe_text(client, world):
    episode = factories.make_episode(
        # Aired two days ago: inside the default grace period, so a new reader has not "seen" it.
        factories.make_season(world["show"]),
        airs_at=timezone.now() - datetime.timedelta(days=2),
    )
    article = factories.make_article(
        title="Valya dies in the launch fire",
        standfirst="A shocking end.",
        body="<p>The launch fire kills Valya.</p>",
        safe_title="Episode two reviewed",
        safe_standfirst="Our verdict on the launch episode.",
        spoils_episode=episode,
    )
    designer = world["designer"]
    designer.description = "Betrayed by the KGB in the end."
    designer.description_spoils_episode = episode
    designer.save()
    # Spoiling words find nothing for a reader who has not seen the episode...
    assert result_titles(results(client, "fire"), "articles") == []
    assert result_titles(results(client, "betrayed"), "characters") == []
    # ...the spoiler-free text still finds the story, and shows only that text.
    html = results(client, "verdict")
    assert result_titles(html, "articles") == ["Episode two reviewed"]
    assert "Valya dies" not in html and "shocking" not in html
    html = results(client, "chief designer")
    assert result_titles(html, "characters") == ["The Chief Designer"] and "Betrayed" not in html
    # A reader who is all caught up finds and sees the real story.
    client.cookies["progress"] = "all"
    html = results(client, "fire")
    assert result_titles(html, "articles") == ["Valya dies in the launch fire"]
    assert article.get_absolute_url() in html


def test_characters_are_found_by_their_real_history_counterpart(client, world):
    html = results(client, "korolev")
    assert result_titles(html, "characters") == ["The Chief Designer"]
    assert "real history: Sergei Korolev" in html


def test_alias_forms_match_as_phrases_not_as_loose_words(client, world):
    from universe.models import Alias

    Alias.objects.create(target=world["designer"], text="Korolyov")
    factories.make_article(
        title="Rather a long day at the office", body="<p>The designer was the chief of nothing.</p>"
    )
    factories.make_article(title="Profile", body="<p>Meet the Chief Designer, at last.</p>")
    html = results(client, "Korolyov")  # expands to the character's own name, "The Chief Designer"
    assert result_titles(html, "articles") == ["Profile"]
    assert "<mark>the Chief Designer</mark>" in html
    assert "<mark>the</mark>" not in html.lower(), re.findall(r".{40}<mark>the</mark>.{40}", html, re.I)


def test_highlight_marks_word_starts_only():
    assert highlight.mark("rather the", ["the"]) == "rather <mark>the</mark>"
    assert highlight.mark("cosmonauts", ["cosmonaut"]) == "<mark>cosmonaut</mark>s"


def test_worst_case_query_count_with_a_cold_cache(client, world):
    from universe.models import Alias

    Alias.objects.create(target=world["designer"], text="Korolyov")
    cache.clear()  # the first request after a change also works out the next due moment
    with CaptureQueriesContext(connection) as queries:
        results(client, "Korolyov")
    page_cache_bookkeeping = [q for q in queries if "starcity_site_contentgeneration" in q["sql"]]
    assert len(queries) - len(page_cache_bookkeeping) <= 9


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), page=st.text(max_size=12))
def test_any_text_gives_a_page(client, world, q, page):
    response = client.get("/search/", {"q": q, "page": page})
    assert response.status_code == 200
    assert b'name="q"' in response.content


def test_an_edit_is_searchable_at_once_and_the_old_words_are_gone(client, world):
    article = factories.make_article(title="Rehearsal at the range", body="<p>The engine is tested.</p>")
    assert "Rehearsal at the range" in result_titles(results(client, "rehearsal"), "articles")
    article.title = "Countdown at the range"
    article.body = "<p>The gantry rolls back.</p>"
    article.save()
    cache.clear()
    assert "Countdown at the range" in result_titles(results(client, "gantry"), "articles")
    assert result_titles(results(client, "rehearsal"), "articles") == []
    # Bulk writes (imports, the benchmark's loader) bypass save(): they must be found too.
    type(article).objects.filter(pk=article.pk).update(standfirst="Fuelling starts at dawn.")
    cache.clear()
    assert "Countdown at the range" in result_titles(results(client, "fuelling"), "articles")


def test_stored_vectors_are_exactly_what_the_engine_would_compute(world):
    # PostgreSQL keeps article vectors in columns filled by a trigger (news migration 0004); they
    # must equal the engine's own SearchVector so that ranks do not drift. SQLite leaves them empty.
    factories.make_article(
        title="Vectors", standfirst="Stand", body="<p>Body <b>text</b></p>", safe_title="Safe", safe_standfirst="Calm"
    )
    rows = Article.objects.all()
    if connection.vendor == "postgresql":
        kind = engine.KINDS[0]
        rows = rows.annotate(
            computed=engine.PostgresEngine.vector(kind), computed_safe=engine.PostgresEngine.safe_vector(kind)
        )
    assert len(rows) > 1
    for row in rows:
        if connection.vendor == "postgresql":
            assert row.search_vector and row.search_vector == row.computed
            assert row.safe_search_vector == row.computed_safe
        else:
            assert row.search_vector is None and row.safe_search_vector is None


@pytest.mark.parametrize(
    ("kind_key", "make", "rewrite", "expect"),
    [
        # People store their whole vector (people migration 0004).
        (
            "people",
            lambda: factories.make_person(bio="<p>Long bio</p>", known_for="Film"),
            {"bio": "Rewritten"},
            "'rewritten'",
        ),
        # Characters store their own name and description (0005); the query adds the
        # counterpart's name, another table's.
        (
            "characters",
            lambda: factories.make_character(description="Builds rockets.", counterpart="Sergei Korolev"),
            {"description": "Launches the satellite."},
            "'satellite'",
        ),
    ],
)
def test_stored_vectors_of_people_and_characters_are_the_engines_and_follow_every_write(
    world, kind_key, make, rewrite, expect
):
    # Equal to the engine's own vector row for row (so ranks do not drift), also after a write
    # that sends no signal and skips save() (a bulk update). SQLite leaves the column empty.
    kind = next(kind for kind in engine.KINDS if kind.key == kind_key)
    model = kind.queryset().model
    obj = make()
    model.objects.filter(pk=obj.pk).update(**rewrite)
    rows = kind.queryset()
    if connection.vendor == "postgresql":
        rows = rows.annotate(
            stored=engine.PostgresEngine.stored_vector(kind), computed=engine.PostgresEngine.vector(kind)
        )
    assert len(rows) > 1
    for row in rows:
        if connection.vendor == "postgresql":
            assert row.stored and row.stored == row.computed
            if row.pk == obj.pk:
                assert expect in row.stored and "rockets" not in row.stored
        else:
            assert row.search_vector is None


def test_places_terms_and_historical_figures_are_found_by_any_alias(client, world):
    from universe.models import Alias, GlossaryTerm, Place

    town = Place.objects.create(name="Star City", slug="star-city-town", description="The closed town of cosmonauts.")
    n1 = GlossaryTerm.objects.create(term="N1", slug="n1", definition="The Soviet Moon rocket.")
    korolev = factories.make_historical_figure(name="Sergei Korolev", slug="sergei-korolev", role="Chief Designer")
    Alias.objects.create(target=town, text="Zvyozdny gorodok")
    Alias.objects.create(target=town, text="Звёздный городок")
    Alias.objects.create(target=korolev, text="Королёв")
    cases = {
        "Zvyozdny gorodok": ("Star City", town.get_absolute_url(), "Place"),
        "звездный городок": ("Star City", town.get_absolute_url(), "Place"),
        "n1": ("N1", n1.get_absolute_url(), "Glossary term"),
        "Королев": ("Sergei Korolev", korolev.get_absolute_url(), "Real history"),
        "closed town": ("Star City", town.get_absolute_url(), "Place"),  # by its description
    }
    for q, (title, url, label) in cases.items():
        html = results(client, q)
        assert result_titles(html, "glossary")[:1] == [title], q
        section = html.split('id="results-glossary"')[1].split("</section>")[0]
        assert f'href="{url}"' in section and f'search-result__meta">{label}<' in section, q
    assert result_titles(results(client, "moon rocket"), "glossary") == ["N1"]
    # An entry named by the query leads the page; one found by its text follows the news.
    html = results(client, "N1")
    assert html.index('id="results-glossary"') < html.index('id="results-characters"')
    factories.make_article(title="The moon rocket rolls out", body="<p>At dawn.</p>")
    html = results(client, "moon rocket")
    assert html.index('id="results-articles"') < html.index('id="results-glossary"')
    assert "results-glossary" not in results(client, "cosmonauts arrive")  # no glossary match, no group


def test_glossary_hits_escape_their_text(client, world):
    from universe.models import GlossaryTerm

    GlossaryTerm.objects.create(term="<script>alert(1)</script> TASS", slug="tass", definition="<b>news</b> agency")
    html = results(client, "tass")
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<b>news</b>" not in html
