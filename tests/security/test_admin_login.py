"""The admin login: throttling with a cool-off, trusted client IPs, no open redirect, no user
enumeration, password rules, a configurable path, and no way for an editor to escalate."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from starcity_site.client_ip import client_ip
from tests.security.production import BASE_DIR, production_env

PASSWORD = "correct-horse-battery-staple"  # tests.factories.make_user's default
ROUTER = "10.1.2.3"  # the PaaS router: the socket address every proxied request comes from


@pytest.fixture
def login_url():
    return reverse("admin:login")


def attempt(client, login_url, username, password, **extra):
    return client.post(login_url, {"username": username, "password": password}, **extra)


def error_text(response) -> str:
    """The admin's error note, without what differs per request (the echoed username, tokens)."""
    html = response.content.decode()
    start = html.index('class="errornote"')
    return html[start : html.index("</p>", start)]


# --- Throttling ---------------------------------------------------------------------------------


def test_lockout_after_the_failure_limit_then_cool_off_lets_the_editor_back(client, editor, login_url):
    limit = settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    assert 3 <= limit <= 10
    cooloff = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    assert datetime.timedelta(minutes=5) <= cooloff <= datetime.timedelta(hours=24)  # not permanent
    start = datetime.datetime.now(tz=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(limit - 1):
            assert attempt(client, login_url, editor.username, "wrong").status_code == 200
        locked = attempt(client, login_url, editor.username, "wrong")
        assert locked.status_code == 429
        # Even the right password is refused while locked, with a clear page.
        locked = attempt(client, login_url, editor.username, PASSWORD)
        assert locked.status_code == 429
        page = locked.content.decode()
        assert "Too many failed log-in attempts" in page
        minutes = round(settings.AXES_COOLOFF_TIME * 60)
        assert f"Please wait {minutes} minutes" in page
        assert locked["Retry-After"] == str(minutes * 60)
        assert "Traceback" not in page
        assert locked["Content-Type"].startswith("text/html")
    with time_machine.travel(start + cooloff + datetime.timedelta(seconds=5), tick=False):
        response = attempt(client, login_url, editor.username, PASSWORD)
        assert response.status_code == 302


def test_spoofed_forwarded_for_cannot_reset_the_failure_count(client, editor, login_url, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    limit = settings.LOGIN_ACCOUNT_FAILURE_LIMIT
    for n in range(limit):
        # The attacker invents a new address each time; the router appends the real one.
        forwarded = f"198.51.100.{n}, 203.0.113.7"
        attempt(client, login_url, editor.username, "wrong", REMOTE_ADDR=ROUTER, HTTP_X_FORWARDED_FOR=forwarded)
    response = attempt(
        client,
        login_url,
        editor.username,
        PASSWORD,
        REMOTE_ADDR=ROUTER,
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
    )
    assert response.status_code == 429
    # Someone else behind the same router (a different real address) is not locked out.
    other = attempt(
        client, login_url, editor.username, PASSWORD, REMOTE_ADDR=ROUTER, HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert other.status_code == 302


def test_without_a_trusted_proxy_forwarded_for_is_ignored(client, editor, login_url, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT):
        attempt(client, login_url, editor.username, "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = attempt(client, login_url, editor.username, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "remote", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.1", "10.0.0.1"),
        (1, "1.1.1.1, 203.0.113.7", "10.0.0.1", "203.0.113.7"),
        (1, "203.0.113.7", "10.0.0.1", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.9.9.9", "10.0.0.1", "203.0.113.7"),
        (1, "", "10.0.0.1", "10.0.0.1"),
        (2, "203.0.113.7", "10.0.0.1", "10.0.0.1"),
        (1, "not-an-ip", "10.0.0.1", "10.0.0.1"),
        (1, "1.1.1.1, 2001:db8::1", "10.0.0.1", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_routers_entry(settings, count, forwarded, remote, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_guesses_spread_over_many_accounts_lock_the_address_out(client, login_url, db):
    """40 wrong passwords from one address across 10 accounts (4 each, under the per-account limit)."""
    from tests import factories

    assert settings.LOGIN_ACCOUNT_FAILURE_LIMIT < settings.LOGIN_ADDRESS_FAILURE_LIMIT <= 40
    accounts = [factories.make_user(username=f"editor{n}") for n in range(10)]
    statuses = [
        attempt(client, login_url, account.username, "wrong", REMOTE_ADDR="203.0.113.9").status_code
        for _round in range(4)
        for account in accounts
    ]
    assert statuses.count(429) >= 40 - settings.LOGIN_ADDRESS_FAILURE_LIMIT + 1
    assert statuses.index(429) == settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1
    # Locked out for every account from that address, even with the right password...
    right = attempt(client, login_url, accounts[0].username, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert right.status_code == 429
    # ...while the same account logs in from elsewhere.
    elsewhere = attempt(client, login_url, accounts[0].username, PASSWORD, REMOTE_ADDR="198.51.100.20")
    assert elsewhere.status_code == 302


def test_a_few_typos_on_several_accounts_behind_one_address_lock_nobody_else(client, login_url, db):
    """An office behind one address: one editor's typos lock that editor, not the colleagues."""
    from tests import factories

    typist, colleague = factories.make_user(username="typist"), factories.make_user(username="colleague")
    for _ in range(settings.LOGIN_ACCOUNT_FAILURE_LIMIT):
        attempt(client, login_url, typist.username, "wrong", REMOTE_ADDR="203.0.113.10")
    assert attempt(client, login_url, typist.username, PASSWORD, REMOTE_ADDR="203.0.113.10").status_code == 429
    assert attempt(client, login_url, colleague.username, PASSWORD, REMOTE_ADDR="203.0.113.10").status_code == 302


# --- Enumeration and redirects ------------------------------------------------------------------


def test_unknown_user_and_wrong_password_look_the_same(client, editor, login_url):
    unknown = attempt(client, login_url, "nobody-by-this-name", "wrong-password")
    wrong = attempt(client, login_url, editor.username, "wrong-password")
    assert unknown.status_code == wrong.status_code == 200
    assert error_text(unknown) == error_text(wrong)
    assert "nobody-by-this-name" not in error_text(unknown)


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "javascript:alert(1)"],
)
def test_login_never_redirects_to_another_host(client, editor, login_url, target):
    response = client.post(f"{login_url}?next={target}", {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302
    location = response["Location"]
    assert "evil.example" not in location and not location.startswith("javascript")
    assert location.startswith("/")


def test_logout_never_redirects_to_another_host(editor_client):
    response = editor_client.post(reverse("admin:logout") + "?next=https://evil.example/")
    assert "evil.example" not in response.get("Location", "")
    assert response.status_code in {200, 302}


def test_login_redirect_url_is_the_admin():
    assert reverse("admin:index") == settings.LOGIN_REDIRECT_URL
    assert reverse("admin:login") == settings.LOGIN_URL


# --- Passwords and the admin's path -------------------------------------------------------------


@pytest.mark.parametrize("weak", ["short1", "password123", "1234567890123", "starcity-editor"])
def test_weak_passwords_are_refused(weak, db):
    from tests.factories import make_user

    user = make_user(username="starcity-editor")
    with pytest.raises(ValidationError):
        validate_password(weak, user=user)


def test_a_long_unusual_password_is_accepted(db):
    validate_password("orbital-ladder-vodka-1961")


def test_admin_path_comes_from_the_environment():
    script = (
        "import django, json; django.setup(); from django.urls import reverse; from django.conf import settings;"
        "print(json.dumps([reverse('admin:index'), settings.LOGIN_URL]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=production_env(ADMIN_PATH="backstage-7f3"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == ["/backstage-7f3/", "/backstage-7f3/login/"]


# --- No escalation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_editors_cannot_reach_users_or_groups(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editor_cannot_grant_themselves_superuser(editor_client, editor):
    url = reverse("admin:auth_user_change", args=[editor.pk])
    assert editor_client.get(url).status_code == 403
    response = editor_client.post(
        url, {"username": editor.username, "is_staff": "on", "is_superuser": "on", "is_active": "on"}
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser
    assert not editor.has_perm("auth.change_user")
    assert not editor.has_perm("auth.change_group")
    assert not editor.has_perm("auth.change_permission")


def test_authors_cannot_publish_or_delete(db):
    from tests.factories import make_author

    author = make_author()
    assert author.has_perm("news.change_article")
    assert not author.has_perm("news.publish_article")
    assert not author.has_perm("news.delete_article")
    assert not author.has_perm("auth.change_user")
