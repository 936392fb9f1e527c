"""Load the demo content: every installed app's ``demo.load(stdout)``, in one transaction.

The project package imports no content app: it asks Django which apps are installed and calls
the ``demo`` module of each one that has it, in INSTALLED_APPS order (so shows come before the
people who star in them, and people before the news about them). Loaders are idempotent, so the
command is safe to run on every start (bin/run does).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from starcity_site.caching import content_changed
from starcity_site.revisions import revision_per_object

Loader = Callable[..., None]


def demo_loaders() -> Iterator[tuple[str, Loader]]:
    """(app label, load) for every installed app with a ``demo`` module defining ``load``."""
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "demo"):
            continue
        load = getattr(importlib.import_module(f"{config.name}.demo"), "load", None)
        if callable(load):
            yield config.label, load


class Command(BaseCommand):
    help = "Load the Star City demo content (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        # One transaction: a failing loader leaves the database as it was, never half-loaded.
        # One revision per object saved: the admin's history shows each demo row's version, and
        # restoring one brings back that row alone, not everything the loader wrote.
        with transaction.atomic(), revision_per_object("Demo content loaded by load_demo"):
            for _label, load in demo_loaders():
                load(self.stdout)
            content_changed()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
