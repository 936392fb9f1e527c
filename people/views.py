"""Public pages for people and characters."""

from django.views.generic import DetailView

from people.models import Character, Person


class PersonDetailView(DetailView):
    model = Person
    template_name = "people/person_detail.html"
    context_object_name = "person"


class CharacterDetailView(DetailView):
    model = Character
    template_name = "people/character_detail.html"
    context_object_name = "character"
