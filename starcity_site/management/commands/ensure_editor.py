"""Create the local demo editor (or show its login again) — for bin/run, not for production."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from starcity_site.roles import ensure_roles

USERNAME = "editor"


class Command(BaseCommand):
    help = "Create an Editors-group login for local use and print it; prints the same login when run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_editor is for local development; use createsuperuser in production.")
        editors, _ = ensure_roles()
        password_file = settings.DATA_DIR / "editor-login.txt"
        user = get_user_model().objects.filter(username=USERNAME).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user = user or get_user_model()(username=USERNAME, first_name="Demo", last_name="Editor")
            user.is_staff = True
            user.set_password(password)
            user.save()
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
        user.groups.add(editors)
        password = password_file.read_text().strip()
        self.stdout.write(
            self.style.SUCCESS(
                f"Editor login for {settings.SITE_URL}/{settings.ADMIN_PATH} — "
                f"username: {USERNAME}  password: {password}"
            )
        )
