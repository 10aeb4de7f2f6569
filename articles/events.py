"""After a change to an article commits, tell the rest of the project: one signal each.

Every article service records an `ArticleEvent`; each new row is queued here (its
`post_save`, so a row written any other way counts too), and once the transaction
commits `article_changed` is sent once per article with that article's events, read
again from the database, in the order they happened. A change rolled back is never
announced, and a subscriber that fails is logged without undoing or stopping the rest.
"""

import logging
import threading

from django.core.signals import request_started
from django.db import transaction
from django.dispatch import Signal, receiver

from .models import Article, ArticleEvent

logger = logging.getLogger(__name__)

# Sent with sender=Article, article_id=<pk>, events=[ArticleEvent, …] (oldest first).
article_changed = Signal()

_local = threading.local()


class _Pending:
    """The events announced on this thread since its last commit."""

    def __init__(self):
        self.events: list[ArticleEvent] = []
        self.sent = False

    def send(self) -> None:
        if self.sent:
            return
        self.sent = True
        for article_id, events in _committed(self.events).items():
            answers = article_changed.send_robust(
                sender=Article, article_id=article_id, events=events
            )
            for subscriber, answer in answers:
                if isinstance(answer, Exception):
                    logger.error(
                        "%s failed on a change to article %s",
                        getattr(subscriber, "__qualname__", subscriber),
                        article_id,
                        exc_info=answer,
                    )


def _committed(events: list[ArticleEvent]) -> dict[int, list[ArticleEvent]]:
    """Return, by article, the rows of `events` that were committed, read again.

    A rolled-back transaction (or savepoint) drops its on-commit callbacks but not
    this thread's queue, and SQLite may give its ids to later rows; a row counts
    only if it is the one announced (same article, action, version and time).
    """
    announced = {
        event.pk: (event.article_id, event.action, event.version, event.created_at)
        for event in events
    }
    rows = (
        ArticleEvent.objects.filter(pk__in=announced)
        .select_related("article", "actor")
        .order_by("pk")
    )
    by_article: dict[int, list[ArticleEvent]] = {}
    for row in rows:
        if (row.article_id, row.action, row.version, row.created_at) == announced[
            row.pk
        ]:
            by_article.setdefault(row.article_id, []).append(row)
    return by_article


@receiver(request_started, dispatch_uid="articles.events.fresh_queue")
def _fresh_queue(**kwargs) -> None:
    """A request starts with no queue left by an earlier one that rolled back."""
    _local.pending = None


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
