"""Two login limits with one django-axes count: per account and address, and per address alone.

axes counts failures per group of ``AXES_LOCKOUT_PARAMETERS`` (here: the account at an address,
and the address alone), takes the largest count and locks out once it reaches
``AXES_FAILURE_LIMIT``: one limit for every group. The address's count is never smaller than the
account-and-address count, so that largest count is the address's. A limit low enough for one
account (a few guesses) would then lock a whole office behind one address after a few typos,
and one high enough for an address would let each account be guessed at many times.

So ``AXES_FAILURE_LIMIT`` is this callable (a documented axes hook): it answers the per-account
limit once this account has used it up at this address, which the address's count has then
reached too, and the higher per-address limit otherwise. An attacker spreading guesses over
many accounts is stopped by the address's limit; an editor's own typos by the account's.
"""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from starcity_site.client_ip import client_ip


def account_failures(request: HttpRequest, credentials: dict | None) -> int:
    """Failures within the cool-off for the account being tried, from this address."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(
        username=username, ip_address=client_ip(request), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))
    return attempts["total"] or 0


def failure_limit(request: HttpRequest, credentials: dict | None = None) -> int:
    account_limit = settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    if account_failures(request, credentials) >= account_limit:
        return account_limit
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT
