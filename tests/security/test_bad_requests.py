"""Requests Django answers 400 get the site's 400 page, with every security header, through a
real gunicorn (its config file, production settings): not only through the test client, which
skips gunicorn's parsing and the WSGI layer. Malformed cookies are ignored, never a 500. A query
string Django refuses costs the log a line, not a traceback per handler (issue 24; the handlers
themselves: tests/spoilers/test_error_pages.py). One gunicorn serves the whole module."""

from __future__ import annotations

import contextlib
import socket

import pytest

from tests.reliability.services import Gunicorn, manage, production_env, seed

SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
SITE_400 = "That request could not be understood"
TOO_MANY = "?" + "&".join(["a=1"] * 1001)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-requests")
    env = production_env(
        DATABASE_URL=f"sqlite:///{root / 'db.sqlite3'}",
        STATIC_ROOT=str(root / "static"),
        MEDIA_ROOT=str(root / "media"),
        WEB_CONCURRENCY="1",
    )
    manage("collectstatic", "--noinput", env=env)
    seed(env)
    web = Gunicorn(env, root / "gunicorn.log")
    web.start()
    yield web
    web.stop()


def raw(port: int, request: bytes) -> tuple[int, dict[str, str], str]:
    """Send bytes as they are (no client library tidies them up); (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as s:
        # The server may answer and close before reading a refused body to its end.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body.decode(errors="replace")


def request(path: str = "/", host: str = "127.0.0.1", extra: str = "", method: str = "GET", body: bytes = b"") -> bytes:
    # X-Forwarded-Proto: https as the router sends it, so good requests are not redirected.
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n{extra}"
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    return head.encode("latin-1") + b"\r\n" + body


def assert_security_headers(headers: dict[str, str], what: str) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (what, name, headers)
    csp = headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, (what, headers)
    assert "max-age=31536000" in headers.get("strict-transport-security", ""), (what, headers)


BAD_HOSTS = {
    "unknown host": request(host="evil.example"),
    "host with a bad port": request(host="127.0.0.1:http"),
    "host with a path": request(host="127.0.0.1/evil"),
    "unknown host on a page": request("/news/first-look/", host="evil.example"),
    "unknown host on the admin": request("/admin/login/", host="evil.example"),
    "unknown host on a static file": request("/static/does-not-matter.css", host="evil.example"),
    "unknown host on a post": request(
        "/progress/",
        host="evil.example",
        method="POST",
        extra="Content-Type: application/x-www-form-urlencoded\r\n",
        body=b"episode=1",
    ),
}


@pytest.mark.parametrize("label", BAD_HOSTS)
def test_a_bad_host_gets_the_sites_400_page_with_every_security_header(server, label):
    status, headers, body = raw(server.port, BAD_HOSTS[label])
    assert status == 400, (label, status, body[:300])
    assert SITE_400 in body, (label, body[:300])
    assert headers["content-type"].startswith("text/html")
    for leak in ("ALLOWED_HOSTS", "Traceback", "DisallowedHost", "evil.example"):
        assert leak not in body, (label, leak)
    assert_security_headers(headers, label)


BAD_BODIES = {
    "broken multipart": ("multipart/form-data; boundary=", b"--\r\nnot really multipart"),
    "too many fields": ("application/x-www-form-urlencoded", b"&".join([b"a=1"] * 1001)),
    "too large": ("application/x-www-form-urlencoded", b"a=" + b"x" * (5 * 1024 * 1024 + 1)),
}


@pytest.mark.parametrize("label", BAD_BODIES)
def test_a_bad_form_body_gets_the_sites_400_page(server, label):
    content_type, data = BAD_BODIES[label]
    status, headers, body = raw(
        server.port, request("/progress/", method="POST", extra=f"Content-Type: {content_type}\r\n", body=data)
    )
    assert status == 400, (label, status, body[:300])
    assert SITE_400 in body
    assert_security_headers(headers, label)


MALFORMED_COOKIES = [
    'sessionid="unterminated',
    "csrftoken=not a token; ;;=; a=b=c",
    "sessionid=" + "x" * 3000,
    "messages=not-signed; sessionid=; =value",
    "\xe9t\xe9=caf\xe9",
]


@pytest.mark.parametrize("cookie", MALFORMED_COOKIES)
def test_malformed_cookies_are_ignored_not_a_500(server, cookie):
    status, headers, body = raw(server.port, request("/news/first-look/", extra=f"Cookie: {cookie}\r\n"))
    assert status == 200, (cookie, status, body[:300])
    assert "First look" in body
    assert_security_headers(headers, cookie)


def test_good_requests_and_static_files_carry_the_headers_too(server):
    for path in ("/", "/news/", "/healthz", "/no/such/page/"):
        status, headers, _body = raw(server.port, request(path))
        assert status in {200, 404}, path
        assert_security_headers(headers, path)


def test_too_many_query_parameters_get_the_sites_400_on_every_kind_of_page_and_log_little(server):
    pages = ["/", "/news/", "/search/", "/people/anna-petrova/", "/shows/star-city/"]
    before = server.log.stat().st_size
    for path in pages:
        status, _headers, body, _seconds = server.get(path + TOO_MANY)
        assert status == 400, (path, body[:200])
        assert SITE_400 in body, path
    with server.log.open("rb") as log_file:
        log_file.seek(before)
        logged = log_file.read().decode(errors="replace")
    # The access line (it holds the 4 KB address) and one line from Django's security logger,
    # not a traceback per handler that failed.
    assert len(logged) < (len(TOO_MANY) + 1000) * len(pages), logged[-3000:]
    assert "Traceback" not in logged
    assert logged.count("DATA_UPLOAD_MAX_NUMBER_FIELDS") == len(pages)
