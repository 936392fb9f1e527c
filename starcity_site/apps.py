from django.apps import AppConfig


class StarCitySiteConfig(AppConfig):
    """The project package as an app: shared template tags, commands and templates."""

    name = "starcity_site"
    verbose_name = "Star City site"

    def ready(self) -> None:
        from starcity_site import checks, redirects, roles  # noqa: F401 - checks registers the system checks
        from starcity_site.caching import invalidation

        invalidation.connect()
        redirects.connect()  # slug changes leave a 301 behind (admin helper)
        roles.connect()  # Editors/Authors groups kept up to date after every migrate
