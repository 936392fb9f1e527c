"""Values every template may use. No database queries here: error pages render through it.

Links are not here: templates write them with ``{% url %}``, which reverses only the links a
page prints, under the request's script prefix.
"""

from django.conf import settings


def site(request):
    return {
        "SITE_NAME": "Star City Fan Site",
        "SITE_URL": settings.SITE_URL,
        "ADMIN_PATH": settings.ADMIN_PATH,
    }
