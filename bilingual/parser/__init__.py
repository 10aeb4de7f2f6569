"""Read a desk's raw bilingual (English + Simplified Chinese) article text as data.

Stdlib only, so it can be tested and fuzzed without Django. `core` sorts the lines,
`titles`, `credits` and `junk` recognise the special ones, `lines` builds
paragraphs and `pairing` pairs them; every decision becomes a `Finding`.
"""

from .core import decode, parse_bytes, parse_text
from .credits import ROLE_CODES
from .model import PAIR_KINDS, Credit, Finding, Pair, ParsedArticle, ParseError, Person
from .text import detect_language, normalize_chinese_punctuation, split_bilingual

__all__ = [
    "PAIR_KINDS",
    "ROLE_CODES",
    "Credit",
    "Finding",
    "Pair",
    "ParseError",
    "ParsedArticle",
    "Person",
    "decode",
    "detect_language",
    "normalize_chinese_punctuation",
    "parse_bytes",
    "parse_text",
    "split_bilingual",
]
