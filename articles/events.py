"""After a change to an article commits, tell the rest of the project: one signal each.

Every article service records an `ArticleEvent`; each new row is queued here (its
`post_save`, so a row written any other way counts too), and once the transaction
commits `article_changed` is sent once per article with that article's events in
the order they happened. The search index, the page cache, partner webhooks
and workflow mail subscribe in their own `AppConfig.ready()`; nothing here knows them.
A transaction that rolls back announces nothing.
"""

import threading

from django.db import transaction
from django.dispatch import Signal

from .models import Article, ArticleEvent

# Sent with sender=Article, article_id=<pk>, events=[ArticleEvent, …] (oldest first).
article_changed = Signal()

_local = threading.local()


class _Pending:
    """The events announced since the last send on this thread."""

    def __init__(self):
        self.events: list[ArticleEvent] = []
        self.sent = False

    def send(self) -> None:
        if self.sent:
            return
        self.sent = True
        for article_id, events in _committed(self.events).items():
            article_changed.send(sender=Article, article_id=article_id, events=events)


def _committed(events: list[ArticleEvent]) -> dict[int, list[ArticleEvent]]:
    """Group by article the events whose rows were committed.

    A rolled-back transaction (or savepoint) drops its on-commit callbacks but not
    this thread's queue, so the rows are looked up once: only what is really in the
    database is announced.
    """
    stored = set(
        ArticleEvent.objects.filter(pk__in={event.pk for event in events}).values_list(
            "pk", "article_id", "action"
        )
    )
    by_article: dict[int, list[ArticleEvent]] = {}
    seen = set()
    for event in events:
        key = (event.pk, event.article_id, event.action)
        if key in stored and key not in seen:
            seen.add(key)
            by_article.setdefault(event.article_id, []).append(event)
    return by_article


def subscribe(receiver) -> None:
    """Connect `receiver(sender, article_id, events, **kwargs)`, once however often."""
    uid = f"{receiver.__module__}.{receiver.__qualname__}"
    article_changed.connect(receiver, dispatch_uid=uid)


def announce(event: ArticleEvent) -> None:
    """Send `event` with its article's other events once the transaction commits."""
    pending = getattr(_local, "pending", None)
    if pending is None or pending.sent:
        pending = _local.pending = _Pending()
    pending.events.append(event)
    # Registered with every event, so whichever transaction commits next sends the
    # queue; the first call sends, the rest find it sent.
    transaction.on_commit(pending.send)


def event_saved(sender, instance: ArticleEvent, created: bool, **kwargs) -> None:
    """Receiver of `post_save` for `ArticleEvent`: announce each new history entry."""
    if created and not kwargs.get("raw"):
        announce(instance)
