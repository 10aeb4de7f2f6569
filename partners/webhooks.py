"""Tell partners' webhooks when an article is published, updated or unpublished.

One delivery per webhook is written in the editor's own transaction, with the
history entry that calls for it (an outbox): it commits with the change or not
at all, so a process that dies after the commit loses none. The task worker
sends it once committed, signed with the Standard Webhooks scheme; retried with
growing waits. Only public addresses are called (`addresses.py`). More:
docs/partners.md.
"""

import http.client
import json
import socket
import threading
import uuid
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

import standardwebhooks
from django.core.signals import request_started
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from articles.models import Article, ArticleEvent

from . import addresses, ninjs
from .api import with_changed_at
from .models import Webhook, WebhookDelivery

Event = Webhook.Event
Status = WebhookDelivery.Status
Action = ArticleEvent.Action

TIMEOUT_SECONDS = 5
# Waits before each retry: about a day of trying in all, then the delivery fails.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
EXCERPT_LENGTH = 500
USER_AGENT = "Newsroom-Webhooks/1"


def event_for(entry: ArticleEvent) -> str | None:
    """Return the webhook event a history entry means, if it means one."""
    if entry.action == Action.PUBLISHED:
        return Event.PUBLISHED
    if entry.action == Action.UNPUBLISHED:
        return Event.UNPUBLISHED
    if entry.action in (Action.SAVED, Action.CORRECTED) and (
        entry.article.status == Article.Status.PUBLISHED
    ):
        return Event.UPDATED
    return None


class _Written:
    """The deliveries of one article written by the transaction still open.

    Registered as an on-commit callback: while Django holds it in the connection's
    queue, the transaction that wrote the deliveries is the one still open; a
    commit or a rollback takes it out.
    """

    def __init__(self, article_id: int, event: str, ids: list[int]):
        self.article_id = article_id
        self.event = event
        self.ids = ids

    def __call__(self) -> None:
        if _local.__dict__.get("written", {}).get(self.article_id) is self:
            del _local.written[self.article_id]

    def open(self) -> bool:
        pending = transaction.get_connection().run_on_commit
        return any(callback is self for _savepoints, callback, _robust in pending)


_local = threading.local()


@receiver(request_started, dispatch_uid="partners.webhooks.fresh_written")
def _fresh_written(**kwargs) -> None:
    """A request starts with nothing kept from an earlier one that rolled back."""
    _local.written = {}


def event_saved(sender, instance: ArticleEvent, created: bool, **kwargs) -> None:
    """Receiver of `post_save` for `ArticleEvent`: write the deliveries it calls for.

    Several changes in one transaction make one event: the last, except that an
    update after a publish is still the publish.
    """
    event = event_for(instance) if created and not kwargs.get("raw") else None
    if event is None:
        return
    written = _local.__dict__.setdefault("written", {})
    earlier = written.get(instance.article_id)
    if earlier is not None and earlier.open():
        if earlier.event == Event.PUBLISHED and event == Event.UPDATED:
            return
        # Their queued tasks find nothing to send.
        WebhookDelivery.objects.filter(pk__in=earlier.ids).delete()
    deliveries = deliveries_create(article_id=instance.article_id, event=event)
    entry = _Written(instance.article_id, event, [d.pk for d in deliveries])
    written[instance.article_id] = entry
    transaction.on_commit(entry)


def deliveries_create(*, article_id: int, event: str) -> list[WebhookDelivery]:
    """Log one delivery per webhook that wants `event` and queue each.

    Queued in the same transaction: with the database task backend the task is a
    row that commits with the delivery, and the worker sees both once committed.
    The article is read into the payload when the delivery is first sent.
    """
    webhooks = [
        webhook
        for webhook in Webhook.objects.filter(is_active=True)
        if event in webhook.events
    ]
    if not webhooks:
        return []
    article = Article.objects.filter(
        pk=article_id, status=Article.Status.PUBLISHED
    ).first()
    # Scheduled articles too: their deliveries wait until publish_at.
    run_after = article.publish_at if article and article.is_scheduled else None
    deliveries = []
    for webhook in webhooks:
        delivery = WebhookDelivery.objects.create(
            webhook=webhook,
            event=event,
            article_id=article_id,
            payload=payload(event, article_id),
            next_attempt_at=run_after,
        )
        deliver_enqueue(delivery, run_after=run_after)
        deliveries.append(delivery)
    return deliveries


def payload(event: str, article_id: int) -> dict:
    """Return what the partner receives, but for the item (`with_item` adds it).

    `id` is unique per delivery and kept across retries, so a partner can ignore
    one it has already processed.
    """
    return {
        "id": str(uuid.uuid4()),
        "event": event,
        "occurred_at": timezone.now().isoformat(),
        "article": {"id": article_id, "uri": ninjs.article_uri(article_id)},
    }


def with_item(delivery: WebhookDelivery) -> None:
    """Add the article as published to a delivery's payload, once: retries resend it.

    Read when first sent, after the change committed; a withdrawal has no item.
    """
    if delivery.event == Event.UNPUBLISHED or "item" in delivery.payload:
        return
    article = (
        with_changed_at(Article.objects.published().filter(pk=delivery.article_id))
        .for_detail()
        .get()
    )
    delivery.payload["item"] = ninjs.article_item(article, article.changed_at)
    delivery.save(update_fields=["payload"])


def deliver_enqueue(delivery: WebhookDelivery, *, run_after=None) -> None:
    chosen = deliver.using(run_after=run_after) if run_after else deliver
    chosen.enqueue(delivery.pk)


def signed_headers(webhook: Webhook, message_id: str, body: str) -> dict[str, str]:
    """Return the Standard Webhooks headers for `body` sent now.

    `webhook-signature` holds one `v1,…` signature per live secret, so a partner
    in the middle of a secret rotation accepts the delivery with either.
    """
    now = timezone.now()
    signatures = [
        standardwebhooks.Webhook(secret).sign(message_id, now, body)
        for secret in webhook.signing_secrets(now)
    ]
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": " ".join(signatures),
    }


class _Pinned:
    """An HTTP(S) connection to addresses resolved and checked beforehand.

    The connection keeps the URL's name, so the Host header, TLS SNI and the
    certificate check are the partner's; only the socket goes to an address
    `addresses.resolve` accepted. Looking the name up again to connect would let
    it answer differently the second time (DNS rebinding).
    """

    def __init__(self, host, *, checked, **kwargs):
        super().__init__(host, **kwargs)
        # http.client opens its socket through this attribute.
        self._create_connection = partial(_connect_to_first, checked)


class _PinnedHTTPConnection(_Pinned, http.client.HTTPConnection):
    pass


class _PinnedHTTPSConnection(_Pinned, http.client.HTTPSConnection):
    pass


def _connect_to_first(checked, host_and_port, timeout, source_address=None):
    """Connect to the first of the `checked` addresses that answers, on the URL's
    port; the name in `host_and_port` is not looked up again."""
    problem = OSError("No address to connect to.")
    for address in checked:
        try:
            return socket.create_connection(
                (str(address), host_and_port[1]), timeout, source_address
            )
        except OSError as failure:
            problem = failure
    raise problem


def post(delivery: WebhookDelivery) -> tuple[int | None, str, str]:
    """POST the delivery once; return (status, start of the response, error).

    Nothing is sent to an address that is not public, so no reply from one is
    logged. A redirect is an answer to log, never a second address to post to:
    http.client does not follow one.
    """
    webhook = delivery.webhook
    url = urlsplit(webhook.url)
    if url.scheme not in ("http", "https"):
        return None, "", "Only http and https addresses are called."
    try:
        checked = addresses.resolve(url)
    except addresses.RefusedAddress as refused:
        return None, "", f"Not sent: {refused}"
    body = json.dumps(delivery.payload, ensure_ascii=False)
    pinned = _PinnedHTTPSConnection if url.scheme == "https" else _PinnedHTTPConnection
    connection = pinned(
        url.hostname, port=url.port, timeout=TIMEOUT_SECONDS, checked=checked
    )
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Newsroom-Event": delivery.event,
        **signed_headers(webhook, delivery.payload["id"], body),
    }
    try:
        connection.request("POST", target, body=body.encode(), headers=headers)
        response = connection.getresponse()
        return response.status, _excerpt(response), ""
    except (OSError, http.client.HTTPException, ValueError) as failure:
        return None, "", f"{type(failure).__name__}: {failure}"
    finally:
        connection.close()


def _excerpt(response) -> str:
    return response.read(EXCERPT_LENGTH).decode("utf-8", "replace")


@task()
def deliver(delivery_id: int) -> str:
    """Make one attempt at a delivery; on failure, enqueue the next after a wait."""
    delivery = (
        WebhookDelivery.objects.select_related("webhook")
        .filter(pk=delivery_id, status__in=[Status.PENDING, Status.RETRYING])
        .first()
    )
    if delivery is None:
        return "done"
    if delivery.event != Event.UNPUBLISHED and not _still_live(delivery.article_id):
        delivery.status = Status.SKIPPED
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "next_attempt_at"])
        return delivery.status
    with_item(delivery)
    code, excerpt, problem = post(delivery)
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status = code
    delivery.response_excerpt = excerpt
    if code is not None and 200 <= code < 300:
        delivery.status = Status.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        delivery.error = ""
    else:
        delivery.error = problem or f"HTTP {code}"
        if delivery.attempts < MAX_ATTEMPTS:
            delivery.status = Status.RETRYING
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
        else:
            delivery.status = Status.FAILED
            delivery.next_attempt_at = None
    delivery.save()
    if delivery.status == Status.RETRYING:
        deliver_enqueue(delivery, run_after=delivery.next_attempt_at)
    return delivery.status


def _still_live(article_id: int | None) -> bool:
    """A publish or update waiting for its time is void if the article went down."""
    return (
        article_id is not None
        and Article.objects.published().filter(pk=article_id).exists()
    )
