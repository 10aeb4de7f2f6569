"""The WeChat editor's own fields (title, author, digest) and every length limit."""

import re
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from articles.i18n import localized, names
from articles.models import Article

from .body import ZH

# WeChat's limits, in characters; a Chinese character counts as one.
BODY_LIMIT = 20_000
TITLE_LIMIT = 32
AUTHOR_LIMIT = 16
DIGEST_LIMIT = 128

_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s)")
_FULL_WIDTH_END = "。！？；：，、”’）》」』"


@dataclass(frozen=True)
class Field:
    """One of the WeChat editor's fields, with its limit."""

    key: str
    label: str
    value: str
    limit: int

    @property
    def length(self) -> int:
        return len(self.value)

    @property
    def over(self) -> int:
        return max(0, self.length - self.limit)

    @property
    def counted(self) -> str:
        return counted(self.length, self.limit)


def number(value: int) -> str:
    return formats.number_format(value, force_grouping=True)


def counted(length: int, limit: int) -> str:
    """Say how long a text is against its limit: “21,340 characters, 1,340 over…”."""
    if length > limit:
        return _("%(length)s characters, %(over)s over the %(limit)s limit") % {
            "length": number(length),
            "over": number(length - limit),
            "limit": number(limit),
        }
    return _("%(length)s of %(limit)s characters") % {
        "length": number(length),
        "limit": number(limit),
    }


def title_for(article: Article) -> tuple[str, list[str]]:
    """Return the WeChat title: the Chinese title, else the English one.

    WeChat readers see the title in a Chinese interface, and the desk's account
    headlines in Chinese; the English title opens the body instead, so nothing is
    lost and no bilingual title has to be squeezed into 32 characters. A title
    that is too long is kept whole and flagged: only a person can shorten it well.
    """
    title = localized(article, "title", ZH).text
    if len(title) <= TITLE_LIMIT:
        return title, []
    return title, [
        _("The title is %(counted)s. Shorten it in the WeChat editor.")
        % {"counted": counted(len(title), TITLE_LIMIT)}
    ]


def author_for(article: Article) -> tuple[str, list[str]]:
    """Return the reporters' names that fit in 16 characters, else the desk's name."""
    reporters = article.reporters()
    shown: list = []
    for member in reporters:
        if len(names([*shown, member], ZH, notes=True)) > AUTHOR_LIMIT:
            break
        shown.append(member)
    if shown:
        warnings = []
        if len(shown) < len(reporters):
            warnings.append(
                _(
                    "Only %(shown)s of the %(count)s reporters fit in the author "
                    "field (%(limit)s characters); all of them are in the credits."
                )
                % {"shown": len(shown), "count": len(reporters), "limit": AUTHOR_LIMIT}
            )
        return names(shown, ZH, notes=True), warnings
    author = localized(article.publication, "name", ZH).text
    warnings = []
    if reporters:
        warnings.append(
            _(
                "The reporter's name does not fit in the author field (%(limit)s "
                "characters), so the publication is named instead."
            )
            % {"limit": AUTHOR_LIMIT}
        )
    if len(author) > AUTHOR_LIMIT:
        warnings.append(
            _("The author is %(counted)s. Shorten it in the WeChat editor.")
            % {"counted": counted(len(author), AUTHOR_LIMIT)}
        )
    return author, warnings


def trim(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a sentence end, else a word, else anywhere.

    A cut after a whole sentence needs no ellipsis; any other cut ends in “…”. A
    sentence end is used only if it keeps at least half of the room.
    """
    if len(text) <= limit:
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text[:limit])]
    if ends and ends[-1] >= limit // 2:
        return text[: ends[-1]]
    room = text[: limit - 1]
    # Latin words are cut at a space; each Han character is a place to cut.
    if room[-1].isascii() and room[-1].isalnum() and text[limit - 1].isalnum():
        space = room.rfind(" ")
        if space >= limit // 2:
            room = room[:space]
    return room.rstrip(" ,;:，、；：") + "…"


def digest_for(article: Article) -> tuple[str, list[str]]:
    """Return the summary, Chinese then English, trimmed to 128 characters."""
    chinese = (article.summary_zh_hans or "").strip()
    english = (article.summary_en or "").strip()
    # Full-width punctuation carries its own space; anything else needs one.
    space = "" if not chinese or chinese[-1] in _FULL_WIDTH_END else " "
    summary = space.join(text for text in (chinese, english) if text)
    if not summary:
        return "", [_("There is no summary; WeChat will show the opening of the text.")]
    digest = trim(summary, DIGEST_LIMIT)
    if digest == summary:
        return digest, []
    return digest, [
        _(
            "The summary is %(length)s characters; the digest keeps %(kept)s of them. "
            "Check where it was cut."
        )
        % {"length": number(len(summary)), "kept": number(len(digest))}
    ]
