from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = "Image library"

    def ready(self) -> None:
        # Every rich-text model's inline pictures are recorded, so none can be deleted while shown.
        from library import uses

        uses.connect()
