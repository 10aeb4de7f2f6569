"""Read a desk's raw bilingual (English + Simplified Chinese) article text as data.

Stdlib only, so it can be tested and fuzzed without Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

_EN = "en"
_ZH = "zh-hans"
_LANGUAGE_NAMES = {_EN: "English", _ZH: "Chinese"}

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_HAN_RE = re.compile(f"[{_HAN}]")
_LATIN_RE = re.compile(f"[{_LATIN}]")
_LATIN_WORD_RE = re.compile(f"[{_LATIN}]+")
_LETTER_RE = re.compile(f"[{_LATIN}{_HAN}]")
# Full-width forms, CJK symbols and the quotes/dashes Chinese text uses.
_CHINESE_MARK_RE = re.compile(
    "[\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014\u00b7]"
)
_CHINESE_CHAR_RE = re.compile(f"[{_HAN}]|{_CHINESE_MARK_RE.pattern}")
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

_CLOSERS = "\"')\u2019\u201d\u300b\u300d\u300f\uff09"
_SENTENCE_END = frozenset(".!?\u2026\u3002\uff01\uff1f")
# A headline may end in ? or ! but never mid-sentence or after a full stop.
_HEADLINE_STOPS = frozenset(".,;:\u3001\u3002\uff0c\uff1a\uff1b")
_HEADLINE_MAX_CHARS = 150
_BILINGUAL_MIN_EN_WORDS = 2
_BILINGUAL_MIN_HAN = 4

_SUMMARY_RE = re.compile(r"^(?:摘要|summary|abstract)\s*[:：]\s*(?P<text>.*)$", re.I)
_NOTE_RE = re.compile(r"^(?:n\.b\.|nb\s*[:：]|note\s*[:：]|注\s*[:：])", re.I)
_SOURCE_RE = re.compile(r"^(?:来源|source)\s*[:：丨|｜]\s*(?P<text>.+)$", re.I)
_CREDIT_RE = re.compile(r"^(?P<label>[^丨|｜:：]+?)\s*[丨|｜:：]\s*(?P<value>.+)$")
_LABEL_RE = re.compile(f"^[{_LATIN}{_HAN}][{_LATIN}{_HAN} &/-]*$")
_LABEL_MAX_WORDS = 4
_LABEL_MAX_HAN = 6
_CREDIT_MAX_CHARS = 80
# Split on list separators, but not inside a "(note)".
_NAMES_SPLIT_RE = re.compile(r"(?:\s*[,，、&/]\s*|\s+and\s+)(?![^(（]*[)）])")
_PERSON_NOTE_RE = re.compile(r"^(?P<name>.*?)\s*[(（](?P<note>[^()（）]*)[)）]$")
_CHINESE_NAME_RE = re.compile(f"[{_HAN}]{{2,4}}|[{_HAN}]+(?:·[{_HAN}]+)+")
_LATIN_NAME_WORD_RE = re.compile(f"[{_LATIN}][{_LATIN}'’-]*")
_NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "der", "di", "la", "le", "van", "von"}
)
_NAME_MAX_WORDS = 4

_PUBLICATION_MAX_CHARS = 120
_PUBLICATION_KINDS = (
    ("producer", re.compile(r"出品$|^produced by\b", re.I)),
    ("studio", re.compile(r"制作$|^edited and produced by\b", re.I)),
    ("rights", re.compile(r"all rights reserved|版权所有", re.I)),
    (
        "sharing",
        re.compile(r"转载|转发|朋友圈|\bforward\w*\b.*\b(?:wechat|moments)\b", re.I),
    ),
)

_BINARY_MESSAGE = "the file looks like a binary file, not text"

ROLE_CODES: dict[str, str] = {
    "managing editor": "managing_editor",
    "责任编辑": "managing_editor",
    "text editor": "text_editor",
    "editor": "text_editor",
    "文字编辑": "text_editor",
    "编辑": "text_editor",
    "reporter": "reporter",
    "记者": "reporter",
    "art editor": "art_editor",
    "美术编辑": "art_editor",
    "proofreader": "proofreader",
    "校对": "proofreader",
    "voice": "voice",
    "narrator": "voice",
    "配音": "voice",
    "photo": "photographer",
    "photos": "photographer",
    "photographer": "photographer",
    "photography": "photographer",
    "摄影": "photographer",
    "图": "photographer",
    "translator": "translator",
    "translation": "translator",
    "翻译": "translator",
}


class ParseError(ValueError):
    """Input that cannot be imported at all, at a 1-based line (0 = whole file)."""

    def __init__(self, message: str, line: int = 0) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True, slots=True)
class Finding:
    """A warning about one source line (0 = the whole file)."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Pair:
    """A paragraph and its translation; a missing side is empty."""

    en: str
    zh_hans: str
    line_en: int | None
    line_zh_hans: int | None


@dataclass(frozen=True, slots=True)
class Person:
    """A credited name with an optional note such as a nationality."""

    name: str
    note: str


@dataclass(frozen=True, slots=True)
class Credit:
    """One credit line: a role and the people who filled it."""

    role: str
    label: str
    people: tuple[Person, ...]
    line: int

    @property
    def names(self) -> list[str]:
        """Return the credited names in order."""
        return [person.name for person in self.people]


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """Everything read from one article file."""

    title: dict[str, str]
    summary: dict[str, str]
    translation_note: dict[str, str]
    pairs: tuple[Pair, ...]
    credits: tuple[Credit, ...]
    source: str
    publication: dict[str, str]
    publication_lines: tuple[str, ...]
    warnings: tuple[Finding, ...]
    encoding: str

    def as_dict(self) -> dict[str, Any]:
        """Return the article as JSON-ready builtins."""
        return {
            "title": dict(self.title),
            "summary": dict(self.summary),
            "translation_note": dict(self.translation_note),
            "pairs": [
                {
                    "en": pair.en,
                    "zh-hans": pair.zh_hans,
                    "line_en": pair.line_en,
                    "line_zh_hans": pair.line_zh_hans,
                }
                for pair in self.pairs
            ],
            "credits": [
                {
                    "role": credit.role,
                    "label": credit.label,
                    "names": credit.names,
                    "people": [
                        {"name": person.name, "note": person.note}
                        for person in credit.people
                    ],
                    "line": credit.line,
                }
                for credit in self.credits
            ],
            "source": self.source,
            "publication": dict(self.publication),
            "publication_lines": list(self.publication_lines),
            "warnings": [
                {"line": finding.line, "message": finding.message}
                for finding in self.warnings
            ],
            "encoding": self.encoding,
        }


def detect_language(text: str) -> str | None:
    """Return "zh-hans" or "en" by the share of Han characters, None without letters."""
    han = len(_HAN_RE.findall(text))
    letters = han + len(_LATIN_RE.findall(text))
    if not letters:
        return None
    return _ZH if han >= _ZH_MIN_SHARE * letters else _EN


def normalize_chinese_punctuation(text: str) -> tuple[str, int]:
    """Make half-width marks touching Chinese full-width; return text and count."""
    out: list[str] = []
    changed = 0
    for index, char in enumerate(text):
        full = _FULL_WIDTH.get(char)
        before = out[-1] if out else ""
        after = text[index + 1 : index + 2]
        if full and (_is_chinese_char(before) or _is_chinese_char(after)):
            out.append(full)
            changed += 1
        else:
            out.append(char)
    return "".join(out), changed


def split_bilingual(text: str) -> tuple[str, str]:
    """Split "English 中文" (either order) into (English, Chinese); else one side."""
    text = text.strip()
    letter = _LETTER_RE.search(text)
    if letter and _LATIN_RE.match(letter.group()):
        han = _HAN_RE.search(text)
        cut = han.start() if han else len(text)
        english, chinese = text[:cut], text[cut:]
        # "Where Zhengzhou工作室" is one Chinese name, not two languages.
        joined = not english[-1:].isspace() and english[-1:] not in _SENTENCE_END
    else:
        marks = list(_CHINESE_CHAR_RE.finditer(text))
        cut = marks[-1].end() if marks else 0
        chinese, english = text[:cut], text[cut:]
        joined = not english[:1].isspace() and not _CHINESE_MARK_RE.match(chinese[-1:])
    english, chinese = english.strip(), chinese.strip()
    if (
        not joined
        and len(_LATIN_WORD_RE.findall(english)) >= _BILINGUAL_MIN_EN_WORDS
        and len(_HAN_RE.findall(chinese)) >= _BILINGUAL_MIN_HAN
        and detect_language(english) == _EN
        and detect_language(chinese) == _ZH
    ):
        return english, chinese
    return ("", text) if detect_language(text) == _ZH else (text, "")


def decode(data: bytes) -> tuple[str, str]:
    """Decode UTF-8 (BOM allowed) or else GB18030; return (text, encoding)."""
    if b"\x00" in data:
        raise ParseError(_BINARY_MESSAGE)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        # Most such files are UTF-8 with a stray byte: point at that byte's line.
        not_utf8_at = error.start
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        line = data[:not_utf8_at].count(b"\n") + 1
        raise ParseError(
            "the file is neither UTF-8 nor GB18030 text (save it as UTF-8 and try "
            "again)",
            line,
        ) from None


def parse_bytes(data: bytes) -> ParsedArticle:
    """Decode and parse an uploaded article file."""
    text, encoding = decode(data)
    return parse_text(text, encoding=encoding)


def parse_text(text: str, *, encoding: str = "utf-8") -> ParsedArticle:
    """Parse article text; raise ParseError when it cannot be imported at all."""
    if "\x00" in text:
        raise ParseError(_BINARY_MESSAGE)
    numbered = enumerate(re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")), 1)
    lines = [(number, line.strip()) for number, line in numbered if line.strip()]
    if not lines:
        raise ParseError("the file is empty")
    draft = _Draft()
    if encoding != "utf-8":
        draft.warn(
            0,
            f"the file is not UTF-8; it was read as {encoding.upper()}, "
            "so check the Chinese text for garbled characters",
        )
    texts = [(number, line) for number, line in lines if not draft.take(number, line)]
    paragraphs = _paragraphs(draft, draft.take_title(texts))
    pairs = _pair(draft, paragraphs)
    draft.check_summary(paragraphs)
    return ParsedArticle(
        title=draft.title,
        summary=draft.summary,
        translation_note=draft.translation_note,
        pairs=pairs,
        credits=tuple(draft.credits),
        source=draft.source,
        publication=draft.publication,
        publication_lines=tuple(draft.publication_lines),
        warnings=tuple(sorted(draft.warnings, key=lambda finding: finding.line)),
        encoding=encoding,
    )


_Paragraph = tuple[int, str, str]  # line, language, text


def _both_languages() -> dict[str, str]:
    return {_EN: "", _ZH: ""}


@dataclass(slots=True)
class _Draft:
    """Collect an article's parts while its lines are read."""

    title: dict[str, str] = field(default_factory=_both_languages)
    summary: dict[str, str] = field(default_factory=_both_languages)
    summary_lines: dict[str, int] = field(default_factory=dict)
    translation_note: dict[str, str] = field(default_factory=_both_languages)
    credits: list[Credit] = field(default_factory=list)
    source: str = ""
    publication: dict[str, str] = field(default_factory=dict)
    publication_lines: list[str] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        """Record a warning about `line`."""
        self.warnings.append(Finding(line, message))

    def chinese(self, line: int, text: str) -> str:
        """Return Chinese text with full-width marks, warning when any changed."""
        fixed, changed = normalize_chinese_punctuation(text)
        if changed:
            marks = "mark" if changed == 1 else "marks"
            self.warn(
                line,
                f"converted {changed} half-width punctuation {marks} to full-width "
                "in the Chinese text",
            )
        return fixed

    def keep_first(
        self, target: dict[str, str], key: str, value: str, line: int, what: str
    ) -> None:
        """Store `value` under `key` unless an earlier line already did."""
        if target.get(key):
            self.warn(line, f"a second {what} was found; kept the first one")
        else:
            target[key] = value

    def take(self, line: int, text: str) -> bool:
        """Store `text` if it is a metadata line and say whether it was."""
        if match := _SUMMARY_RE.match(text):
            self.take_summary(line, match["text"])
        elif _NOTE_RE.match(text):
            # The label itself holds letters, so a language is always found.
            language = detect_language(text) or _EN
            if language == _ZH:
                text = self.chinese(line, text)
            name = f"{_LANGUAGE_NAMES[language]} translation note"
            self.keep_first(self.translation_note, language, text, line, name)
        elif match := _SOURCE_RE.match(text):
            if self.source:
                self.warn(line, "a second source was found; kept the first one")
            else:
                self.source = match["text"]
        elif kind := _publication_kind(text):
            self.publication_lines.append(text)
            self.keep_first(self.publication, kind, text, line, f"{kind} line")
        elif credit := self.credit(line, text):
            self.credits.append(credit)
        else:
            return False
        return True

    def take_summary(self, line: int, text: str) -> None:
        """Store a summary under the language of its text."""
        language = detect_language(text)
        if language is None:
            self.warn(line, "the summary has no text; it was ignored")
            return
        if language == _ZH:
            text = self.chinese(line, text)
        name = f"{_LANGUAGE_NAMES[language]} summary"
        if not self.summary[language]:
            self.summary_lines[language] = line
        self.keep_first(self.summary, language, text, line, name)

    def credit(self, line: int, text: str) -> Credit | None:
        """Return the credit on a short `Label丨Names` line, else None."""
        match = _CREDIT_RE.match(text)
        if not match or len(text) > _CREDIT_MAX_CHARS:
            return None
        label = match["label"]
        if (
            not _LABEL_RE.match(label)
            or len(label.split()) > _LABEL_MAX_WORDS
            or len(_HAN_RE.findall(label)) > _LABEL_MAX_HAN
        ):
            return None
        people = tuple(
            _person(part)
            for part in _NAMES_SPLIT_RE.split(match["value"])
            if part.strip()
        )
        key = " ".join(label.lower().split())
        role = ROLE_CODES.get(key)
        if role is None:
            # Unknown labels need name-like values, or "郑州：一座城" would count.
            if not people or not all(_looks_like_name(p.name) for p in people):
                return None
            role = re.sub(r"\W+", "_", key).strip("_")
            self.warn(line, f'unknown credit role "{label}"; kept it as "{role}"')
        return Credit(role=role, label=label, people=people, line=line)

    def take_title(self, texts: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Fill the title from leading headline lines; return the other lines."""
        if not texts or not _is_headline(texts[0][1]):
            self.warn(
                0,
                "no headline found; titles in both English and Chinese must be "
                "written before publishing",
            )
            return texts
        line, text = texts[0]
        english, chinese = split_bilingual(text)
        if english and chinese:
            self.title[_EN], self.title[_ZH] = english, self.chinese(line, chinese)
            return texts[1:]
        language = _ZH if chinese else _EN
        other = _EN if chinese else _ZH
        self.title[language] = self.chinese(line, text) if chinese else text
        rest = texts[1:]
        if rest and _is_headline(rest[0][1]) and detect_language(rest[0][1]) == other:
            next_line, next_text = rest[0]
            if other == _ZH:
                next_text = self.chinese(next_line, next_text)
            self.title[other] = next_text
            return rest[1:]
        name = _LANGUAGE_NAMES[other]
        self.warn(
            line, f"no {name} headline found; write the {name} title before publishing"
        )
        return rest

    def check_summary(self, paragraphs: list[_Paragraph]) -> None:
        """Warn when a summary stops partway through a paragraph's opening."""
        for language, summary in self.summary.items():
            if not summary or _ends_sentence(summary):
                continue
            for line, paragraph_language, text in paragraphs:
                if (
                    paragraph_language == language
                    and len(text) > len(summary)
                    and text.startswith(summary)
                ):
                    mid_word = _LATIN_RE.match(summary[-1]) and _LATIN_RE.match(
                        text[len(summary)]
                    )
                    how = " mid-word" if mid_word else ""
                    self.warn(
                        self.summary_lines[language],
                        f"the summary looks cut off{how}: it stops partway through "
                        f"the paragraph on line {line}",
                    )
                    break


def _is_chinese_char(char: str) -> bool:
    return bool(char) and bool(_CHINESE_CHAR_RE.match(char))


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


def _is_headline(text: str) -> bool:
    return (
        len(text) <= _HEADLINE_MAX_CHARS
        and detect_language(text) is not None
        and text.rstrip(_CLOSERS)[-1:] not in _HEADLINE_STOPS
    )


def _publication_kind(text: str) -> str | None:
    if len(text) > _PUBLICATION_MAX_CHARS:
        return None
    return next((kind for kind, rule in _PUBLICATION_KINDS if rule.search(text)), None)


def _person(text: str) -> Person:
    text = text.strip()
    if match := _PERSON_NOTE_RE.match(text):
        return Person(match["name"], match["note"].strip())
    return Person(text, "")


def _looks_like_name(name: str) -> bool:
    if _HAN_RE.search(name):
        return bool(_CHINESE_NAME_RE.fullmatch(name))
    words = name.split()
    return 0 < len(words) <= _NAME_MAX_WORDS and all(
        _LATIN_NAME_WORD_RE.fullmatch(word)
        and (word[0].isupper() or word in _NAME_PARTICLES)
        for word in words
    )


def _paragraphs(draft: _Draft, texts: list[tuple[int, str]]) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    for line, text in texts:
        language = detect_language(text)
        if language is None:
            draft.warn(line, "the line has no words; it was skipped")
        elif language == _ZH:
            paragraphs.append((line, language, draft.chinese(line, text)))
        else:
            paragraphs.append((line, language, text))
    if not paragraphs:
        raise ParseError(
            "no paragraphs found: the file holds only headlines, credits and notes"
        )
    for language, other in ((_ZH, _EN), (_EN, _ZH)):
        if all(paragraph[1] != language for paragraph in paragraphs):
            raise ParseError(
                f"no {_LANGUAGE_NAMES[language]} text found: every paragraph is in "
                f"{_LANGUAGE_NAMES[other]}, and each needs its translation"
            )
    return paragraphs


def _pair(draft: _Draft, paragraphs: list[_Paragraph]) -> tuple[Pair, ...]:
    # The first change of language fixes the order for the whole text.
    first = next(a[1] for a, b in pairwise(paragraphs) if a[1] != b[1])
    pairs: list[Pair] = []
    index = 0
    while index < len(paragraphs):
        current = paragraphs[index]
        following = paragraphs[index + 1 : index + 2]
        if current[1] == first and following and following[0][1] != first:
            pairs.append(_make_pair(current, following[0]))
            index += 2
            continue
        if current[1] == _EN:
            draft.warn(current[0], "this English paragraph has no Chinese translation")
        else:
            draft.warn(current[0], "this Chinese paragraph has no English original")
        pairs.append(_make_pair(current))
        index += 1
    return tuple(pairs)


def _make_pair(*paragraphs: _Paragraph) -> Pair:
    sides = {language: (line, text) for line, language, text in paragraphs}
    line_en, en = sides.get(_EN, (None, ""))
    line_zh, zh = sides.get(_ZH, (None, ""))
    return Pair(en=en, zh_hans=zh, line_en=line_en, line_zh_hans=line_zh)
