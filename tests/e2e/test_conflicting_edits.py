"""Two editors open the same article; the first save wins and the second is refused, not lost."""

from __future__ import annotations

from tests import factories
from tests.e2e.admin_helpers import PASSWORD, login, save


def test_second_save_of_the_same_article_is_refused(new_page, transactional_db):
    article = factories.make_article(title="Launch window announced", slug="launch-window")
    first_editor = factories.make_editor(username="anna", password=PASSWORD, first_name="Anna")
    second_editor = factories.make_editor(username="boris", password=PASSWORD)
    change_url = f"/admin/news/article/{article.pk}/change/"

    first, second = new_page(), new_page()
    login(first, first_editor.username)
    login(second, second_editor.username)
    first.goto(change_url)
    second.goto(change_url)  # both forms now carry the same version

    first.fill("#id_title", "Launch window announced for late 2026")
    save(first)
    assert first.locator(".messagelist .success").count() == 1

    second.fill("#id_standfirst", "A different edit made from a stale form.")
    save(second)
    error = second.locator(".errornote, .errorlist").all_inner_texts()
    message = " ".join(error)
    assert "Someone else" in message and "saved this article" in message, f"no clear refusal: {error}"
    assert "Anna" in message  # says who saved first
    # The second editor's text is still in the form, ready to copy.
    assert second.input_value("#id_standfirst") == "A different edit made from a stale form."
    assert second.locator(".messagelist .success").count() == 0

    article.refresh_from_db()
    assert article.title == "Launch window announced for late 2026"
    assert article.standfirst == "What happened."
