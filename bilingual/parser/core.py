"""Read a whole article: sort its lines into metadata, credits, junk and story,
then hand the story lines on to be split, joined, marked as clutter and paired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..messages import Message, gettext_lazy, ngettext_lazy, pgettext_lazy
from ..scripts import LATIN_RE
from . import credits as credit_lines
from .clutter import mark_clutter, suspect_lines
from .junk import is_issue_line, junk_reason
from .lines import CAPTION_MARKS, Paragraph, SourceLine, paragraphs, segments
from .model import Credit, Finding, ParsedArticle, ParseError
from .pairing import pair
from .text import (
    EN,
    LANGUAGE_NAMES,
    ZH,
    detect_language,
    ends_sentence,
    normalize_chinese_punctuation,
    quote,
    split_bilingual,
)
from .titles import is_headline, split_column, strip_marker

_SUMMARY_RE = re.compile(r"^(?:摘要|summary|abstract)\s*[:：]\s*(?P<text>.*)$", re.I)
_NOTE_RE = re.compile(r"^(?:n\.b\.|nb\s*[:：]|note\s*[:：]|注\s*[:：])", re.I)
_SOURCE_RE = re.compile(r"^(?:来源|source)\s*[:：丨|｜]\s*(?P<text>.+)$", re.I)
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")

_PUBLICATION_MAX_CHARS = 120
# A first line this long, with more of its language right under it, is a
# hard-wrapped paragraph rather than a headline.
_WRAPPED_TITLE_CHARS = 60
_PUBLICATION_KINDS = (
    ("producer", re.compile(r"出品$|^出品\s*[:：丨|｜]|^produced by\b", re.I)),
    ("studio", re.compile(r"制作$|^edited and produced by\b", re.I)),
    ("rights", re.compile(r"all rights reserved|版权所有", re.I)),
    (
        "sharing",
        re.compile(r"转载|转发|朋友圈|\bforward\w*\b.*\b(?:wechat|moments)\b", re.I),
    ),
)

_PRODUCER_LABEL_RE = re.compile(r"^出品\s*[:：丨|｜]\s*(?P<name>.+)$")

# Text that never went through a legacy code page: nothing to garble.
_UNICODE_SOURCES = frozenset({"utf-8", "docx"})
_BINARY_MESSAGE = gettext_lazy("the file looks like a binary file, not text")


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
            gettext_lazy(
                "the file is neither UTF-8 nor GB18030 text (save it as UTF-8 and "
                "try again)"
            ),
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
    lines = _source_lines(text.removeprefix("\ufeff"))
    if not lines:
        raise ParseError(gettext_lazy("the file is empty"))
    draft = _Draft()
    if encoding not in _UNICODE_SOURCES:
        draft.warn(
            0,
            gettext_lazy(
                "the file is not UTF-8; it was read as %(encoding)s, so check the "
                "Chinese text for garbled characters",
                encoding=encoding.upper(),
            ),
            "encoding",
        )
    story: list[SourceLine] = []
    for line in lines:
        text = line.text
        if not story:
            if is_issue_line(text):
                draft.note(
                    line.number,
                    gettext_lazy("read %(text)s as the issue line", text=quote(text)),
                    "issue",
                )
                continue
            text = draft.take_title_marks(line.number, text)
        if draft.take(line.number, text):
            continue
        if reason := junk_reason(text):
            draft.warn(
                line.number,
                gettext_lazy(
                    "dropped %(text)s: %(reason)s", text=quote(text), reason=reason
                ),
                "junk",
            )
            continue
        story.append(draft.caption(line, text))
    draft.settle_credits()
    suspects = suspect_lines(story)
    story = [
        replace(line, is_apart=True) if line.number in suspects else line
        for line in _take_title(draft, story, suspects)
    ]
    found = _paragraphs(draft, story)
    draft.findings += mark_clutter(found, story, suspects)
    pairs, pair_findings = pair(found)
    draft.findings += pair_findings
    draft.check_summary(found)
    return ParsedArticle(
        title=draft.title,
        summary=draft.summary,
        translation_note=draft.translation_note,
        pairs=pairs,
        credits=tuple(draft.credits),
        source=draft.source,
        publication=draft.publication,
        publication_lines=tuple(draft.publication_lines),
        findings=tuple(sorted(draft.findings, key=lambda finding: finding.line)),
        encoding=encoding,
        column=draft.column,
    )


def _source_lines(text: str) -> list[SourceLine]:
    """Number the non-blank lines; a blank line starts a new block."""
    lines: list[SourceLine] = []
    block = 0
    for number, raw in enumerate(_LINE_BREAK_RE.split(text), 1):
        stripped = raw.strip()
        if not stripped:
            block += 1
            continue
        indent = len(raw) - len(raw.lstrip())
        lines.append(SourceLine(number, stripped, block, indent))
    return lines


def _take_title(
    draft: _Draft, story: list[SourceLine], suspects: dict[int, str]
) -> list[SourceLine]:
    """Read the title from the story's first lines, passing over clutter such as
    `点击上方蓝字关注我们` above it; return the story without the title lines."""
    candidates = [line for line in story if line.number not in suspects]
    rest = draft.take_title(candidates)
    # The title is a prefix of the candidates: the lines before `rest`.
    title = set(candidates[: len(candidates) - len(rest)])
    return [line for line in story if line not in title]


def _both_languages() -> dict[str, str]:
    return {EN: "", ZH: ""}


@dataclass(slots=True)
class _Draft:
    """Collect an article's parts, and a finding per decision, as lines are read."""

    title: dict[str, str] = field(default_factory=_both_languages)
    column: dict[str, str] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=_both_languages)
    summary_lines: dict[str, int] = field(default_factory=dict)
    translation_note: dict[str, str] = field(default_factory=_both_languages)
    credits: list[Credit] = field(default_factory=list)
    source: str = ""
    publication: dict[str, str] = field(default_factory=dict)
    publication_lines: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def warn(self, line: int, message: str, kind: str = "warning") -> None:
        """Record a decision an editor should check."""
        self.findings.append(Finding(line, message, kind, is_warning=True))

    def note(self, line: int, message: str, kind: str) -> None:
        """Record a decision that needs no attention."""
        self.findings.append(Finding(line, message, kind, is_warning=False))

    def chinese(self, line: int, text: str) -> str:
        """Return Chinese text with full-width marks, warning when any changed."""
        fixed, changed = normalize_chinese_punctuation(text)
        if changed:
            self.warn(
                line,
                ngettext_lazy(
                    "converted %(count)d half-width punctuation mark to full-width "
                    "in the Chinese text",
                    "converted %(count)d half-width punctuation marks to full-width "
                    "in the Chinese text",
                    changed,
                    count=changed,
                ),
                "punctuation",
            )
        return fixed

    def keep_first(
        self, target: dict[str, str], key: str, value: str, line: int, what: Message
    ) -> None:
        """Store `value` under `key` unless an earlier line already did."""
        kind = "metadata"
        if target.get(key):
            self.warn(
                line,
                gettext_lazy(
                    "a second %(what)s was found; kept the first one", what=what
                ),
                kind,
            )
        else:
            target[key] = value
            self.note(line, gettext_lazy("read as the %(what)s", what=what), kind)

    def take_title_marks(self, line: int, text: str) -> str:
        """Strip a 【双语】 marker and a column tag from a line before the story."""
        text, marker = strip_marker(text)
        if marker:
            self.note(
                line,
                gettext_lazy(
                    "removed the marker %(marker)s from the title", marker=quote(marker)
                ),
                "title",
            )
        if column := split_column(text):
            tag, text = column
            language = detect_language(tag) or EN
            self.keep_first(
                self.column, language, tag, line, pgettext_lazy("found", "column tag")
            )
        return text

    def take(self, line: int, text: str) -> bool:
        """Store `text` if it is a metadata or credit line and say whether it was."""
        if match := _SUMMARY_RE.match(text):
            self.take_summary(line, match["text"])
        elif _NOTE_RE.match(text):
            # The label itself holds letters, so a language is always found.
            language = detect_language(text) or EN
            if language == ZH:
                text = self.chinese(line, text)
            name = pgettext_lazy(
                "found",
                "%(language)s translation note",
                language=LANGUAGE_NAMES[language],
            )
            self.keep_first(self.translation_note, language, text, line, name)
        elif match := _SOURCE_RE.match(text):
            if self.source:
                self.warn(
                    line,
                    gettext_lazy(
                        "a second %(what)s was found; kept the first one",
                        what=pgettext_lazy("found", "source"),
                    ),
                )
            else:
                self.source = match["text"]
                self.note(
                    line,
                    gettext_lazy(
                        "read as the %(what)s", what=pgettext_lazy("found", "source")
                    ),
                    "metadata",
                )
        elif kind := _publication_kind(text):
            if match := _PRODUCER_LABEL_RE.match(text):
                # "出品：郑州日报社" says what "郑州日报社出品" says.
                text = f"{match['name']}出品"
            self.publication_lines.append(text)
            self.keep_first(
                self.publication, kind, text, line, _PUBLICATION_LINES[kind]
            )
        elif found := credit_lines.read_credit(text):
            self.add_credit(line, found)
        else:
            return False
        return True

    def add_credit(self, line: int, found: credit_lines.CreditLine) -> None:
        """Keep a credit; an unknown role is kept under a code made from its label."""
        role = found.role
        if role is None:
            role = re.sub(r"\W+", "_", credit_lines.role_key(found.label)).strip("_")
            self.warn(
                line,
                gettext_lazy(
                    'unknown credit role "%(label)s"; kept it as "%(role)s"',
                    label=found.label,
                    role=role,
                ),
                "credit",
            )
        self.credits.append(Credit(role, found.label, found.people, line))

    def settle_credits(self) -> None:
        """Merge a credit given in both languages into one, and note each credit.

        Only once every line is read: a byline may open the text in one language
        and close it in the other.
        """
        settled = []
        for credit, twin in credit_lines.merge_languages(self.credits):
            names = ", ".join(
                " / ".join(filter(None, (person.name, person.other_name)))
                for person in credit.people
            )
            message = gettext_lazy(
                "read as a credit: %(role)s (%(names)s)", role=credit.role, names=names
            )
            self.note(credit.line, message, "credit")
            if twin is not None:
                self.note(
                    twin,
                    gettext_lazy(
                        "%(credit)s, the credit on line %(line)d in the other language",
                        credit=message,
                        line=credit.line,
                    ),
                    "credit",
                )
            settled.append(credit)
        self.credits = settled

    def take_summary(self, line: int, text: str) -> None:
        """Store a summary under the language of its text."""
        language = detect_language(text)
        if language is None:
            self.warn(
                line,
                gettext_lazy("the summary has no text; it was ignored"),
                "metadata",
            )
            return
        if language == ZH:
            text = self.chinese(line, text)
        name = pgettext_lazy(
            "found", "%(language)s summary", language=LANGUAGE_NAMES[language]
        )
        if not self.summary[language]:
            self.summary_lines[language] = line
        self.keep_first(self.summary, language, text, line, name)

    def caption(self, line: SourceLine, text: str) -> SourceLine:
        """Return the story line, marked as a caption if it reads as one."""
        for mark in CAPTION_MARKS:
            if text.startswith(mark) and text[len(mark) :].strip():
                text = text[len(mark) :].strip()
                self.note(
                    line.number,
                    gettext_lazy("removed the caption mark %(mark)s", mark=quote(mark)),
                    "caption",
                )
                return SourceLine(line.number, text, line.block, line.indent, True)
        if found := credit_lines.caption_credit(text):
            text, credit = found
            self.add_credit(line.number, credit)
            return SourceLine(line.number, text, line.block, line.indent, True)
        return SourceLine(line.number, text, line.block, line.indent)

    def take_title(self, lines: list[SourceLine]) -> list[SourceLine]:
        """Fill the title from leading headline lines; return the other lines."""
        if not lines or not is_headline(lines[0].text) or _wraps_on(lines):
            self.warn(
                0,
                gettext_lazy(
                    "no headline found; titles in both English and Chinese must be "
                    "written before publishing"
                ),
                "title",
            )
            return lines
        line, text = lines[0].number, lines[0].text
        english, chinese = split_bilingual(text)
        if english and chinese:
            self.title[EN], self.title[ZH] = english, self.chinese(line, chinese)
            self.note(
                line, gettext_lazy("read as the title in both languages"), "title"
            )
            return lines[1:]
        language = ZH if chinese else EN
        other = EN if chinese else ZH
        self.title[language] = self.chinese(line, text) if chinese else text
        self.note(line, _title_read(language), "title")
        rest = lines[1:]
        if (
            rest
            and is_headline(rest[0].text)
            and detect_language(rest[0].text) == other
        ):
            next_line, next_text = rest[0].number, rest[0].text
            if other == ZH:
                next_text = self.chinese(next_line, next_text)
            self.title[other] = next_text
            self.note(next_line, _title_read(other), "title")
            return rest[1:]
        self.warn(
            line,
            gettext_lazy(
                "no %(language)s headline found; write the %(language)s title before "
                "publishing",
                language=LANGUAGE_NAMES[other],
            ),
            "title",
        )
        return rest

    def check_summary(self, found: list[Paragraph]) -> None:
        """Warn when a summary stops partway through a paragraph's opening."""
        for language, summary in self.summary.items():
            if not summary or ends_sentence(summary):
                continue
            for paragraph in found:
                text = paragraph.text
                if (
                    paragraph.language == language
                    and len(text) > len(summary)
                    and text.startswith(summary)
                ):
                    mid_word = LATIN_RE.match(summary[-1]) and LATIN_RE.match(
                        text[len(summary)]
                    )
                    if mid_word:
                        message = gettext_lazy(
                            "the summary looks cut off mid-word: it stops partway "
                            "through the paragraph on line %(line)d",
                            line=paragraph.line,
                        )
                    else:
                        message = gettext_lazy(
                            "the summary looks cut off: it stops partway through the "
                            "paragraph on line %(line)d",
                            line=paragraph.line,
                        )
                    self.warn(
                        self.summary_lines[language],
                        message,
                        "metadata",
                    )
                    break


def _wraps_on(lines: list[SourceLine]) -> bool:
    """Return whether the first line runs on into the next: a wrapped paragraph."""
    first, following = lines[0], lines[1:2]
    if not following:
        return False
    after = following[0]
    return (
        after.number == first.number + 1
        and detect_language(after.text) == detect_language(first.text)
        and (after.text[:1].islower() or len(first.text) >= _WRAPPED_TITLE_CHARS)
    )


# What each publication line is called in a finding.
_PUBLICATION_LINES = {
    "producer": pgettext_lazy("found", "producer line"),
    "studio": pgettext_lazy("found", "studio line"),
    "rights": pgettext_lazy("found", "rights line"),
    "sharing": pgettext_lazy("found", "sharing line"),
}


def _title_read(language: str) -> Message:
    return gettext_lazy(
        "read as the %(language)s title", language=LANGUAGE_NAMES[language]
    )


def _publication_kind(text: str) -> str | None:
    if len(text) > _PUBLICATION_MAX_CHARS:
        return None
    return next((kind for kind, rule in _PUBLICATION_KINDS if rule.search(text)), None)


def _paragraphs(draft: _Draft, story: list[SourceLine]) -> list[Paragraph]:
    parts = []
    for line in story:
        found = segments(line)
        if len(found) > 1:
            draft.note(
                line.number,
                gettext_lazy(
                    "the line holds both languages; split it into %(count)d paragraphs",
                    count=len(found),
                ),
                "split",
            )
        parts += found
    found = paragraphs(parts)
    if not found:
        raise ParseError(
            gettext_lazy(
                "no paragraphs found: the file holds only headlines, credits and notes"
            )
        )
    for paragraph in found:
        if paragraph.language == ZH:
            paragraph.text = draft.chinese(paragraph.line, paragraph.text)
        if len(paragraph.lines) > 1:
            draft.note(
                paragraph.line,
                gettext_lazy(
                    "joined %(count)d hard-wrapped lines (%(first)d–%(last)d) into one "
                    "%(language)s paragraph",
                    count=len(paragraph.lines),
                    first=paragraph.lines[0],
                    last=paragraph.lines[-1],
                    language=LANGUAGE_NAMES[paragraph.language],
                ),
                "joined",
            )
    for language, other in ((ZH, EN), (EN, ZH)):
        if all(paragraph.language != language for paragraph in found):
            raise ParseError(
                gettext_lazy(
                    "no %(language)s text found: every paragraph is in %(other)s, and "
                    "each needs its translation",
                    language=LANGUAGE_NAMES[language],
                    other=LANGUAGE_NAMES[other],
                )
            )
    return found
