"""The progress form: set, change and clear the cookie with no JavaScript, and go back safely."""

from __future__ import annotations

import pytest

from spoilers.progress import COOKIE_NAME


def test_posting_a_progress_sets_a_lax_httponly_year_long_cookie_and_goes_back(client, universe):
    response = client.post("/progress/", {"progress": "star-city:s1e4", "next": "/news/?page=2"})
    assert response.status_code == 303
    assert response["Location"] == "/news/?page=2"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "star-city:s1e4"
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]
    assert cookie["max-age"] == 365 * 24 * 3600


@pytest.mark.parametrize(
    ("value", "stored"), [("none", "none"), ("all", "all"), ("STAR-CITY:S01E04", "star-city:s1e4")]
)
def test_stored_value_is_normalised(client, universe, value, stored):
    response = client.post("/progress/", {"progress": value})
    assert response.cookies[COOKIE_NAME].value == stored


@pytest.mark.parametrize("value", ["default", "garbage", "x" * 5000, ""])
def test_default_or_garbage_clears_the_cookie(client, universe, value):
    client.cookies[COOKIE_NAME] = "all"
    response = client.post("/progress/", {"progress": value})
    assert response.cookies[COOKIE_NAME].value == ""
    assert response.cookies[COOKIE_NAME]["max-age"] == 0


def test_clear_button_forgets_the_setting(client, universe):
    client.cookies[COOKIE_NAME] = "all"
    response = client.post("/progress/", {"progress": "all", "clear": "1", "next": "/"})
    assert response.cookies[COOKIE_NAME].value == ""
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "news/"]
)
def test_redirects_only_to_a_path_on_this_site(client, universe, target):
    response = client.post("/progress/", {"progress": "all", "next": target})
    assert response["Location"] == "/progress/"


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "null"}],
)
def test_a_change_from_another_site_is_refused(client, universe, headers):
    response = client.post("/progress/", {"progress": "all", "next": "/"}, **headers)
    assert response.status_code == 403
    assert COOKIE_NAME not in response.cookies
    assert "from another site" in response.content.decode()


def test_same_origin_browser_post_is_accepted(client, universe):
    response = client.post(
        "/progress/", {"progress": "all"}, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.cookies[COOKIE_NAME].value == "all"


def test_settings_page_shows_the_form_with_the_current_choice(client, universe):
    client.cookies[COOKIE_NAME] = "star-city:s1e4"
    html = client.get("/progress/").content.decode()
    assert "up to Star City S1E4" in html
    assert '<option value="star-city:s1e4" selected>' in html
    assert html.count('id="progress-select"') == 1
    # Aired episodes only: S1E6 has not aired, so nobody can be up to it.
    assert 'value="star-city:s1e5"' in html
    assert 'value="star-city:s1e6"' not in html
    assert '<optgroup label="For All Mankind — season 4">' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize(
    "cookie",
    ["garbage", "star-city:s9e9", "x" * 10_000, "星の街:s1e1", "star-city:s1e4\x00", '"quoted";', "%FF%FE"],
)
def test_bad_cookies_read_as_the_default(client, universe, cookie):
    # A raw header, as a browser sends it: UTF-8 bytes, which WSGI hands over as latin-1.
    header = f"{COOKIE_NAME}={cookie}".encode().decode("latin-1")
    response = client.get("/progress/", HTTP_COOKIE=header)
    assert response.status_code == 200
    assert "episodes aired over a week ago" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/news/", "/shows/star-city/", "/this-page-does-not-exist/"])
def test_every_page_carries_the_form_and_comes_back_to_itself(client, universe, url):
    html = client.get(url).content.decode()
    assert '<form class="progress-form" method="post" action="/progress/"' in html
    assert f'<input type="hidden" name="next" value="{url}">' in html
    assert '<label class="progress-form__label" for="progress-select">' in html


def test_settings_page_links_the_readers_own_feeds_and_returns_to_the_page(client, universe):
    client.cookies[COOKIE_NAME] = "star-city:s1e4"
    html = client.get("/progress/?next=/news/").content.decode()
    assert 'href="/news/feed/rss/?progress=star-city%3As1e4"' in html
    assert '<input type="hidden" name="next" value="/news/">' in html


def test_episode_titles_in_the_form_are_escaped(client, universe):
    universe.ep[2].title = '"><script>alert(1)</script> & Co'
    universe.ep[2].save()
    html = client.get("/news/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Up to S1E2: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</option>" in html


def test_every_page_posts_the_form_to_the_settings_page(client, universe):
    html = client.get("/news/").content.decode()
    assert '<form class="progress-form" method="post" action="/progress/"' in html
