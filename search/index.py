"""The search index kept in step with the articles: one SearchEntry per live article.

An entry holds the article's title, summary and pairs as plain text per language,
Chinese segmented into space-separated words (query.py cuts a query the same
way), and copies of its publication times, which search orders by. Each committed
change to an article re-indexes it (`article_changed_received`, subscribed in
apps.py); `search_entries_rebuild` indexes the whole archive at once. The
database fills the rest itself: PostgreSQL's generated search_vector, SQLite's
FTS5 table through triggers (articles migration 0007).
"""

from collections.abc import Iterable
from itertools import islice

import rjieba
from django.db import transaction
from django.db.models import Prefetch

from articles.models import LANGUAGE_CODES, Article, ArticleEvent, Block, field_suffix
from articles.sanitize import plain_text

from .models import SearchEntry


def segment(text: str) -> str:
    """Return `text` with the words of each line (Chinese too) one space apart."""
    return "\n".join(
        " ".join(token.strip() for token in rjieba.cut(line) if token.strip())
        for line in text.split("\n")
    )


def _entry_texts(article: Article, blocks: Iterable[Block]) -> dict[str, str]:
    """Return the entry's text per language: the title line first, even if empty."""
    blocks = list(blocks)
    texts = {}
    for language in LANGUAGE_CODES:
        suffix = field_suffix(language)
        rest = [
            getattr(article, f"summary_{suffix}"),
            *(plain_text(getattr(block, f"text_{suffix}")) for block in blocks),
        ]
        lines = [getattr(article, f"title_{suffix}"), *(line for line in rest if line)]
        texts[f"text_{suffix}"] = "\n".join(lines)
    texts["text_zh_hans"] = segment(texts["text_zh_hans"])
    return texts


def _entry_fields(article: Article, blocks: Iterable[Block]) -> dict:
    """Return what the entry of `article` holds: its texts and publication times."""
    return {
        **_entry_texts(article, blocks),
        "first_published_at": article.first_published_at,
        "publish_at": article.publish_at,
    }


def search_entry_build(article: Article, blocks: Iterable[Block]) -> SearchEntry:
    """Return the unsaved entry for `article` with `blocks` in order, for bulk_create.

    The rebuild below saves many at once; the search_vector column (PostgreSQL)
    and the FTS5 table (SQLite) fill themselves.
    """
    return SearchEntry(article_id=article.pk, **_entry_fields(article, blocks))


@transaction.atomic
def search_entry_update(*, article: Article) -> None:
    """Index `article` as it is now if it is published; otherwise unindex it.

    Called after every committed change to an article (`article_changed_received`),
    so the entry's copy of the publication times follows the article's. A
    scheduled article is indexed already; search shows it only once it is live.
    """
    if article.status != Article.Status.PUBLISHED:
        SearchEntry.objects.filter(article_id=article.pk).delete()
        return
    fields = _entry_fields(article, article.blocks.order_by("position"))
    SearchEntry.objects.update_or_create(article_id=article.pk, defaults=fields)


# The moves that change what an entry holds: the text or whether it is public.
REINDEXED = {
    ArticleEvent.Action.CREATED,
    ArticleEvent.Action.SAVED,
    ArticleEvent.Action.APPROVAL_WITHDRAWN,
    ArticleEvent.Action.PUBLISHED,
    ArticleEvent.Action.UNPUBLISHED,
    ArticleEvent.Action.RESTORED,
}


@transaction.atomic
def article_changed_received(sender, article_id: int, events, **kwargs) -> None:
    """Receiver of `articles.events.article_changed`: index the article as committed.

    The article's row is locked while it is read and indexed, so two commits close
    together index in the order they committed, never the older one last.
    """
    if not any(event.action in REINDEXED for event in events):
        return
    article = Article.objects.select_for_update().filter(pk=article_id).first()
    if article is None:
        SearchEntry.objects.filter(article_id=article_id).delete()
        return
    search_entry_update(article=article)


@transaction.atomic
def search_entries_rebuild(*, batch_size: int = 500) -> int:
    """Index every published article from scratch; return how many were indexed.

    Entries are built and written a batch at a time, so memory holds one batch
    however large the archive (the archive seeder rebuilds 100,000 at once).
    """
    SearchEntry.objects.all().delete()
    articles = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .prefetch_related(
            Prefetch("blocks", queryset=Block.objects.order_by("position"))
        )
        .iterator(chunk_size=batch_size)
    )
    count = 0
    while batch := list(islice(articles, batch_size)):
        SearchEntry.objects.bulk_create(
            search_entry_build(article, article.blocks.all()) for article in batch
        )
        count += len(batch)
    return count
