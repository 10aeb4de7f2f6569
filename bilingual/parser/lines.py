"""From story lines to paragraphs: split lines holding both languages, join
hard-wrapped lines, and tell headings, quotes and captions from paragraphs.

Everything here walks the text once; sentence boundaries are found by a scanner,
not a regular expression, so no input makes it backtrack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from ..scripts import CHINESE_MARK_RE, HAN_RE, LATIN_RE, LATIN_WORD_RE
from .text import (
    CHINESE_SENTENCE_END,
    CLOSERS,
    EN,
    SENTENCE_END,
    ZH,
    detect_language,
    ends_sentence,
    split_bilingual,
)
from .titles import HEADLINE_STOPS, is_headline

_MIN_EN_WORDS = 2
_MIN_HAN = 2
# An English run with more Han than this share is prose quoting Chinese names.
_EN_MAX_HAN_SHARE = 0.1
_BILINGUAL_HEADING_MAX_CHARS = 100

# Hard-wrapping: English at most this wide, with enough lines near the width.
_WRAP_MAX_COLUMNS = 100
_WRAP_MIN_LINES = 3
_WRAP_NEAR = 0.75
_WRAP_CONTINUES = 0.6
_ZH_WRAP_MAX_CHARS = 60
# Shorter lines are short paragraphs or headings, not wrapped text.
_WRAP_MIN_COLUMNS = {EN: 40, ZH: 16}

_HEADING_MAX_WORDS = 10
_HEADING_MAX_CHARS = 120
_HEADING_MAX_HAN = 25
_ZH_HEADING_BREAKS = frozenset("\u3002\uff0c\uff1b")
_QUOTES = {'"': '"', "\u201c": "\u201d", "\u300c": "\u300d", "\u300e": "\u300f"}
CAPTION_MARKS = ("▲", "△", "↑", "⬆", "▼", "图为", "Caption:", "图说：", "图说:")


@dataclass(frozen=True, slots=True)
class SourceLine:
    """A story line as read: its number, text, blank-line block and indent."""

    number: int
    text: str
    block: int
    indent: int
    is_caption: bool = False
    # Suspected page clutter: joined to a neighbour only as the rest of a
    # sentence it breaks off (lowercase), never for looking wrapped at a width.
    is_apart: bool = False


@dataclass(slots=True)
class Segment:
    """A run of one language from one line."""

    line: SourceLine
    language: str
    text: str
    is_split: bool


@dataclass(slots=True)
class Paragraph:
    """One language's paragraph, from one or more lines."""

    lines: list[int]
    language: str
    text: str
    block: int
    is_split: bool
    is_caption: bool
    kind: str = "paragraph"
    pieces: list[str] = field(default_factory=list)
    # Why the paragraph reads as page clutter (None: part of the story). Clutter
    # is kept as a paragraph of its own, flagged, and never paired.
    clutter: str | None = None

    @property
    def line(self) -> int:
        return self.lines[0]


def segments(line: SourceLine) -> list[Segment]:
    """Return the language runs of one line; a line in one language is one run."""
    runs = language_runs(line.text)
    return [
        Segment(line, language, text, is_split=len(runs) > 1) for language, text in runs
    ]


def language_runs(text: str) -> list[tuple[str, str]]:
    """Split a line holding both languages into runs of whole sentences."""
    language = detect_language(text)
    if language is None:
        return []
    if not (HAN_RE.search(text) and LATIN_RE.search(text)):
        return [(language, text)]
    groups: list[list] = []  # [language, start, end]
    for start, end in _sentences(text):
        piece_language = _sentence_language(text[start:end])
        if groups and piece_language in (None, groups[-1][0]):
            groups[-1][2] = end
        elif groups and groups[-1][0] is None:
            groups[-1][0], groups[-1][2] = piece_language, end
        else:
            groups.append([piece_language, start, end])
    runs: list[list] = []
    for group in groups:
        strong = _is_strong(group[0], text[group[1] : group[2]])
        if runs and (group[0] == runs[-1][0] or not strong):
            runs[-1][2] = group[2]
        else:
            runs.append(group)
    if len(runs) > 1 and not _is_strong(runs[0][0], text[runs[0][1] : runs[0][2]]):
        # A weak opening run joins the next one.
        weak = runs.pop(0)
        runs[0][1] = weak[1]
    if len(runs) == 1:
        return _heading_runs(text) or [(runs[0][0] or language, text)]
    return [(run[0], text[run[1] : run[2]].strip()) for run in runs]


def _heading_runs(text: str) -> list[tuple[str, str]]:
    """Split a short bilingual heading with no sentence marks, `PART ONE 第一部分`."""
    if len(text) > _BILINGUAL_HEADING_MAX_CHARS or not is_headline(text):
        return []
    english, chinese = split_bilingual(text)
    if not (english and chinese):
        return []
    runs = [(EN, english), (ZH, chinese)]
    return runs if LATIN_RE.match(text.lstrip()[:1]) else runs[::-1]


def _sentences(text: str):
    """Yield (start, end) of each sentence, trailing spaces included."""
    start, index, size = 0, 0, len(text)
    while index < size:
        char = text[index]
        if char not in SENTENCE_END:
            index += 1
            continue
        end = index + 1
        while end < size and (text[end] in SENTENCE_END or text[end] in CLOSERS):
            end += 1
        after = text[end : end + 1]
        before = text[index - 1 : index]
        if (
            char in CHINESE_SENTENCE_END
            or not after
            or after.isspace()
            or HAN_RE.match(after)
            or HAN_RE.match(before)
        ):
            while end < size and text[end].isspace():
                end += 1
            yield start, end
            start = end
        index = end
    if start < size:
        yield start, size


def _sentence_language(sentence: str) -> str | None:
    latin = LATIN_RE.search(sentence)
    if latin:
        lead = sentence[: latin.start()]
        # 他说：“Life is good.” is a Chinese sentence quoting English.
        if HAN_RE.search(lead) and CHINESE_MARK_RE.search(lead):
            return ZH
    return detect_language(sentence)


def _is_strong(language: str | None, text: str) -> bool:
    """Return whether a run is long and pure enough to stand as a paragraph."""
    han = len(HAN_RE.findall(text))
    if language == EN:
        letters = han + len(LATIN_RE.findall(text))
        return (
            len(LATIN_WORD_RE.findall(text)) >= _MIN_EN_WORDS
            and han <= _EN_MAX_HAN_SHARE * letters
        )
    return language == ZH and han >= _MIN_HAN


def paragraphs(parts: list[Segment]) -> list[Paragraph]:
    """Join segments into paragraphs where a line was hard-wrapped."""
    widths = {EN: _wrap_width(parts, EN), ZH: _wrap_width(parts, ZH)}
    block_widths = _pair_block_widths(parts)
    out: list[Paragraph] = []
    last_line: SourceLine | None = None
    for part in parts:
        previous = out[-1] if out else None
        if (
            previous is not None
            and last_line is not None
            and _continues(
                previous,
                last_line,
                part,
                block_widths.get((part.line.block, part.language))
                or widths[part.language],
            )
        ):
            previous.lines.append(part.line.number)
            previous.pieces.append(part.text)
        else:
            out.append(
                Paragraph(
                    lines=[part.line.number],
                    language=part.language,
                    text="",
                    block=part.line.block,
                    is_split=part.is_split,
                    is_caption=part.line.is_caption,
                    pieces=[part.text],
                )
            )
        last_line = part.line
    for paragraph in out:
        glue = " " if paragraph.language == EN else ""
        paragraph.text = glue.join(paragraph.pieces)
        paragraph.kind = _kind(paragraph)
    return out


def _wrap_width(parts: list[Segment], language: str) -> int | None:
    """Return the column width the text was hard-wrapped at, or None."""
    limit = _WRAP_MAX_COLUMNS if language == EN else _ZH_WRAP_MAX_CHARS
    lengths = [len(p.text) for p in parts if p.language == language and not p.is_split]
    if not lengths or max(lengths) > limit:
        return None
    width = max(lengths)
    if width < _WRAP_MIN_COLUMNS[language]:
        return None
    near = sum(length >= _WRAP_NEAR * width for length in lengths)
    return width if near >= _WRAP_MIN_LINES else None


def _pair_block_widths(parts: list[Segment]) -> dict[tuple[int, str], int]:
    """Return wrap widths of the blocks shaped like one pair: English lines, then
    Chinese lines (or the reverse), set apart by blank lines.

    Such a block is one paragraph per language, so two lines are evidence enough.
    """
    widths: dict[tuple[int, str], int] = {}
    for block, group in groupby(parts, lambda part: part.line.block):
        runs = [list(run) for _, run in groupby(group, lambda part: part.language)]
        if len(runs) != 2 or any(part.is_split for run in runs for part in run):
            continue
        for run in runs:
            language = run[0].language
            limit = _WRAP_MAX_COLUMNS if language == EN else _ZH_WRAP_MAX_CHARS
            width = max(len(part.text) for part in run)
            if len(run) > 1 and _WRAP_MIN_COLUMNS[language] <= width <= limit:
                widths[block, language] = width
    return widths


def _continues(
    previous: Paragraph, last: SourceLine, part: Segment, width: int | None
) -> bool:
    """Return whether `part` carries on the paragraph `previous` (a wrapped line)."""
    if (
        part.language != previous.language
        or part.is_split
        or previous.is_split
        or part.line.number != last.number + 1
        or part.line.block != last.block
        or part.line.indent > last.indent
        or part.line.is_caption != previous.is_caption
    ):
        return False
    tail = previous.pieces[-1]
    if _is_all_caps(tail):
        return False
    if not ends_sentence(tail) and part.text[:1].islower():
        return True
    if (
        part.line.is_apart
        or last.is_apart
        or width is None
        or len(tail) < _WRAP_CONTINUES * width
    ):
        return False
    if part.language == ZH:
        # Chinese wraps anywhere; a line ending a sentence most likely ends it.
        return not ends_sentence(tail)
    next_word = part.text.split(maxsplit=1)[0]
    return not ends_sentence(tail) or len(tail) + 1 + len(next_word) > width


def _kind(paragraph: Paragraph) -> str:
    text = paragraph.text
    if paragraph.is_caption:
        return "caption"
    if _is_quote(text):
        return "quote"
    if _is_heading(text, paragraph.language):
        return "heading"
    return "paragraph"


def _is_all_caps(text: str) -> bool:
    letters = LATIN_WORD_RE.findall(text)
    return sum(map(len, letters)) >= 2 and not any(w.lower() == w for w in letters)


def _is_heading(text: str, language: str) -> bool:
    last = text.rstrip(CLOSERS)[-1:]
    if language == EN:
        if _is_all_caps(text) and len(text) <= _HEADING_MAX_CHARS:
            return True
        return (
            len(text.split()) <= _HEADING_MAX_WORDS
            and last not in HEADLINE_STOPS
            and ". " not in text
        )
    return (
        len(HAN_RE.findall(text)) <= _HEADING_MAX_HAN
        and last not in HEADLINE_STOPS
        and not any(mark in _ZH_HEADING_BREAKS for mark in text)
    )


def _is_quote(text: str) -> bool:
    closing = _QUOTES.get(text[:1])
    if closing is None or len(text) < 3:
        return False
    body = text[1:]
    end = body.rstrip(".!?。！？")
    # The first closing mark must end the paragraph: "A" and "B" is not a quote.
    return end.endswith(closing) and closing not in end[:-1]
