from django.apps import AppConfig


class SpoilersConfig(AppConfig):
    """Spoiler-safe reading (issue 9): reader progress, masking, the progress form."""

    name = "spoilers"
    verbose_name = "Spoilers"

    def ready(self) -> None:
        from spoilers import schedule
        from starcity_site.caching import register_due_source

        register_due_source(schedule.next_spoiler_change)
