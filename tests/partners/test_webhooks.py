"""Webhooks: signed POSTs to a real local server, sent by the worker, retried."""

import base64
import hashlib
import hmac
import importlib
from datetime import timedelta

import pytest
import standardwebhooks
import time_machine
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import services
from articles.models import Article, ArticleEvent
from partners import webhooks
from partners.models import Webhook, WebhookDelivery, new_webhook_secret
from tests.factories import ArticleFactory, run_worker

from .conftest import SITE
from .test_openapi import validator

# Real commits: deliveries are queued when the editor's transaction commits, and
# the worker runs in its own transactions as it does in production.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Status = WebhookDelivery.Status


def publish(article, user, **kwargs):
    services.article_publish(article=article, user=user, **kwargs)


def verifies(secret: str, request) -> bool:
    """Check a delivery as a partner does: with the Standard Webhooks library."""
    try:
        standardwebhooks.Webhook(secret).verify(request.body, dict(request.headers))
    except standardwebhooks.WebhookVerificationError:
        return False
    return True


def test_publishing_posts_a_signed_event_with_the_article(
    hook, receiver, approved, editor
):
    publish(approved, editor)
    run_worker()

    (request,) = receiver.requests
    assert request.path == "/hooks/newsroom"
    assert verifies(hook.secret, request)
    assert not verifies(new_webhook_secret(), request)
    assert request.headers["X-Newsroom-Event"] == "article.published"
    body = request.json
    assert body["event"] == "article.published"
    assert body["article"] == {
        "id": approved.pk,
        "uri": f"{SITE}/api/v1/articles/{approved.pk}/",
    }
    assert body["item"]["pubstatus"] == "usable"
    headlines = [a["headlines"][0]["value"] for a in body["item"]["associations"][:2]]
    assert headlines == [approved.title_en, approved.title_zh_hans]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.DELIVERED
    assert delivery.attempts == 1 and delivery.response_status == 200
    assert delivery.response_excerpt == "ok"


def test_the_editor_does_not_wait_for_the_partner(
    hook, receiver, approved, editor_client
):
    """Publishing in the admin only queues the delivery; the worker sends it."""
    response = editor_client.post(
        f"/admin/articles/article/{approved.pk}/workflow/publish/",
        {"comment": "", "override_reason": "", "version": approved.version},
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.status == Article.Status.PUBLISHED
    assert receiver.requests == []
    assert WebhookDelivery.objects.get().status == Status.PENDING
    queued = DBTaskResult.objects.values_list("task_path", flat=True)
    # The delivery, and the mail to the article's author: both wait for the worker.
    assert sorted(queued) == [
        "articles.notifications.workflow_mail",
        "partners.webhooks.deliver",
    ]

    run_worker()
    assert len(receiver.requests) == 1


def test_nothing_is_queued_if_the_publish_is_rolled_back(hook, approved, editor):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.article_publish(article=approved, user=editor)
        raise RuntimeError("the request failed after publishing")
    assert not WebhookDelivery.objects.exists()


def test_failures_are_retried_with_growing_waits(hook, receiver, approved, editor):
    receiver.failures_left = 2
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        publish(approved, editor)
        run_worker()
        assert verifies(hook.secret, receiver.requests[-1])
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == Status.RETRYING
        assert delivery.attempts == 1 and delivery.response_status == 500
        assert delivery.error == "HTTP 500"
        assert delivery.next_attempt_at == start + timedelta(minutes=1)

        run_worker()  # too early: nothing is sent
        assert len(receiver.requests) == 1

        clock.shift(timedelta(minutes=1, seconds=1))
        run_worker()
        assert verifies(hook.secret, receiver.requests[-1])
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert delivery.next_attempt_at == timezone.now() + timedelta(minutes=5)

        clock.shift(timedelta(minutes=5, seconds=1))
        run_worker()
        assert verifies(hook.secret, receiver.requests[-1])
    delivery.refresh_from_db()
    assert delivery.status == Status.DELIVERED
    assert delivery.attempts == 3 and delivery.error == ""
    assert len(receiver.requests) == 3
    # Each attempt is signed afresh (checked as it arrived) with the same id.
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1


def test_a_delivery_gives_up_after_the_last_retry(hook, receiver, approved, editor):
    receiver.failures_left = 100
    with time_machine.travel(timezone.now(), tick=False) as clock:
        publish(approved, editor)
        run_worker()
        for wait in webhooks.RETRY_DELAYS:
            clock.shift(wait + timedelta(seconds=1))
            run_worker()
        clock.shift(timedelta(days=2))
        run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.FAILED
    assert delivery.attempts == webhooks.MAX_ATTEMPTS == len(receiver.requests)
    assert delivery.next_attempt_at is None


def test_an_unreachable_partner_is_logged_and_retried(hook, approved, editor):
    hook.url = "http://127.0.0.1:9/closed"
    hook.save()
    publish(approved, editor)
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.RETRYING
    assert delivery.response_status is None
    assert "refused" in delivery.error.lower()


def test_redirects_are_not_followed(hook, receiver, approved, editor):
    receiver.redirect_to = "http://127.0.0.1:1/elsewhere"
    publish(approved, editor)
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert len(receiver.requests) == 1
    assert delivery.response_status == 302
    assert delivery.status == Status.RETRYING


def test_only_http_addresses_are_accepted(hook):
    hook.url = "file:///etc/passwd"
    with pytest.raises(ValidationError):
        hook.full_clean()


def test_updates_and_unpublishing_are_sent_in_turn(hook, receiver, approved, editor):
    publish(approved, editor)
    run_worker()
    services.article_correct(
        article=approved,
        user=editor,
        note_en="Fixed a date.",
        note_zh_hans="更正日期。",
    )
    run_worker()
    services.article_unpublish(article=approved, user=editor, comment="Legal")
    run_worker()

    assert [(r.json["event"], "item" in r.json) for r in receiver.requests] == [
        ("article.published", True),
        ("article.updated", True),
        ("article.unpublished", False),
    ]


def test_a_late_worker_sends_no_withdrawn_article(hook, receiver, approved, editor):
    """Deliveries still queued when the article goes down carry no stale copy."""
    publish(approved, editor)
    services.article_unpublish(article=approved, user=editor, comment="Legal")
    run_worker()

    assert [r.json["event"] for r in receiver.requests] == ["article.unpublished"]
    skipped = WebhookDelivery.objects.get(event="article.published")
    assert skipped.status == Status.SKIPPED and skipped.attempts == 0


def test_a_correction_carries_the_corrected_article(hook, receiver, approved, editor):
    publish(approved, editor)
    services.article_correct(
        article=approved,
        user=editor,
        note_en="Fixed a date.",
        note_zh_hans="更正日期。",
    )
    run_worker()
    (update,) = [
        r.json for r in receiver.requests if r.json["event"] == "article.updated"
    ]
    chinese = update["item"]["associations"][1]
    assert {
        "role": "correction",
        "contenttype": "text/plain",
        "value": "更正日期。",
    } in (chinese["descriptions"])


def test_one_transaction_makes_one_delivery_per_article(
    hook, receiver, approved, editor
):
    publish(approved, editor)
    with transaction.atomic():
        services.article_correct(
            article=approved, user=editor, note_en="One.", note_zh_hans="一。"
        )
        services.article_correct(
            article=approved, user=editor, note_en="Two.", note_zh_hans="二。"
        )
    assert WebhookDelivery.objects.filter(event="article.updated").count() == 1


def test_a_webhook_gets_only_the_events_it_asked_for(hook, receiver, approved, editor):
    hook.events = [Webhook.Event.UNPUBLISHED]
    hook.save()
    Webhook.objects.create(
        partner="Paused", url=receiver.url, events=Webhook.Event.values, is_active=False
    )
    publish(approved, editor)
    services.article_unpublish(article=approved, user=editor, comment="Legal")
    run_worker()
    assert [r.json["event"] for r in receiver.requests] == ["article.unpublished"]


def test_a_scheduled_article_is_announced_when_it_goes_live(
    hook, receiver, approved, editor
):
    at = timezone.now() + timedelta(hours=2)
    publish(approved, editor, publish_at=at)
    run_worker()
    assert receiver.requests == []

    with time_machine.travel(at + timedelta(seconds=1)):
        run_worker()
    (request,) = receiver.requests
    assert request.json["event"] == "article.published"


def test_a_scheduled_article_withdrawn_before_its_time_is_never_announced(
    hook, receiver, approved, editor
):
    at = timezone.now() + timedelta(hours=2)
    publish(approved, editor, publish_at=at)
    services.article_unpublish(article=approved, user=editor, comment="Hold")
    with time_machine.travel(at + timedelta(seconds=1)):
        run_worker()
    assert [r.json["event"] for r in receiver.requests] == ["article.unpublished"]
    published = WebhookDelivery.objects.get(event="article.published")
    assert published.status == Status.SKIPPED


def test_the_delivery_log_is_read_only_in_the_admin(
    hook, receiver, approved, editor, editor_client
):
    receiver.failures_left = 1
    publish(approved, editor)
    run_worker()
    delivery = WebhookDelivery.objects.get()

    page = editor_client.get("/admin/partners/webhookdelivery/?status=retrying")
    assert page.status_code == 200
    assert "Failed, will retry" in page.content.decode()
    detail = editor_client.get(f"/admin/partners/webhookdelivery/{delivery.pk}/change/")
    assert "temporarily down" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()
    assert editor_client.get("/admin/partners/webhookdelivery/add/").status_code == 403


def test_history_written_outside_a_transaction_is_sent_too(hook, receiver, editor):
    article = ArticleFactory(
        status=Article.Status.UNPUBLISHED, first_published_at=timezone.now()
    )
    ArticleEvent.objects.create(
        article=article, actor=editor, action=ArticleEvent.Action.UNPUBLISHED, version=1
    )
    run_worker()
    assert [r.json["event"] for r in receiver.requests] == ["article.unpublished"]


def test_a_managing_editor_registers_a_webhook_in_the_admin(editor_client, receiver):
    response = editor_client.post(
        "/admin/partners/webhook/add/",
        {
            "partner": "Henan Radio",
            "url": receiver.url,
            "events": ["article.published", "article.unpublished"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    hook = Webhook.objects.get()
    assert hook.events == ["article.published", "article.unpublished"]
    assert len(base64.b64decode(hook.secret.removeprefix("whsec_"))) == 32
    page = editor_client.get(f"/admin/partners/webhook/{hook.pk}/change/")
    assert hook.secret in page.content.decode()

    refused = editor_client.post(
        "/admin/partners/webhook/add/",
        {"partner": "X", "url": "ftp://example.com/", "events": ["article.updated"]},
    )
    assert refused.status_code == 200 and Webhook.objects.count() == 1


def test_a_rotated_secret_signs_beside_the_new_one_for_a_day(
    hook, receiver, approved, editor, editor_client
):
    old_secret = hook.secret
    response = editor_client.post(
        "/admin/partners/webhook/",
        {"action": "rotate_secrets", "_selected_action": [hook.pk]},
    )
    assert response.status_code == 302
    hook.refresh_from_db()
    assert hook.secret != old_secret and hook.secret.startswith("whsec_")

    publish(approved, editor)
    run_worker()
    (request,) = receiver.requests
    assert verifies(hook.secret, request) and verifies(old_secret, request)

    later = timezone.now() + timedelta(days=1, minutes=1)
    with time_machine.travel(later, tick=False):
        services.article_correct(
            article=approved, user=editor, note_en="Date.", note_zh_hans="日期。"
        )
        run_worker()
        update = receiver.requests[-1]
        assert verifies(hook.secret, update)
        assert not verifies(old_secret, update)


def test_a_replayed_delivery_is_refused_by_the_partners_library(
    hook, receiver, approved, editor
):
    publish(approved, editor)
    run_worker()
    (request,) = receiver.requests
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert not verifies(hook.secret, request)


def test_an_old_secret_keeps_its_key_in_the_standard_form(hook):
    """Migration 0003: a partner's existing key material is what it was."""
    migration = importlib.import_module(
        "partners.migrations.0003_standard_webhooks_secrets"
    )
    old = "0123456789abcdef" * 4
    Webhook.objects.filter(pk=hook.pk).update(secret=old)
    migration.to_standard(django_apps, None)
    hook.refresh_from_db()
    now = timezone.now()
    signed = standardwebhooks.Webhook(hook.secret).sign("msg", now, "{}")
    stamp = int(now.timestamp())
    expected = hmac.new(old.encode(), f"msg.{stamp}.{{}}".encode(), hashlib.sha256)
    assert signed == "v1," + base64.b64encode(expected.digest()).decode()

    migration.from_standard(django_apps, None)
    hook.refresh_from_db()
    assert hook.secret == old


def test_every_delivery_matches_the_documented_webhook(
    hook, receiver, approved, editor, client
):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["webhooks"]["articleEvent"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    publish(approved, editor)
    run_worker()
    services.article_unpublish(article=approved, user=editor, comment="Legal")
    run_worker()

    assert len(receiver.requests) == 2
    for request in receiver.requests:
        assert validator(document, schema["$ref"]).is_valid(request.json)
        for header in operation["parameters"]:
            assert request.headers[header["name"]]
