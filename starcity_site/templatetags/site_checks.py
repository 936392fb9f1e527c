"""The deploy warnings editors should see in the admin (starcity_site/checks.py)."""

from django import template

from starcity_site import checks

register = template.Library()


@register.simple_tag
def media_storage_warning() -> str:
    """The sentence start-up logs when uploads live on the machine's own disk, else ''."""
    return checks.MEDIA_ON_LOCAL_DISK if checks.media_on_local_disk() else ""
