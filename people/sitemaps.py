"""Sitemap sections for the cast index, people and characters (both carry ``updated_at``)."""

from django.urls import reverse

from people.models import Character, Person
from starcity_site.seo import SiteSitemap


class PeopleIndexSitemap(SiteSitemap):
    def items(self):
        return ["people:index"]

    def location(self, item):
        return reverse(item)


class PersonSitemap(SiteSitemap):
    def items(self):
        return Person.objects.order_by("pk")

    def lastmod(self, person):
        return person.updated_at


class CharacterSitemap(SiteSitemap):
    def items(self):
        return Character.objects.order_by("pk")

    def lastmod(self, character):
        return character.updated_at


SITEMAPS = {
    "people-index": PeopleIndexSitemap,
    "people": PersonSitemap,
    "characters": CharacterSitemap,
}
