"""The webhook outbox: deliveries commit with the change, so none is lost after it."""

import pytest
from django.db import transaction

from articles import events, services
from articles.models import Article
from partners.models import WebhookDelivery
from tests.factories import run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_crash_after_the_commit_loses_no_delivery(
    hook, receiver, approved, editor, monkeypatch
):
    """What runs after the commit dies; the delivery is in the database, pending."""

    def killed(self):
        raise RuntimeError("the process was killed after the commit")

    monkeypatch.setattr(events._Pending, "send", killed)
    with pytest.raises(RuntimeError, match="killed"), transaction.atomic():
        services.article_publish(article=approved, user=editor)

    approved.refresh_from_db()
    assert approved.status == Article.Status.PUBLISHED
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert receiver.requests == []

    run_worker()

    (request,) = receiver.requests
    assert request.json["event"] == "article.published"
    assert request.json["item"]["pubstatus"] == "usable"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.DELIVERED


def test_a_rolled_back_change_leaves_no_delivery(hook, receiver, approved, editor):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.article_publish(article=approved, user=editor)
        assert WebhookDelivery.objects.count() == 1  # written with the change
        raise RuntimeError("the request failed after publishing")

    run_worker()
    assert not WebhookDelivery.objects.exists()
    assert receiver.requests == []


def test_a_publish_rolled_back_in_a_savepoint_is_not_merged_into(
    hook, receiver, approved, editor
):
    """The update after a publish that was undone is sent as an update, not dropped."""
    services.article_publish(article=approved, user=editor)
    run_worker()
    with transaction.atomic():
        try:
            with transaction.atomic():
                services.article_unpublish(article=approved, user=editor, comment="x")
                raise RuntimeError("undone")
        except RuntimeError:
            pass
        approved.refresh_from_db()
        services.article_correct(
            article=approved, user=editor, note_en="A fix.", note_zh_hans="更正。"
        )
    run_worker()
    assert [r.json["event"] for r in receiver.requests] == [
        "article.published",
        "article.updated",
    ]
