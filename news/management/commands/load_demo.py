from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the Star City demo content (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write("Demo content: nothing yet.")
