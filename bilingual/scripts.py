"""Which characters are Han, Latin or Chinese punctuation: one definition for all.

The parser tells English from Chinese with these classes and the translation
checks count with them, so both read every character the same way.
"""

from __future__ import annotations

import re

# Han ideographs: 〇 (U+3007, the zero of 二〇二四年), Extension A, the Unified
# Ideographs, the Compatibility Ideographs, and the whole Supplementary and
# Tertiary Ideographic Planes, which Unicode sets aside for CJK ideographs
# (Extensions B to J and the Compatibility Ideographs Supplement).
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
# Basic Latin letters, the Latin-1 letters (not × or ÷) and Latin Extended-A/B.
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"

HAN_RE = re.compile(f"[{HAN}]")
LATIN_RE = re.compile(f"[{LATIN}]")
LATIN_WORD_RE = re.compile(f"[{LATIN}]+")
LETTER_RE = re.compile(f"[{LATIN}{HAN}]")
# Full-width forms, CJK symbols and the quotes/dashes Chinese text uses.
CHINESE_MARK_RE = re.compile(
    "[\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014\u00b7]"
)
CHINESE_CHAR_RE = re.compile(f"[{HAN}]|{CHINESE_MARK_RE.pattern}")

# The full-width mark Chinese text writes for each half-width one.
FULL_WIDTH_PUNCTUATION = {
    ",": "\uff0c",
    ":": "\uff1a",
    ";": "\uff1b",
    "?": "\uff1f",
    "!": "\uff01",
    "(": "\uff08",
    ")": "\uff09",
}
# Full-width digits and the marks around numbers, read as their ASCII forms.
WIDE_TO_ASCII = str.maketrans("０１２３４５６７８９％．：", "0123456789%.:")


def is_chinese_char(char: str) -> bool:
    """Return whether `char` is a Han character or a Chinese punctuation mark."""
    return bool(char) and bool(CHINESE_CHAR_RE.match(char))
