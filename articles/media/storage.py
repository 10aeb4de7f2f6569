"""Media storages that take back the files of a transaction that never commits.

A photo's file and renditions, or a narration's audio, are written while the
transaction that saves their row is still open. When that transaction rolls back
(a later check refuses the save, the database refuses a row, the code raises), the
row is gone but the files would stay, named by nothing. Each file written inside a
transaction is remembered until the transaction commits; whatever is still
remembered when the request ends, with no transaction open, was never committed,
and is deleted then. A
worker killed mid-upload leaves what `cleanup_media` finds.
"""

from __future__ import annotations

import logging
import threading

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files import storage
from django.core.signals import request_finished
from django.db import transaction
from django.dispatch import receiver
from storages.backends import s3

logger = logging.getLogger(__name__)
_written = threading.local()


def _uncommitted() -> set[tuple[storage.Storage, str]]:
    if not hasattr(_written, "files"):
        _written.files = set()
    return _written.files


class _TakesBackUncommitted:
    def save(self, name, content, max_length=None):
        name = super().save(name, content, max_length=max_length)
        if transaction.get_connection().in_atomic_block:
            written = (self, name)
            files = _uncommitted()
            files.add(written)
            # Dropped by Django if the transaction, or the savepoint, rolls back.
            transaction.on_commit(lambda: files.discard(written))
        return name


class FileSystemStorage(_TakesBackUncommitted, storage.FileSystemStorage):
    """Local media (the default)."""


class S3Storage(_TakesBackUncommitted, s3.S3Storage):
    """Media on S3-compatible object storage."""


@receiver(request_finished, dispatch_uid="articles.media.storage.delete_uncommitted")
def delete_uncommitted(**kwargs) -> None:
    """Delete the files written in this thread by transactions that never committed.

    A transaction still open as the request ends (only a test holds one) may yet
    commit: its files wait.
    """
    if transaction.get_connection().in_atomic_block:
        return
    files = _uncommitted()
    while files:
        owner, name = files.pop()
        try:
            owner.delete(name)
        except (OSError, BotoCoreError, ClientError):
            logger.exception("Could not delete %s, left by a rolled-back save", name)
