"""The client's IP address as the PaaS router saw it, for login throttling (django-axes).

Anyone can send an ``X-Forwarded-For`` header. A router *appends* the address it received the
connection from, so only the last ``TRUSTED_PROXY_COUNT`` entries were written by machines we
trust; everything to their left is whatever the client claimed. We take the entry the nearest
trusted proxy wrote and ignore the rest, so a client cannot pick a fresh address per attempt to
reset its failure count. With no trusted proxy (``TRUSTED_PROXY_COUNT=0``, direct connections)
the header is ignored and the socket address is used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        # Fewer hops than proxies in front of us: the request did not come through the router.
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
