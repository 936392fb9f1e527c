from django.apps import AppConfig


class UniverseConfig(AppConfig):
    """Real history against the show's history: timeline, places, glossary, historical figures, aliases."""

    name = "universe"
    verbose_name = "Universe"
