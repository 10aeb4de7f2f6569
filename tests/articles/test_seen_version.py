"""Sign-offs and moves apply to what the person saw, and respect the editing lock.

A proofreader certifies the text they read, not whatever is current when the
button is pressed; a move carries the version it was chosen on; someone else's
lock stops a move unless a managing editor breaks it; publishing releases the
lock; the managing editors' dashboard lists locks forgotten for more than a day.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Block
from tests.articles.test_dashboard import dashboard_list
from tests.factories import ArticleFactory, BlockFactory, proofread

pytestmark = pytest.mark.django_db

Status = Article.Status
STALE_SIGN_OFF = "The article changed since you opened it"
NO_VERSION = "The form did not say which version of the article you saw"
LOCKED = "Someone else has locked this article."


def article_in(status, **kwargs):
    article = ArticleFactory(status=status, **kwargs)
    BlockFactory(article=article, text_en="<p>Read this.</p>")
    return article


def shown(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def sign_off(client, article, **data):
    url = reverse("admin:articles_article_proofread", args=[article.pk, "en"])
    return client.post(url, data)


def move(client, article, name, **data):
    url = reverse("admin:articles_article_transition", args=[article.pk, name])
    return client.post(url, {"comment": "because", **data})


def edit_text(article, text):
    """Someone saves a new English text, as the change form does."""
    current = Article.objects.get(pk=article.pk)
    services.article_save(article=current, expected_version=current.version)
    Block.objects.filter(article=article).update(text_en=text)


def test_a_sign_off_on_text_changed_since_it_was_read_is_refused(client, user_in):
    article = article_in(Status.IN_REVIEW)
    client.force_login(user_in("Proofreader"))
    read = article.version  # the page the proofreader has open
    edit_text(article, "<p>Not what they read.</p>")

    response = sign_off(client, article, version=read)

    assert any(STALE_SIGN_OFF in message for message in shown(response))
    assert not article.events.filter(action="proofread_en").exists()
    assert Block.objects.get(article=article).checked_en == ""


def test_a_sign_off_on_the_text_read_is_recorded_for_that_version(client, user_in):
    article = article_in(Status.IN_REVIEW)
    client.force_login(user_in("Proofreader"))

    sign_off(client, article, version=article.version)

    assert article.events.get(action="proofread_en").version == article.version
    assert Block.objects.get(article=article).checked_en == "<p>Read this.</p>"


def test_a_sign_off_posted_without_a_version_is_refused(client, user_in):
    article = article_in(Status.IN_REVIEW)
    client.force_login(user_in("Proofreader"))

    response = sign_off(client, article)

    assert any(NO_VERSION in message for message in shown(response))
    assert not article.events.filter(action="proofread_en").exists()


def test_the_sign_off_buttons_carry_the_version_on_the_page(client, user_in):
    article = article_in(Status.IN_REVIEW)
    client.force_login(user_in("Proofreader"))
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    url = reverse("admin:articles_article_proofread", args=[article.pk, "en"])

    form = page.text.split(f'action="{url}"', 1)[1].split("</form>", 1)[0]

    assert f'name="version" value="{article.version}"' in form


def test_a_move_posted_without_a_version_is_refused_and_changes_nothing(
    client, user_in
):
    article = article_in(Status.IN_REVIEW)
    client.force_login(user_in("Managing Editor"))

    response = move(client, article, "approve")

    assert any(NO_VERSION in message for message in shown(response))
    article.refresh_from_db()
    assert (article.status, article.version) == (Status.IN_REVIEW, 1)
    assert not article.events.filter(action="approve").exists()


def test_a_move_chosen_on_a_version_since_changed_is_refused(client, user_in):
    article = article_in(Status.IN_REVIEW)
    client.force_login(user_in("Managing Editor"))
    seen = article.version
    edit_text(article, "<p>Changed after the editor read it.</p>")

    response = move(client, article, "approve", version=seen)

    assert any("The article changed" in message for message in shown(response))
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert Block.objects.get(article=article).checked_en == ""


def test_a_move_is_refused_while_someone_else_holds_the_lock(client, user_in):
    holder = user_in("Text Editor", username="holder")
    other = user_in("Text Editor", username="other")
    article = article_in(Status.DRAFT)
    services.article_lock(article=article, user=holder)
    client.force_login(other)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    response = move(client, article, "submit", version=article.version)

    assert "Submit for review" not in page.text  # no button for a refused move
    assert LOCKED in shown(response)
    article.refresh_from_db()
    assert (article.status, article.locked_by) == (Status.DRAFT, holder)
    assert not article.events.filter(action="submit").exists()


def test_the_holder_of_the_lock_moves_the_article_and_keeps_the_lock(user_in):
    holder = user_in("Text Editor", username="holder")
    article = article_in(Status.DRAFT)
    services.article_lock(article=article, user=holder)

    services.article_submit(article=article, user=holder)

    article.refresh_from_db()
    assert (article.status, article.locked_by) == (Status.IN_REVIEW, holder)


def test_a_managing_editor_moving_a_locked_article_breaks_the_lock(user_in):
    holder = user_in("Text Editor", username="holder")
    chief = user_in("Managing Editor", username="chief")
    article = article_in(Status.IN_REVIEW)
    proofread(article, chief)
    services.article_lock(article=article, user=holder)

    services.article_approve(article=article, user=chief)

    article.refresh_from_db()
    assert (article.status, article.locked_by, article.locked_at) == (
        Status.APPROVED,
        None,
        None,
    )
    assert article.events.filter(action="lock_broken", actor=chief).exists()


def test_publishing_releases_the_lock(user_in):
    chief = user_in("Managing Editor", username="chief")
    article = article_in(Status.APPROVED)
    services.article_lock(article=article, user=chief)

    services.article_publish(article=article, user=chief, override_reason="test")

    article.refresh_from_db()
    assert (article.status, article.locked_by) == (Status.PUBLISHED, None)
    assert article.events.filter(action="unlocked", actor=chief).exists()


def test_the_dashboard_lists_locks_older_than_a_day(client, user_in):
    holder = user_in("Text Editor", username="holder")
    chief = user_in("Managing Editor", username="chief")
    forgotten = article_in(Status.DRAFT, title_en="Forgotten under a lock")
    fresh = article_in(Status.DRAFT, title_en="Being edited now")
    since = timezone.now() - timedelta(days=1, hours=2)
    Article.objects.filter(pk=forgotten.pk).update(locked_by=holder, locked_at=since)
    Article.objects.filter(pk=fresh.pk).update(
        locked_by=holder, locked_at=timezone.now()
    )

    locks = dashboard_list(client, chief, "locks")
    reporters_page = dashboard_list(client, user_in("Reporter"), "locks")

    assert "Forgotten under a lock" in locks
    assert "Locked by holder" in locks
    assert f'datetime="{timezone.localtime(since).isoformat()}"' in locks
    assert "Being edited now" not in locks
    assert reporters_page is None  # only those who may break a lock see the list
