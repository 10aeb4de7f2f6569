"""The search index's table: one SearchEntry per published article.

The model came from the articles app with its table, which keeps its name
(articles_searchentry) and everything articles' migrations built on it: the
newest-first index (0009) and, outside the model, PostgreSQL's generated
search_vector column with its GIN index and SQLite's FTS5 table
articles_searchentry_fts, kept in step by triggers (0007). A migration that makes
Django rebuild this table on SQLite (most column changes do) drops those
triggers and must recreate them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class SearchEntry(models.Model):
    """What search matches for one published article, one column per language.

    Chinese is stored segmented into words separated by spaces, so a full-text
    engine that splits on spaces (PostgreSQL's `simple` configuration, SQLite
    FTS) finds 郑州 in 郑州是一座城市.

    The article's publication times are copied here (index.search_entry_update
    keeps them in step) so that search finds, filters and orders its matches
    newest first from this table and its indexes alone, without reading the
    article table. Only published articles have an entry.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    text_en = models.TextField(_("English text"), blank=True)
    text_zh_hans = models.TextField(_("Chinese text, segmented"), blank=True)
    first_published_at = models.DateTimeField(
        _("first published at"), null=True, editable=False
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        db_table = "articles_searchentry"
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(
                fields=["-first_published_at", "-article"],
                name="articles_searchentry_newest",
            )
        ]

    def __str__(self):
        return str(self.article)
