"""The outermost layer: every response leaves with the site's security headers.

Django's own layers add them on the way out (SecurityMiddleware: nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy, HSTS; XFrameOptionsMiddleware; django-csp). A response made before
they ran never passes through them: a Host not in ALLOWED_HOSTS raises DisallowedHost in the
first layer that reads the host (SecurityMiddleware's HTTPS redirect, CommonMiddleware), and
Django turns it into the 400 page right there. This layer is the one place that guarantees
the headers on every response: it runs those same middlewares' response hooks once more, each
of which leaves a header already set alone, so their settings stay the single source of the
values. It also adds Cross-Origin-Resource-Policy, for which Django has no setting: pages,
static files (whitenoise answers below this layer) and media alike.
"""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware

CORP_HEADER = "Cross-Origin-Resource-Policy"
# One header from each of the layers: a response that has all three went through all of them
# (or is a stored page that did), and is not built again.
PASSED_THROUGH_MARKERS = ("X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.layers = (
            SecurityMiddleware(get_response),
            XFrameOptionsMiddleware(get_response),
            CSPMiddleware(get_response),
        )
        self.resource_policy = settings.CROSS_ORIGIN_RESOURCE_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not all(name in response for name in PASSED_THROUGH_MARKERS):
            for layer in self.layers:
                response = layer.process_response(request, response)
        if self.resource_policy and CORP_HEADER not in response:
            response[CORP_HEADER] = self.resource_policy
        return response
