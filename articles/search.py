"""Search over published articles, in English and in Chinese.

Every published article has a SearchEntry holding its title, summary and pairs as
plain text: English as written, Chinese cut into words by rjieba and joined with
spaces, because neither database engine can find a word in text without spaces.
A query is cut the same way and every word in it must match, in either language,
so "郑州 Zhengzhou" finds the article that says 郑州 in Chinese and Zhengzhou in
English. PostgreSQL matches with its full-text search (English stemmed); SQLite
with FTS5 (porter stemming, every word a prefix). Migration 0007 builds both;
0009 copies each article's publication times into its entry, which search orders by.
"""

import html
import re
from collections.abc import Iterable
from itertools import islice

import nh3
import rjieba
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .i18n import Localized, current_language
from .models import LANGUAGE_CODES, Article, Block, SearchEntry, field_suffix

# Longer queries are cut: nobody types more, and every word costs index work.
MAX_QUERY_LENGTH = 200
# Relevance is computed for at most this many of the newest matches, so that a word
# found in most of the archive costs the same as a rare one.
RANKED_MATCHES = 1000
# Characters of context in a snippet; Chinese says as much in fewer characters.
SNIPPET_LENGTH = {"en": 220, "zh-hans": 90}

_BLOCK_BREAK = re.compile(r"</p>|<br\s*/?>", re.IGNORECASE)
# Segmentation puts spaces between all words; a reader sees them only between two
# Latin words or numbers.
_JOINING_SPACE = re.compile(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])")
_ENGLISH_ENDING = re.compile(r"(?:ing|ed|es|e|s|ly|y)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain_text(rich: str) -> str:
    """Return the text of stored rich text, one line per paragraph, no markup."""
    text = nh3.clean(_BLOCK_BREAK.sub("\n", rich or ""), tags=set())
    lines = (" ".join(line.split()) for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def segment(text: str) -> str:
    """Return `text` with the words of each line (Chinese too) one space apart."""
    return "\n".join(
        " ".join(token.strip() for token in rjieba.cut(line) if token.strip())
        for line in text.split("\n")
    )


def query_words(query: str) -> list[str]:
    """Return the words of a reader's query, punctuation and operators dropped."""
    query = _CONTROL.sub(" ", query[:MAX_QUERY_LENGTH])
    return [
        token
        for token in rjieba.cut(query)
        if any(character.isalnum() for character in token)
    ]


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

    Bulk writers (the archive seeder, the rebuild below) save many at once; the
    search_vector column (PostgreSQL) and the FTS5 table (SQLite) fill themselves.
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


def article_changed_received(sender, article_id: int, **kwargs) -> None:
    """Receiver of `articles.events.article_changed`: index the article as committed."""
    article = Article.objects.filter(pk=article_id).first()
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


# The newest live matches, then the best of them. Every entry is a published
# article's (search_entry_update deletes the others), so "live" is only the
# publish_at test of Article.objects.published(). Both use this table's own
# indexes: the full-text index for a rarer word, the newest-first index on
# (first_published_at, article_id) for a common one, which PostgreSQL walks until
# it has enough matches. Ranking is done on the newest matches only.
_NEWEST = """
    SELECT article_id, first_published_at{vector} FROM articles_searchentry
    WHERE {match} AND (publish_at IS NULL OR publish_at <= %s)
    ORDER BY first_published_at DESC, article_id DESC
    LIMIT %s
"""
_RANKED = """
    SELECT article_id FROM ({newest}) AS newest
    ORDER BY {rank}, first_published_at DESC, article_id DESC
"""
_POSTGRESQL = _RANKED.format(
    newest=_NEWEST.format(
        vector=", search_vector",
        match="search_vector @@ plainto_tsquery('english'::regconfig, %s)",
    ),
    rank="ts_rank(search_vector, plainto_tsquery('english'::regconfig, %s)) DESC",
)
# bm25 is lower for better matches, and is only defined inside an FTS5 MATCH query.
_SQLITE = _RANKED.format(
    newest=_NEWEST.format(
        vector="",
        match=(
            "article_id IN (SELECT rowid FROM articles_searchentry_fts "
            "WHERE articles_searchentry_fts MATCH %s)"
        ),
    ),
    rank=(
        "(SELECT bm25(articles_searchentry_fts) FROM articles_searchentry_fts "
        "WHERE articles_searchentry_fts MATCH %s AND rowid = newest.article_id)"
    ),
)


def _postgresql_terms(words: list[str]) -> str:
    # plainto_tsquery ignores every operator: the words are simply all required.
    return " ".join(words)


def _sqlite_terms(words: list[str]) -> str:
    # Each word quoted (so OR, NEAR, * and " are just text) and matched as a prefix.
    return " ".join('"{}"*'.format(word.replace('"', '""')) for word in words)


_ENGINES = {
    "postgresql": (_POSTGRESQL, _postgresql_terms),
    "sqlite": (_SQLITE, _sqlite_terms),
}


class SearchResults:
    """The ranked matches of a query: all their ids, their articles a slice at a time.

    A paginator takes len() for its count and one slice for its page, so a results
    page costs the ranking query and one query for its own twenty articles, however
    many articles match.
    """

    def __init__(self, ids: list[int]):
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index: slice) -> list[Article]:
        """Return the articles of `ids[index]`, in rank order.

        Fetched through published(), so an entry that lags behind its article
        never shows a reader what is no longer live.
        """
        ids = self.ids[index]
        articles = (
            Article.objects.published()
            .select_related("section", "search_entry")
            .in_bulk(ids)
        )
        return [articles[pk] for pk in ids if pk in articles]


def search(query: str) -> SearchResults:
    """Return the live articles matching every word of `query`, best first.

    Only the RANKED_MATCHES newest matches are ranked and returned; a tie in rank
    goes to the newer article.
    """
    words = query_words(query)
    if not words:
        return SearchResults([])
    sql, terms_of = _ENGINES[connection.vendor]
    terms = terms_of(words)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [terms, now, RANKED_MATCHES, terms])
        return SearchResults([article_id for (article_id,) in cursor.fetchall()])


def _body(entry: SearchEntry, language: str) -> str:
    """Return the entry's text after its title line, as a reader would see it."""
    if language == "en":
        text = entry.text_en
    else:
        text = _JOINING_SPACE.sub("", entry.text_zh_hans)
    return text.partition("\n")[2]


def _word_pattern(words: list[str]) -> re.Pattern:
    """Match each query word as a reader would spot it: any ending, any case."""
    patterns = []
    for word in words:
        if word.isascii():
            stem = _ENGLISH_ENDING.sub("", word) if len(word) > 4 else word
            patterns.append(rf"\b{re.escape(stem)}\w*")
        else:
            patterns.append(re.escape(word))
    return re.compile("|".join(patterns), re.IGNORECASE)


def snippet(entry: SearchEntry, words: list[str], language: str = "") -> Localized:
    """Return a passage of the body with the query words marked, as safe HTML.

    The passage comes from the page's language when a word is found there, from the
    other language otherwise, and is the opening of the page's language at worst.
    The title is left out: the result shows it already.
    """
    language = language or current_language()
    order = [language] + [code for code in LANGUAGE_CODES if code != language]
    pattern = _word_pattern(words)
    for code in order:
        text = _body(entry, code)
        found = pattern.search(text)
        if found:
            return Localized(_excerpt(text, found.start(), pattern, code), code)
    return Localized(_excerpt(_body(entry, language), 0, pattern, language), language)


def _excerpt(text: str, at: int, pattern: re.Pattern, language: str) -> str:
    length = SNIPPET_LENGTH[language]
    start = max(0, min(at - length // 3, len(text) - length))
    end = min(len(text), start + length)
    if language == "en":
        # Cut between words, not inside them.
        if start > 0 and " " in text[start:at]:
            start = text.index(" ", start) + 1
        if end < len(text) and " " in text[at:end]:
            end = text.rindex(" ", at, end)
    passage = text[start:end].replace("\n", " ")
    marked, last = [], 0
    for found in pattern.finditer(passage):
        marked += [escape(passage[last : found.start()]), "<mark>"]
        marked += [escape(found.group()), "</mark>"]
        last = found.end()
    marked.append(escape(passage[last:]))
    before = "…" if start > 0 else ""
    after = "…" if end < len(text) else ""
    # Neighbouring words (新质 生产力 once joined up again) read as one mark.
    passage = "".join(marked).replace("</mark><mark>", "")
    return mark_safe(before + passage + after)  # noqa: S308
