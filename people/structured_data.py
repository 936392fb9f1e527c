"""schema.org JSON-LD for people and characters, as plain dicts the template serialises."""

from __future__ import annotations

from typing import Any

from shows.structured_data import CONTEXT, absolute, person_ref, series_ref
from starcity_site.rich_fields import plain_text


def person(person) -> dict[str, Any]:
    data = {"@context": CONTEXT, **person_ref(person)}
    if person.short_bio:
        data["description"] = person.short_bio
    if person.birth_date:
        data["birthDate"] = person.birth_date.isoformat()
    if person.known_for:
        data["disambiguatingDescription"] = f"Known for {person.known_for}"
    return data


def character(character, credits) -> dict[str, Any]:
    """A character is a role: a PerformanceRole naming the actors and the series."""
    data = {
        "@context": CONTEXT,
        "@type": "PerformanceRole",
        "roleName": character.name,
        "characterName": character.name,
        "url": absolute(character.get_absolute_url()),
        "actor": [person_ref(credit.person) for credit in credits],
        "isPartOf": series_ref(character.show),
    }
    if character.description and not character.description_spoils_episode_id:  # public: no spoilers
        data["description"] = plain_text(character.description)
    if character.counterpart_id:
        # The real person behind the role (issue 10); the note says what the show changed.
        data["isBasedOn"] = figure_ref(character.counterpart)
        if character.counterpart_note:
            data["disambiguatingDescription"] = plain_text(character.counterpart_note)
    return data


def figure_ref(figure) -> dict[str, Any]:
    """A real-history figure as a schema.org Person, linking to the figure's page here."""
    data = {"@type": "Person", "name": figure.name, "url": absolute(figure.get_absolute_url())}
    if figure.role:
        data["jobTitle"] = figure.role
    if figure.born:
        data["birthDate"] = figure.born.isoformat()
    if figure.died:
        data["deathDate"] = figure.died.isoformat()
    return data
