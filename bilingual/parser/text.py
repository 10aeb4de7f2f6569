"""Languages and punctuation: what tells English from Chinese in a line, and how
Chinese text writes its marks. Which characters are which lives in `scripts`.
"""

from __future__ import annotations

from ..messages import pgettext_lazy
from ..scripts import (
    CHINESE_CHAR_RE,
    CHINESE_MARK_RE,
    FULL_WIDTH_PUNCTUATION,
    HAN_RE,
    LATIN_RE,
    LATIN_WORD_RE,
    LETTER_RE,
    is_chinese_char,
)

EN = "en"
ZH = "zh-hans"
# The languages' names inside a message ("the English title", "英文标题").
LANGUAGE_NAMES = {
    EN: pgettext_lazy("language in a message", "English"),
    ZH: pgettext_lazy("language in a message", "Chinese"),
}

_ZH_MIN_SHARE = 0.3

CLOSERS = "\"')\u2019\u201d\u300b\u300d\u300f\uff09"
CHINESE_SENTENCE_END = frozenset("\u3002\uff01\uff1f\u2026")
SENTENCE_END = frozenset(".!?") | CHINESE_SENTENCE_END
_BILINGUAL_MIN_EN_WORDS = 2
_BILINGUAL_MIN_HAN = 4


def detect_language(text: str) -> str | None:
    """Return "zh-hans" or "en" by the share of Han characters, None without letters."""
    han = len(HAN_RE.findall(text))
    letters = han + len(LATIN_RE.findall(text))
    if not letters:
        return None
    return ZH if han >= _ZH_MIN_SHARE * letters else EN


def normalize_chinese_punctuation(text: str) -> tuple[str, int]:
    """Make half-width marks touching Chinese full-width; return text and count.

    A full stop counts only after Chinese and before a break, so 11.5 stays; a
    closing parenthesis follows its converted opening one.
    """
    out: list[str] = []
    changed = 0
    open_parentheses = 0
    for index, char in enumerate(text):
        full = FULL_WIDTH_PUNCTUATION.get(char)
        before = out[-1] if out else ""
        after = text[index + 1 : index + 2]
        touches = is_chinese_char(before) or is_chinese_char(after)
        if (
            char == "."
            and is_chinese_char(before)
            and (not after or not after.isalnum())
        ):
            full, touches = "\u3002", True
        elif char == ")" and open_parentheses:
            touches = True
        if full and touches:
            open_parentheses += (char == "(") - (char == ")")
            out.append(full)
            changed += 1
        else:
            out.append(char)
    return "".join(out), changed


def split_bilingual(text: str) -> tuple[str, str]:
    """Split "English 中文" (either order) into (English, Chinese); else one side."""
    text = text.strip()
    letter = LETTER_RE.search(text)
    if letter and LATIN_RE.match(letter.group()):
        han = HAN_RE.search(text)
        cut = han.start() if han else len(text)
        english, chinese = text[:cut], text[cut:]
        # "Where Zhengzhou工作室" is one Chinese name, not two languages.
        joined = not english[-1:].isspace() and english[-1:] not in SENTENCE_END
    else:
        marks = list(CHINESE_CHAR_RE.finditer(text))
        cut = marks[-1].end() if marks else 0
        chinese, english = text[:cut], text[cut:]
        joined = not english[:1].isspace() and not CHINESE_MARK_RE.match(chinese[-1:])
    english, chinese = english.strip(), chinese.strip()
    if (
        not joined
        and len(LATIN_WORD_RE.findall(english)) >= _BILINGUAL_MIN_EN_WORDS
        and len(HAN_RE.findall(chinese)) >= _BILINGUAL_MIN_HAN
        and detect_language(english) == EN
        and detect_language(chinese) == ZH
    ):
        return english, chinese
    return ("", text) if detect_language(text) == ZH else (text, "")


def ends_sentence(text: str) -> bool:
    """Return whether `text` ends with a full stop, ? or ! (either width)."""
    return text.rstrip().rstrip(CLOSERS)[-1:] in SENTENCE_END


def quote(text: str, limit: int = 60) -> str:
    """Return `text` in quotation marks for a message, shortened when long."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"“{short}”"
