"""Headline lines: `【双语】` prefixes, `Culture丨…` column tags, one or two lines.

A desk writes the title in either order, on one line holding both languages or on
two lines, sometimes behind a column tag or a "bilingual" marker.
"""

from __future__ import annotations

import re

from ..scripts import HAN_RE, LATIN_WORD_RE
from .credits import ROLE_CODES, looks_like_name, people_in, role_key
from .text import CLOSERS, detect_language

HEADLINE_MAX_CHARS = 150
# A headline may end in ? or ! but never mid-sentence or after a full stop.
HEADLINE_STOPS = frozenset(".,;:\u3001\u3002\uff0c\uff1a\uff1b")
_MARKER_RE = re.compile(
    r"^\s*[【\[(（]\s*(?:中英)?双语(?:推文|阅读)?\s*[】\])）]\s*"
    r"|^\s*[【\[]\s*bilingual\s*[】\]]\s*",
    re.I,
)
_COLUMN_RE = re.compile(r"^(?P<tag>[^丨|｜:：]{1,24}?)\s*[丨|｜]\s*(?P<rest>.+)$")
_COLUMN_MAX_WORDS = 3
_COLUMN_MAX_HAN = 6


def is_headline(text: str) -> bool:
    """Return whether `text` could be a headline: short, not ending mid-sentence."""
    return (
        len(text) <= HEADLINE_MAX_CHARS
        and detect_language(text) is not None
        and text.rstrip(CLOSERS)[-1:] not in HEADLINE_STOPS
    )


def strip_marker(text: str) -> tuple[str, str]:
    """Return `text` without a leading 【双语】 marker, and the marker removed."""
    match = _MARKER_RE.match(text)
    if not match:
        return text, ""
    return text[match.end() :], match.group().strip()


def split_column(text: str) -> tuple[str, str] | None:
    """Return (column tag, headline) for `Culture丨节气里的郑州`, else None.

    A credit line has the same shape, so a known role label, or names after the
    bar, make it a credit instead.
    """
    if len(text) > HEADLINE_MAX_CHARS:
        return None
    match = _COLUMN_RE.match(text)
    if not match:
        return None
    tag, rest = match["tag"].strip(), match["rest"].strip()
    if (
        role_key(tag) in ROLE_CODES
        or len(LATIN_WORD_RE.findall(tag)) > _COLUMN_MAX_WORDS
        or len(HAN_RE.findall(tag)) > _COLUMN_MAX_HAN
        or not is_headline(rest)
        or all(looks_like_name(person.name) for person in people_in(rest))
    ):
        return None
    return tag, rest
