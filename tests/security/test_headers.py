"""Security headers on every kind of public page and the admin, and cookie flags, as in production."""

from __future__ import annotations

import pytest

from tests.security.production import production_settings
from tests.security.site import build_site, existing_urls

HTML_PAGES_AT_LEAST = {"home", "article"}


@pytest.fixture
def production(settings):
    """Apply the security settings a production process computes (read in a subprocess)."""
    for name, value in production_settings().items():
        setattr(settings, name, value)
    return settings


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_secure_headers(response, url: str) -> None:
    assert response.status_code < 500, url
    csp = csp_directives(response["Content-Security-Policy"])
    for directive in ("script-src", "style-src"):
        sources = csp.get(directive) or csp["default-src"]
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, (url, directive)
        assert "*" not in sources and "https:" not in sources, (url, directive)
    assert csp["default-src"] == ["'self'"], url
    assert csp["object-src"] == ["'none'"], url
    assert csp["frame-ancestors"] == ["'none'"], url
    assert response["X-Frame-Options"] == "DENY", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert response["Cross-Origin-Resource-Policy"] == "same-origin", url
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts, url


def test_production_settings_turn_on_hsts_https_and_secure_cookies():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    for cookie in ("SESSION", "CSRF"):
        assert values[f"{cookie}_COOKIE_SECURE"] is True
        assert values[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert values[f"{cookie}_COOKIE_SAMESITE"] in {"Lax", "Strict"}


def test_every_public_page_kind_sends_the_security_headers(client, production, db):
    site = build_site()
    urls = existing_urls(site)
    assert urls.keys() >= HTML_PAGES_AT_LEAST
    for url in [*urls.values(), "/no/such/page/", "/healthz"]:
        first = client.get(url, secure=True)
        assert_secure_headers(first, url)
        # The second request may come from the page cache: the headers must be the same.
        again = client.get(url, secure=True)
        assert_secure_headers(again, url)


def test_plain_http_is_redirected_to_https(client, production, db):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_admin_pages_send_the_headers_and_cookies_are_secure_httponly_samesite(client, production, editor):
    login_url = f"/{production.ADMIN_PATH}login/"
    page = client.get(login_url, secure=True)
    assert_secure_headers(page, login_url)
    csrf = page.cookies["csrftoken"]
    response = client.post(
        login_url,
        {"username": editor.username, "password": "correct-horse-battery-staple", "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    for cookie in (session, client.cookies["csrftoken"]):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] in {"Lax", "Strict"}
    index = client.get(f"/{production.ADMIN_PATH}", secure=True)
    assert index.status_code == 200
    assert_secure_headers(index, "admin index")
    assert "no-cache" in index["Cache-Control"] or "private" in index["Cache-Control"]


@pytest.mark.parametrize("secure", [True, False], ids=["https", "plain http, redirected first"])
def test_a_bad_host_400_carries_every_security_header(client, production, db, secure):
    """DisallowedHost is raised by the first layer that reads the host: over plain HTTP that is
    the HTTPS redirect, before any other layer has run."""
    production.ALLOWED_HOSTS = ["starcity.example.com"]
    response = client.get("/news/", HTTP_HOST="evil.example", secure=secure)
    assert response.status_code == 400
    assert "That request could not be understood" in response.content.decode()
    for name in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert response.has_header(name), name
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
