"""Alias normalisation and query expansion: Korolev is Korolyov is Королёв."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from universe.aliases import expand, normalize
from universe.models import Alias


@pytest.mark.parametrize(
    "spelling",
    ["Korolev", "Korolyov", "Королёв", "Королев", "KOROLËV", "korolyov"],
)
def test_spellings_of_korolev_share_one_key(spelling):
    assert normalize(spelling) == "korolev"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Zvyozdny gorodok", "Звёздный городок"),
        ("Alexei Leonov", "Алексей Леонов"),
        ("Naïve", "naive"),
        ("KGB", "КГБ"),
        ("Lyudmilla", "Людмила"),
    ],
)
def test_latin_and_cyrillic_forms_meet(left, right):
    assert normalize(left) == normalize(right)


def test_different_names_stay_different():
    assert normalize("Leonov") != normalize("Korolev")
    assert normalize("  Star   City! ") == "star citi"  # keys are for comparison, not display


def _alias(obj, text):
    return Alias.objects.create(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, text=text)


@pytest.mark.django_db
def test_expand_adds_every_spelling_of_the_matching_group():
    person = factories.make_person(name="Sergei Korolev")
    _alias(person, "Korolyov")
    _alias(person, "Королёв")
    other = factories.make_person(name="Alexei Leonov")
    _alias(other, "Леонов")

    for query in ("Korolyov", "Королев", "Королёв", "korolev"):
        variants = expand(query)
        assert variants[0] == query
        assert {"Sergei Korolev", "Korolyov", "Королёв"} <= set(variants)
        assert "Леонов" not in variants


@pytest.mark.django_db
def test_expand_matches_whole_words_only():
    show = factories.make_show(title="Star City")
    _alias(show, "Zvyozdny gorodok")
    assert "Star City" in expand("the zvyozdny gorodok training centre")
    assert expand("zvyozdnygorodok") == ["zvyozdnygorodok"]


@pytest.mark.django_db
def test_expand_with_no_aliases_returns_the_query():
    assert expand("Korolev") == ["Korolev"]
    assert expand("") == [""]


@pytest.mark.django_db(transaction=True)
def test_expand_survives_a_missing_table():
    with connection.schema_editor() as editor:
        editor.delete_model(Alias)
    try:
        assert expand("Korolev") == ["Korolev"]
    finally:
        with connection.schema_editor() as editor:
            editor.create_model(Alias)


@pytest.mark.django_db
def test_one_spelling_per_target():
    person = factories.make_person()
    _alias(person, "Korolyov")
    _alias(person, "Королёв")  # another spelling, though the same folded key
    with pytest.raises(IntegrityError):
        _alias(person, "KOROLYOV")


@pytest.mark.django_db
def test_expand_reads_aliases_once_per_content_generation():
    person = factories.make_person(name="Sergei Korolev")
    _alias(person, "Korolyov")
    expand("Korolyov")
    with CaptureQueriesContext(connection) as queries:
        assert "Sergei Korolev" in expand("Korolyov")
    assert not [q for q in queries if "universe_alias" in q["sql"]]  # the content generation only
    _alias(person, "Королёв")  # a content change starts a new generation
    assert "Королёв" in expand("Korolyov")


@pytest.mark.django_db
def test_a_word_of_a_longer_alias_finds_its_group():
    show = factories.make_show(title="Star City")
    _alias(show, "Zvyozdny gorodok")
    assert "Star City" in expand("Zvyozdny")
    assert "Star City" in expand("Звёздный")
    assert expand("gor") == ["gor"]  # too short to stand for a whole alias
