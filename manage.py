#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "starcity_site.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from starcity_site.configuration import ConfigurationError

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load settings now to report bad configuration plainly
    except ConfigurationError as exc:
        sys.exit(f"Configuration error: {exc}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
