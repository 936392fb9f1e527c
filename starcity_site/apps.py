from django.apps import AppConfig


class StarCitySiteConfig(AppConfig):
    """The project package as an app: shared template tags, commands and templates."""

    name = "starcity_site"
    verbose_name = "Star City site"

    def ready(self) -> None:
        from starcity_site.caching import invalidation

        invalidation.connect()
