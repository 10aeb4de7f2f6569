"""Scripts, languages and punctuation: what tells English from Chinese in a line."""

from __future__ import annotations

import re

EN = "en"
ZH = "zh-hans"
LANGUAGE_NAMES = {EN: "English", ZH: "Chinese"}

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
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
_FULL_WIDTH = {
    ",": "\uff0c",
    ":": "\uff1a",
    ";": "\uff1b",
    "?": "\uff1f",
    "!": "\uff01",
    "(": "\uff08",
    ")": "\uff09",
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
        full = _FULL_WIDTH.get(char)
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


def is_chinese_char(char: str) -> bool:
    """Return whether `char` is a Han character or a Chinese punctuation mark."""
    return bool(char) and bool(CHINESE_CHAR_RE.match(char))


def ends_sentence(text: str) -> bool:
    """Return whether `text` ends with a full stop, ? or ! (either width)."""
    return text.rstrip().rstrip(CLOSERS)[-1:] in SENTENCE_END


def quote(text: str, limit: int = 60) -> str:
    """Return `text` in quotation marks for a message, shortened when long."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"“{short}”"
