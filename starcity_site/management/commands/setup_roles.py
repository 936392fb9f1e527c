from django.core.management.base import BaseCommand

from starcity_site.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or update the Editors and Authors groups (idempotent)."

    def handle(self, *args, **options):
        editors, authors = ensure_roles()
        self.stdout.write(
            f"Roles ready: {editors.name} ({editors.permissions.count()} permissions), "
            f"{authors.name} ({authors.permissions.count()} permissions)."
        )
