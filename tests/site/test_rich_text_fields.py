"""Synopses, biographies, character notes, timeline and glossary entries are rich text (issue 22):
edited with the article body's editor, cleaned on every save, printed as HTML on the pages, and
read as plain text wherever text is wanted (meta, JSON-LD, search)."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from people.models import Character, Person
from shows.models import Episode, Season, Show
from starcity_site.rich_fields import html_to_text, plain_text, text_to_html
from starcity_site.richtext import RichTextWidget
from tests import factories
from tests.admin_helpers import change_form_data
from tests.universe.helpers import make_event, make_place, make_term
from universe.models import GlossaryTerm, HistoricalFigure, Place, TimelineEvent

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
META_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
OG_DESCRIPTION = re.compile(r'<meta property="og:description" content="([^"]*)"')

# Every rich-text field, by model, with its admin.
RICH_FIELDS = {
    Show: ("synopsis",),
    Season: ("synopsis",),
    Episode: ("synopsis",),
    Person: ("bio",),
    Character: ("description", "counterpart_note", "fate"),
    HistoricalFigure: ("summary",),
    Place: ("description",),
    GlossaryTerm: ("definition",),
    TimelineEvent: ("real_history", "show_history"),
}
UNSAFE = '<p onclick="x()">Bold <strong>move</strong><script>alert(1)</script> <a href="javascript:x()">here</a></p>'
CLEAN = '<p>Bold <strong>move</strong> <a rel="noopener noreferrer">here</a></p>'


def test_plain_text_becomes_the_html_linebreaks_showed_and_comes_back():
    text = 'Korolev\'s "R-7" & <b>rocket</b>\nsecond line\n\nA new paragraph.'
    html = text_to_html(text)
    assert html == ('<p>Korolev\'s "R-7" &amp; &lt;b&gt;rocket&lt;/b&gt;<br>second line</p>\n\n<p>A new paragraph.</p>')
    assert html_to_text(html) == text
    assert text_to_html("") == "" and text_to_html("  \n ") == ""


def test_plain_text_keeps_words_apart_across_blocks_and_decodes_entities():
    assert plain_text("<p>One.</p><p>Two &amp; <strong>thr</strong>ee.</p><ul><li>Four</li></ul>") == (
        "One. Two & three. Four"
    )


@pytest.mark.parametrize("model", list(RICH_FIELDS), ids=lambda m: m.__name__)
def test_every_rich_text_field_is_cleaned_on_save(model):
    makers = {
        Show: factories.make_show,
        Season: factories.make_season,
        Episode: factories.make_episode,
        Person: factories.make_person,
        Character: factories.make_character,
        HistoricalFigure: factories.make_historical_figure,
        Place: make_place,
        GlossaryTerm: make_term,
        TimelineEvent: make_event,
    }
    obj = makers[model]()
    for name in RICH_FIELDS[model]:
        setattr(obj, name, UNSAFE)
    obj.save()
    obj.refresh_from_db()
    assert [getattr(obj, name) for name in RICH_FIELDS[model]] == [CLEAN] * len(RICH_FIELDS[model])


def test_a_save_of_other_fields_leaves_a_deferred_text_unread():
    person = factories.make_person(bio="<p>Kept.</p>")
    loaded = Person.objects.defer("bio").get(pk=person.pk)
    loaded.name = "Renamed"
    loaded.save()
    assert "bio" in loaded.get_deferred_fields()
    assert Person.objects.get(pk=person.pk).bio == "<p>Kept.</p>"


ADMIN_PAGES = [
    ("shows", "show", ["synopsis"]),
    ("shows", "season", ["synopsis"]),
    ("shows", "episode", ["synopsis"]),
    ("people", "person", ["bio"]),
    ("people", "character", ["description", "counterpart_note", "fate"]),
    ("universe", "historicalfigure", ["summary"]),
    ("universe", "place", ["description"]),
    ("universe", "glossaryterm", ["definition"]),
    ("universe", "timelineevent", ["real_history", "show_history"]),
]


@pytest.mark.parametrize(("app", "model", "fields"), ADMIN_PAGES, ids=[m for _a, m, _f in ADMIN_PAGES])
def test_each_admin_edits_its_long_texts_with_the_editor_under_a_nonce(editor_client, app, model, fields):
    response = editor_client.get(reverse(f"admin:{app}_{model}_add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [name for name in fields if isinstance(form.fields[name].widget, RichTextWidget)] == fields
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_a_figure_page_edits_its_characters_notes_with_the_editor(editor_client):
    figure = factories.make_historical_figure(name="Sergei Korolev")
    factories.make_character(counterpart=figure, counterpart_note="<p>Lives longer.</p>")
    response = editor_client.get(reverse("admin:universe_historicalfigure_change", args=[figure.pk]))
    inline = next(i for i in response.context["inline_admin_formsets"] if i.formset.model is Character)
    assert isinstance(inline.formset.forms[0].fields["counterpart_note"].widget, RichTextWidget)
    assert 'for="id_characters-0-counterpart_note"' in response.content.decode()  # its label names the editor


def test_the_editor_form_saves_a_show_synopsis_cleaned(editor_client):
    show = factories.make_show(title="Star City", slug="star-city", synopsis="<p>Old.</p>")
    url = reverse("admin:shows_show_change", args=[show.pk])
    data = change_form_data(editor_client.get(url))
    data["synopsis"] = '<p>The <strong>Soviet</strong> side.</p><p><img src="x" onerror="y()"></p>'
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Show.objects.get(pk=show.pk).synopsis == "<p>The <strong>Soviet</strong> side.</p><p></p>"


def test_the_template_tag_prints_stored_html_as_html():
    rendered = Template("{% load library %}<div>{% rich_text value %}</div>").render(
        Context({"value": "<p>A <strong>bold</strong> move &amp; more.</p>"})
    )
    assert rendered == "<div><p>A <strong>bold</strong> move &amp; more.</p></div>"
    assert Template("{% load library %}{% rich_text value %}").render(Context({"value": None})) == ""


# --- Pages and what reads them as text -------------------------------------------------------------


def json_ld_texts(html: str) -> str:
    return " ".join(json.dumps(json.loads(block)) for block in JSON_LD.findall(html))


@pytest.fixture
def formatted():
    show = factories.make_show(
        title="Star City",
        slug="star-city",
        tagline="",
        synopsis="<p>The <strong>Soviet</strong> side &amp; its secrets.</p><p>Second paragraph.</p>",
    )
    season = factories.make_season(show, synopsis="<p>The <em>first</em> year.</p>")
    episode = factories.make_episode(
        season, title="Pilot", synopsis="<p>A <strong>launch</strong>.</p>", airs_at=timezone.now()
    )
    person = factories.make_person(short_bio="", bio="<p>Welsh <em>actor</em>.</p><p>Busy.</p>")
    character = factories.make_character(
        show, description="<p>Builds the <strong>N1</strong>.</p>", counterpart="Sergei Korolev"
    )
    character.counterpart_note = "<p>Lives <em>longer</em>.</p>"
    character.save()
    return {"show": show, "season": season, "episode": episode, "person": person, "character": character}


def test_a_synopsis_in_bold_is_bold_on_the_page(client, formatted):
    html = client.get(formatted["show"].get_absolute_url()).content.decode()
    assert "<p>The <strong>Soviet</strong> side &amp; its secrets.</p><p>Second paragraph.</p>" in html
    assert '<div class="season__synopsis"><p>The <em>first</em> year.</p></div>' in html
    assert "&lt;strong&gt;" not in html and "&lt;p&gt;" not in html


@pytest.mark.parametrize("key", ["show", "season", "episode", "person", "character"])
def test_meta_descriptions_and_json_ld_carry_text_not_tags(client, formatted, key):
    html = client.get(formatted[key].get_absolute_url()).content.decode()
    for pattern in (META_DESCRIPTION, OG_DESCRIPTION):
        found = pattern.search(html)
        assert found, pattern.pattern
        assert "<" not in found.group(1) and "&lt;" not in found.group(1) and "&amp;amp;" not in found.group(1)
    data = json_ld_texts(html)
    assert data and "<p>" not in data and "<strong>" not in data and "\\u003c" not in data


def test_the_show_meta_description_reads_as_the_synopsis_text(client, formatted):
    html = client.get(formatted["show"].get_absolute_url()).content.decode()
    assert META_DESCRIPTION.search(html).group(1) == "The Soviet side &amp; its secrets. Second paragraph."
    series = next(json.loads(b) for b in JSON_LD.findall(html) if json.loads(b).get("@type") == "TVSeries")
    assert series["description"] == "The Soviet side & its secrets. Second paragraph."


def test_a_masked_synopsis_stays_masked(client, formatted):
    episode = formatted["episode"]
    episode.airs_at = timezone.now() + datetime.timedelta(days=30)
    episode.synopsis = "<p>The rocket <strong>explodes</strong> on the pad.</p>"
    episode.synopsis_spoils = True
    episode.save()
    html = client.get(episode.get_absolute_url()).content.decode()
    assert "explodes" not in html
    assert "Hidden until you have seen" in html
    assert "<strong>explodes</strong>" in client.get(episode.get_absolute_url() + "?reveal=1").content.decode()


def test_search_finds_a_word_inside_formatting_and_shows_text_not_tags(client, formatted):
    for query, title in [("Soviet", "Star City"), ("N1", None), ("actor", None)]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "<mark>" in html, query
        assert "&lt;p&gt;" not in html and "&lt;strong&gt;" not in html and "&lt;em&gt;" not in html, query
        if title:
            assert title in html


def test_glossary_and_timeline_print_their_entries_as_html(client):
    make_term(term="N1", slug="n1", definition="<p>A <strong>giant</strong> rocket.</p>")
    make_place(name="Baikonur", slug="baikonur", description="<p>The <em>steppe</em>.</p>")
    event = make_event(real_history="<p>It <strong>flies</strong>.</p>", show_history="<p>It lands.</p>")
    glossary = client.get(reverse("universe:glossary")).content.decode()
    assert "<dd><p>A <strong>giant</strong> rocket.</p>" in glossary
    assert "<dd><p>The <em>steppe</em>.</p></dd>" in glossary
    timeline = client.get(reverse("universe:timeline")).content.decode()
    assert "<p>It <strong>flies</strong>.</p>" in timeline
    page = client.get(event.get_absolute_url()).content.decode()
    assert '<div class="prose"><p>It <strong>flies</strong>.</p></div>' in page
    search = client.get("/search/", {"q": "steppe"}).content.decode()
    assert "<mark>steppe</mark>" in search and "&lt;em&gt;" not in search
