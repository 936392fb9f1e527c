"""The review queue: an author submits, an editor sends back with a note or publishes; every
step is kept (who, when, note); a submitted article is invisible to the public; an author never
publishes, not even with a crafted POST."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from news.models import Article, ReviewStep
from starcity_site.publishing import Status
from tests import factories
from tests.admin_helpers import change_form_data

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return reverse("admin:news_article_change", args=[article.pk])


def press(client, article, button: str, **changes):
    """Open the article's change form and send it with ``button`` pressed."""
    opened = client.get(change_url(article))
    assert opened.status_code == 200
    data = {**change_form_data(opened), **changes, button: "1"}
    return client.post(change_url(article), data)


@pytest.fixture
def author(db):
    return factories.make_author(username="ann")


@pytest.fixture
def author_client(author):
    # Its own client: ``editor_client`` is the shared ``client``, logged in as the editor.
    client = Client()
    client.force_login(author)
    return client


@pytest.fixture
def draft(author):
    return factories.make_article(title="Ann's draft", status=Status.DRAFT, published_at=None, author=author)


def test_submit_send_back_resubmit_publish(author_client, draft, editor, editor_client):
    page = author_client.get(change_url(draft)).content.decode()
    assert 'name="_submit_review"' in page and 'name="_publish"' not in page

    response = press(author_client, draft, "_submit_review", review_note="Ready, I think.")
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.is_waiting_for_review and draft.status == Status.DRAFT
    assert draft.state_label == "Waiting for review"
    assert list(Article.objects.waiting_for_review()) == [draft]

    editor_page = editor_client.get(change_url(draft)).content.decode()
    assert 'name="_send_back"' in editor_page and 'name="_publish"' in editor_page

    # Sending back needs a note.
    refused = press(editor_client, draft, "_send_back", review_note="")
    assert refused.status_code == 200
    assert "review_note" in refused.context["adminform"].form.errors
    response = press(editor_client, draft, "_send_back", review_note="Needs a source for the casting news.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.is_waiting_for_review and draft.status == Status.DRAFT

    press(author_client, draft, "_submit_review", review_note="Source added.")
    response = press(editor_client, draft, "_publish")
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.is_published and draft.submitted_at is None
    assert Article.objects.published().filter(pk=draft.pk).exists()

    steps = list(draft.review_steps.order_by("at", "id").values_list("kind", "user__username", "note"))
    assert steps == [
        (ReviewStep.Kind.SUBMITTED, "ann", "Ready, I think."),
        (ReviewStep.Kind.SENT_BACK, editor.username, "Needs a source for the casting news."),
        (ReviewStep.Kind.SUBMITTED, "ann", "Source added."),
        (ReviewStep.Kind.PUBLISHED, editor.username, ""),
    ]
    # The history (django-reversion) names each step, with its note, by its user.
    comments = [(v.revision.user.username, v.revision.get_comment()) for v in Version.objects.get_for_object(draft)]
    assert comments[:4] == [
        (editor.username, "Published."),
        ("ann", "Submitted for review: Source added."),
        (editor.username, "Sent back to the author: Needs a source for the casting news."),
        ("ann", "Submitted for review: Ready, I think."),
    ]
    # The change page shows the steps.
    shown = editor_client.get(change_url(draft)).content.decode()
    assert "Needs a source for the casting news." in shown and "Sent back to the author by" in shown


def test_publish_button_with_a_future_time_schedules(author_client, draft, editor_client):
    press(author_client, draft, "_submit_review")
    when = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    response = press(
        editor_client,
        draft,
        "_publish",
        published_at_0=f"{when:%Y-%m-%d}",
        published_at_1=f"{when:%H:%M:%S}",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.is_scheduled and draft.published_at == when
    kinds = list(draft.review_steps.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == [ReviewStep.Kind.SUBMITTED, ReviewStep.Kind.SCHEDULED]


def test_publishing_a_waiting_article_from_the_list_records_the_step(author_client, draft, editor_client):
    press(author_client, draft, "_submit_review")
    editor_client.post(
        reverse("admin:news_article_changelist"), {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.is_published and draft.submitted_at is None
    assert draft.review_steps.filter(kind=ReviewStep.Kind.PUBLISHED).count() == 1


@pytest.mark.parametrize("button", ["_publish", "_send_back"])
def test_an_authors_crafted_post_to_publish_or_send_back_is_refused(author_client, draft, button):
    press(author_client, draft, "_submit_review")
    response = press(
        author_client,
        draft,
        button,
        status=Status.PUBLISHED,
        published_at_0="2020-01-01",
        published_at_1="10:00:00",
        review_note="Looks fine to me.",
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.is_waiting_for_review
    assert not Article.objects.published().filter(pk=draft.pk).exists()


def test_an_authors_submit_with_a_forged_status_stays_a_draft(author_client, draft):
    response = press(author_client, draft, "_submit_review", status=Status.PUBLISHED, published_at_0="2020-01-01")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.is_waiting_for_review


def test_an_author_can_submit_a_new_article_at_once(author_client, author):
    data = change_form_data(author_client.get(reverse("admin:news_article_add")))
    for empty_relation in ("tags", "shows", "people"):
        data.pop(empty_relation)  # the helper reads an unbound form's empty choice as ""
    data.update(title="Brand new", slug="brand-new", body="<p>Text.</p>", _submit_review="1")
    response = author_client.post(reverse("admin:news_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="brand-new")
    assert article.is_waiting_for_review and article.author == author
    assert article.review_steps.get().kind == ReviewStep.Kind.SUBMITTED


def test_the_list_filters_what_waits_for_review(author_client, draft, editor_client):
    other = factories.make_article(title="Plain draft", status=Status.DRAFT)
    press(author_client, draft, "_submit_review")
    page = editor_client.get(reverse("admin:news_article_changelist") + "?state=review").content.decode()
    assert draft.title.replace("'", "&#x27;") in page and other.title not in page


def test_a_submitted_article_is_invisible_to_the_public(client, author_client, draft):
    """``client`` stays anonymous here: the author has a client of their own."""
    show = factories.make_show(title="Star City", slug="star-city")
    tag = factories.make_tag(name="Casting", slug="casting")
    factories.make_article(title="Visible story", slug="visible-story", tags=[tag]).shows.set([show])
    Article.objects.filter(pk=draft.pk).update(
        title="Zebraquartz leak", published_at=timezone.now() - datetime.timedelta(days=1)
    )
    draft.tags.set([tag])
    draft.shows.set([show])
    press(author_client, draft, "_submit_review")
    draft.refresh_from_db()
    assert draft.is_waiting_for_review

    assert client.get(draft.get_absolute_url()).status_code == 404
    for url in [
        reverse("home"),
        reverse("news:list"),
        reverse("news:tag", kwargs={"slug": "casting"}),
        reverse("news:feed_rss"),
        reverse("news:feed_atom"),
        reverse("news:tag_feed_rss", kwargs={"slug": "casting"}),
        reverse("sitemap"),
        show.get_absolute_url(),
        reverse("search:results") + "?q=Zebraquartz+leak",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert draft.get_absolute_url() not in body, url
        if "search" not in url:  # the search page echoes the query
            assert "Zebraquartz" not in body, url
    # The same search finds a published story: the search itself works.
    assert "/news/visible-story/" in client.get(reverse("search:results") + "?q=Visible+story").content.decode()


def test_a_note_with_a_plain_save_is_a_form_error_not_lost(author_client, draft):
    response = press(author_client, draft, "_save", review_note="Please look at the headline.")
    assert response.status_code == 200
    assert "review_note" in response.context["adminform"].form.errors
    assert not draft.review_steps.exists()
