"""Page junk left by copying a story from a web page or WeChat: not part of the story.

Only what is junk beyond doubt is dropped here (image placeholders, view counts,
dates and dividers with no words); lines that may be junk, such as calls to
action, are kept as flagged paragraphs by `clutter`. Each rule runs only on short
lines, so prose that mentions a date is never dropped, and no pattern can run
long on a huge line.
"""

from __future__ import annotations

import re

from ..messages import gettext_lazy
from ..scripts import LETTER_RE
from .text import ends_sentence

_SHORT = 60

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})"
)
_DATE_RE = re.compile(_DATE, re.I)
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")
_COUNTER = (
    r"(?:阅读量?|浏览量?|在看|点赞|赞|分享|收藏|评论|留言"
    r"|views?|reads?|likes?|shares?|comments?)"
)
_NUMBER = r"[\d,.]+\s*(?:万|千|k|w)?\+?"
_COUNTS_RE = re.compile(
    rf"^(?:(?:{_COUNTER}\s*[:：]?\s*{_NUMBER}|{_NUMBER}\s*{_COUNTER})[\s·|/]*)+$",
    re.I,
)
_IMAGE_RES = (
    re.compile(r"^!\[[^\]]*\]\([^)]*\)$"),
    re.compile(r"^<img\b[^>]*>$", re.I),
    re.compile(r"^[\w\-. ]{1,80}\.(?:jpe?g|png|gif|webp|bmp|heic)$", re.I),
    re.compile(
        r"^[\[【(（]?\s*(?:image|img|picture|pic|photo|图片|图像|配图)\s*\d*\s*[\]】)）]?$",
        re.I,
    ),
)
_END_RE = re.compile(r"^[\W_]*(?:end|the end|完|全文完)[\W_]*$", re.I)
# No word boundary after the English: the Chinese twin may be glued to it,
# `1024th article1024期双语推文`.
_ISSUE_RE = re.compile(
    r"^(?:no\.?\s*)?\d{1,6}(?:st|nd|rd|th)?\s*(?:article|issue|edition|post)(?![a-z])"
    r"|^第?\s*\d{1,6}\s*期",
    re.I,
)


def junk_reason(text: str) -> str | None:
    """Return why a line is page junk, or None if it may be part of the story."""
    if not LETTER_RE.search(text):
        if _DATE_RE.search(text) or _TIME_RE.search(text):
            return gettext_lazy("a date line")
        if any(char.isdigit() for char in text):
            return gettext_lazy("a line with no words")
        return gettext_lazy("a divider line with no words")
    if len(text) > _SHORT:
        return None
    if any(rule.match(text) for rule in _IMAGE_RES):
        return gettext_lazy("an image placeholder or alt text")
    if _COUNTS_RE.match(text):
        return gettext_lazy("a view or like count")
    if _END_RE.match(text):
        return gettext_lazy("an end-of-page marker")
    if _DATE_RE.search(text) and len(text.split()) <= 6 and not ends_sentence(text):
        return gettext_lazy("a date line")
    return None


def is_issue_line(text: str) -> bool:
    """Return whether a line numbers the issue: `1024th article 1024期双语推文`.

    A sentence is never one, though it may start like one: `第12期培训班开班。`
    """
    return (
        len(text) <= _SHORT and bool(_ISSUE_RE.match(text)) and not ends_sentence(text)
    )
