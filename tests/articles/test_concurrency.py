"""Two people acting on one article at the same moment: exactly one of them wins.

A writer that cannot get the database's write lock in time is refused with a
message, like any other lost race: never a server error, never a lost move.
"""

import threading
import traceback
from contextlib import contextmanager

import pytest
from django.db import connection
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, BlockFactory, proofread

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BUSY = "Someone else is saving right now"


def race(*attempts):
    """Run each attempt in its own thread and connection, released together.

    Return (what became of it, why) for each: ("won", ""), ("refused", the
    message), ("raised", the traceback) or ("hung", ""), so that a failed
    assertion says what each thread met.
    """
    barrier = threading.Barrier(len(attempts))
    outcomes = [("hung", "still running after 30 s")] * len(attempts)

    def run(index, attempt):
        try:
            barrier.wait()
            attempt()
            outcomes[index] = ("won", "")
        except (services.TransitionRefused, services.EditConflict) as refusal:
            outcomes[index] = ("refused", " ".join(refusal.messages))
        except Exception:  # reported in the outcome, so a failure says why
            outcomes[index] = ("raised", traceback.format_exc())
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, attempt))
        for index, attempt in enumerate(attempts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def one_won_one_refused(outcomes) -> tuple[bool, str]:
    """Return whether exactly one attempt won and the other was refused, and why not."""
    kinds = sorted(kind for kind, _ in outcomes)
    report = "\n".join(
        f"attempt {number}: {kind} {why}".rstrip()
        for number, (kind, why) in enumerate(outcomes)
    )
    return kinds == ["refused", "won"], report


def test_approve_and_request_changes_at_once_cannot_both_succeed(user_in):
    chief = user_in("Managing Editor", username="chief")
    deputy = user_in("Managing Editor", username="deputy")
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    BlockFactory(article=article)
    proofread(article, chief)
    # Both have the article open in review. Loaded in the threads instead, a slow
    # start let one thread read the article after the other had approved it, and
    # both moves won, one after the other: rightly, but not the race meant here.
    seen_by_chief = Article.objects.get(pk=article.pk)
    seen_by_deputy = Article.objects.get(pk=article.pk)

    outcomes = race(
        lambda: services.article_approve(article=seen_by_chief, user=chief),
        lambda: services.article_request_changes(
            article=seen_by_deputy, user=deputy, comment="wait"
        ),
    )

    as_expected, report = one_won_one_refused(outcomes)
    assert as_expected, report
    article.refresh_from_db()
    winner = "approve" if outcomes[0][0] == "won" else "request_changes"
    assert article.events.filter(action__in=["approve", "request_changes"]).count() == 1
    assert (
        article.events.get(action__in=["approve", "request_changes"]).action == winner
    )


def test_an_edit_racing_a_publish_leaves_one_consistent_result(user_in):
    chief = user_in("Managing Editor", username="chief")
    writer = user_in("Text Editor", username="writer")
    article = ArticleFactory(status=Article.Status.APPROVED, title_en="Approved")
    BlockFactory(article=article)
    seen = article.version

    def edit():
        mine = Article.objects.get(pk=article.pk)
        mine.title_en = "Changed at the last second"
        services.article_save(article=mine, expected_version=seen, user=writer)

    seen_by_chief = Article.objects.get(pk=article.pk)

    outcomes = race(
        edit,
        lambda: services.article_publish(article=seen_by_chief, user=chief),
    )

    as_expected, report = one_won_one_refused(outcomes)
    assert as_expected, report
    article.refresh_from_db()
    if outcomes[0][0] == "won":  # the edit won: the unapproved text must not be live
        assert article.status == Article.Status.IN_REVIEW
    else:  # the publish won: what went live is what was approved
        assert (article.status, article.title_en) == (
            Article.Status.PUBLISHED,
            "Approved",
        )


@contextmanager
def another_writer_holding(article, wait_ms=50):
    """Hold the write lock from a second real connection; give up waiting quickly.

    On SQLite the other connection takes the database's one write lock (BEGIN
    IMMEDIATE), and ours waits `wait_ms` for it (busy_timeout) instead of the 20 s
    of the settings; on PostgreSQL the other holds the article's row and ours waits
    as long for it (lock_timeout).
    """
    other = connection.get_new_connection(connection.get_connection_params())
    with connection.cursor() as ours:
        if connection.vendor == "sqlite":
            other.execute("BEGIN IMMEDIATE")
            ours.execute("PRAGMA busy_timeout")
            (usual,) = ours.fetchone()
            ours.execute(f"PRAGMA busy_timeout = {wait_ms}")
        else:
            other.execute(
                "SELECT id FROM articles_article WHERE id = %s FOR UPDATE",
                [article.pk],
            )
            ours.execute(f"SET lock_timeout = '{wait_ms}ms'")
    try:
        yield
    finally:
        other.rollback()
        other.close()
        with connection.cursor() as ours:
            if connection.vendor == "sqlite":
                ours.execute(f"PRAGMA busy_timeout = {usual}")
            else:
                ours.execute("RESET lock_timeout")


def test_a_move_that_cannot_get_the_write_lock_is_refused_and_changes_nothing(
    user_in,
):
    chief = user_in("Managing Editor", username="chief")
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    BlockFactory(article=article)
    proofread(article, chief)

    with (
        another_writer_holding(article),
        pytest.raises(services.TransitionRefused) as refused,
    ):
        services.article_approve(article=article, user=chief)

    assert BUSY in " ".join(refused.value.messages)
    article.refresh_from_db()
    assert (article.status, article.version) == (Article.Status.IN_REVIEW, 1)
    assert not article.events.filter(action="approve").exists()
    # Once the other writer is done, the same move goes through.
    services.article_approve(article=article, user=chief)
    article.refresh_from_db()
    assert article.status == Article.Status.APPROVED


def test_the_desk_sees_a_busy_database_as_a_message_not_a_server_error(client, user_in):
    chief = user_in("Managing Editor", username="chief")
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    BlockFactory(article=article)
    proofread(article, chief)
    client.force_login(chief)
    url = reverse("admin:articles_article_transition", args=[article.pk, "approve"])

    with another_writer_holding(article):
        response = client.post(url, {"version": article.version})

    assert response.status_code == 302
    shown = [str(message) for message in response.wsgi_request._messages]
    assert any(BUSY in message for message in shown), shown
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
