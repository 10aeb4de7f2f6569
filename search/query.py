"""Finding articles: a reader's query matched against the index, ranked, snippets cut.

A query is cut into words as index.py cuts Chinese, and every word must match, in
either language, so "郑州 Zhengzhou" finds the article that says 郑州 in Chinese
and Zhengzhou in English. PostgreSQL matches with its full-text search (English
stemmed); SQLite with FTS5 (porter stemming, every word a prefix). Articles
migration 0007 builds both; 0009 copies each article's publication times into
its entry, which search orders by.
"""

import re

import rjieba
from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.i18n import Localized, current_language
from articles.models import LANGUAGE_CODES, Article

from .models import SearchEntry

# Longer queries are cut: nobody types more, and every word costs index work.
MAX_QUERY_LENGTH = 200
# Relevance is computed for at most this many of the newest matches, so that a word
# found in most of the archive costs the same as a rare one.
RANKED_MATCHES = 1000
# Characters of context in a snippet; Chinese says as much in fewer characters.
SNIPPET_LENGTH = {"en": 220, "zh-hans": 90}

# Segmentation puts spaces between all words; a reader sees them only between two
# Latin words or numbers.
_JOINING_SPACE = re.compile(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])")
_ENGLISH_ENDING = re.compile(r"(?:ing|ed|es|e|s|ly|y)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def query_words(query: str) -> list[str]:
    """Return the words of a reader's query, punctuation and operators dropped."""
    query = _CONTROL.sub(" ", query[:MAX_QUERY_LENGTH])
    return [
        token
        for token in rjieba.cut(query)
        if any(character.isalnum() for character in token)
    ]


# The newest live matches, then the best of them. Every entry is a published
# article's (index.search_entry_update deletes the others), so "live" is only the
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
            .select_related("section", "search_entry", "hero_photo")
            .in_bulk(ids)
        )
        return [articles[pk] for pk in ids if pk in articles]


def search(query: str, language: str | None = None) -> SearchResults:
    """Return the live articles matching every word of `query`, best first.

    Only the RANKED_MATCHES newest matches are ranked and returned; a tie in rank
    goes to the newer article. With `language`, only the articles that have some
    text in it: a reader of one language finds a story written in the other
    only through the other language's page.
    """
    words = query_words(query)
    if not words:
        return SearchResults([])
    sql, terms_of = _ENGINES[connection.vendor]
    terms = terms_of(words)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [terms, now, RANKED_MATCHES, terms])
        ids = [article_id for (article_id,) in cursor.fetchall()]
    if language and ids:
        written = set(
            Article.objects.written_in(language)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids = [pk for pk in ids if pk in written]
    return SearchResults(ids)


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
    return mark_safe(before + passage + after)  # noqa: S308 (escaped piece by piece)
