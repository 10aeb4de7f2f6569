"""Two people acting on one article at the same moment: exactly one of them wins."""

import threading

import pytest
from django.db import connection

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def race(*attempts):
    """Run each attempt in its own thread and connection, released together."""
    barrier = threading.Barrier(len(attempts))
    outcomes = [None] * len(attempts)

    def run(index, attempt):
        try:
            barrier.wait()
            attempt()
            outcomes[index] = "won"
        except (services.TransitionRefused, services.EditConflict):
            outcomes[index] = "refused"
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


def test_approve_and_request_changes_at_once_cannot_both_succeed(user_in):
    chief = user_in("Managing Editor", username="chief")
    deputy = user_in("Managing Editor", username="deputy")
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    BlockFactory(article=article)

    outcomes = race(
        lambda: services.article_approve(
            article=Article.objects.get(pk=article.pk), user=chief
        ),
        lambda: services.article_request_changes(
            article=Article.objects.get(pk=article.pk), user=deputy, comment="wait"
        ),
    )

    assert sorted(outcomes) == ["refused", "won"]
    article.refresh_from_db()
    winner = "approve" if outcomes[0] == "won" else "request_changes"
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

    outcomes = race(
        edit,
        lambda: services.article_publish(
            article=Article.objects.get(pk=article.pk), user=chief
        ),
    )

    assert sorted(outcomes) == ["refused", "won"]
    article.refresh_from_db()
    if outcomes[0] == "won":  # the edit won: the unapproved text must not be live
        assert article.status == Article.Status.IN_REVIEW
    else:  # the publish won: what went live is what was approved
        assert (article.status, article.title_en) == (
            Article.Status.PUBLISHED,
            "Approved",
        )
