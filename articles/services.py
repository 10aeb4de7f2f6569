"""Writes with rules: every caller (admin, commands, views) goes through these."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, Block

# Added to every position while a body is renumbered, so that swapping two blocks
# never collides with the unique (article, position) constraint mid-way.
_POSITION_SHIFT = 1_000_000


class EditConflict(ValidationError):
    """Someone else saved the article after this edit was started."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else saved this article while you were editing it. "
                "Copy your changes, reload the page to see theirs, then redo yours."
            ),
            code="edit_conflict",
        )


@transaction.atomic
def article_lock_version(*, article: Article, expected_version: int) -> None:
    """Lock the article's row until the transaction ends; refuse a stale version.

    Holding the lock from validation to save means two editors who submit at the
    same moment are served one after the other, and the second one is refused.
    """
    current = (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values_list("version", flat=True)
        .first()
    )
    if current != expected_version:
        raise EditConflict()


@transaction.atomic
def article_save(*, article: Article, expected_version: int) -> Article:
    """Save `article` unless someone saved it after `expected_version`."""
    if article.pk is None:
        article.version = 1
        article.save()
        return article
    claimed = Article.objects.filter(pk=article.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict()
    article.version = expected_version + 1
    article.save()
    return article


@transaction.atomic
def article_set_blocks(*, article: Article, blocks: Sequence[Block]) -> None:
    """Make `blocks`, in this order, the whole body of `article`, numbered from 1."""
    kept = [block.pk for block in blocks if block.pk is not None]
    article.blocks.exclude(pk__in=kept).delete()
    article.blocks.update(position=F("position") + _POSITION_SHIFT)
    for position, block in enumerate(blocks, start=1):
        block.article = article
        block.position = position
        block.save()


@transaction.atomic
def article_publish(*, article: Article, at: datetime | None = None) -> Article:
    """Publish `article` now, or at `at`; refuse while it is not ready."""
    problems = article.publish_problems()
    if problems:
        raise ValidationError(problems, code="not_ready")
    article.status = Article.Status.PUBLISHED
    article.publish_at = at
    article.first_published_at = article.first_published_at or at or timezone.now()
    return article_save(article=article, expected_version=article.version)


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Take `article` off the public site; it goes back to being a draft."""
    article.status = Article.Status.DRAFT
    article.publish_at = None
    return article_save(article=article, expected_version=article.version)
