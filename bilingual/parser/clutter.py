"""Page clutter inside the story: lines a web page or WeChat adds that may not be
part of the story, but are not junk beyond doubt.

Such a line stays a paragraph of its own, marked with why (`Paragraph.clutter`),
so the editor sees it in the preview and may keep it, and the pairing never pairs
it. Every rule reads short lines only, with bounded patterns, so none can run long.

A sentence that mentions a QR code next to its translation is story, and a
heading next to its translation is a heading; only what has no partner beside
it, or reads as clutter on its own, is set apart.
"""

from __future__ import annotations

import math
import re
from itertools import groupby

from ..checks import chinese_quantities, english_quantities
from ..checks.quantities import compare_quantities
from ..messages import gettext_lazy
from ..scripts import HAN_RE, LATIN_RE, LETTER_RE, WIDE_TO_ASCII
from .junk import is_issue_line
from .lines import Paragraph, SourceLine
from .model import Finding
from .text import EN, ends_sentence, quote
from .titles import HEADLINE_MAX_CHARS, is_headline

COUNTER = gettext_lazy("a line that repeats with only a counter changing")
ALT_TEXT = gettext_lazy(
    "a short line with no sentence punctuation and no translation beside it, "
    "like an image's alt text or a sidebar line"
)
MIXED = gettext_lazy(
    "a short line in both languages with no sentence punctuation between the "
    "story's paragraphs, like an image's alt text or a sidebar line"
)
ISSUE = gettext_lazy("an issue line, numbering the post rather than telling the story")
CALL = gettext_lazy("a call to action from the web page")
SIDEBAR = gettext_lazy("the heading of a sidebar, such as related links or a word list")
TAIL = gettext_lazy("a sidebar after the story, such as related links or a word list")

_MAX_CHARS = 60
# Han characters per Latin letter that a translation can have, kept wide: the
# lines judged here are short, and short lines vary the most.
_RATIO_LOW, _RATIO_HIGH = 0.08, 2.0
# The median over a set of real desk pairs.
_TYPICAL_RATIO = 0.32
# How many paragraphs away a translation is looked for: a run of clutter longer
# than this parts a paragraph from its translation anyway.
_REACH = 12

_CALL_RE = re.compile(
    r"qr\s*code|二维码|扫码|扫一扫|长按|识别图中"
    r"|点击.{0,8}(?:关注|阅读|观看|收看|收听|播放|订阅|蓝字|上方|下方|原文|链接|这里)"
    r"|阅读原文|点个?(?:在看|赞)|(?:记得|欢迎|请).{0,4}(?:在看|点赞|关注|分享|转发|订阅)"
    r"|^关注(?:我们|本号|公众号)|关注.{0,16}(?:公众号|视频号|微信|微博|抖音|获取更多|了解更多)"
    r"|\bfollow us\b|\bscan (?:the |our |this )?(?:code|qr)|\bsubscribe\b"
    r"|\bwatch (?:the |our |this |full )*video\b|\blike and (?:share|subscribe)\b"
    r"|^(?:click|tap|press|long[- ]press)\b|\bread the original\b",
    re.I,
)
_SIDEBAR_WORDS = (
    r"推荐阅读|相关阅读|延伸阅读|扩展阅读|更多阅读|往期回顾|往期推荐|往期精选|往期精彩"
    r"|精彩回顾|精彩推荐|热门推荐|热文推荐|猜你喜欢|相关新闻|相关文章|相关报道"
    r"|重点词汇|词汇积累|词汇|生词|关键词"
    r"|related(?: stories| articles| reading| links| news)?"
    r"|recommended(?: reading| stories| for you)?|further reading|more stories"
    r"|you may also like|previous issues|past issues|see also|also read|read more"
    r"|vocabulary|key words|words to know|glossary"
)
# The words alone, maybe decorated (`▼往期回顾▼`, `Related 相关阅读`), or before a
# colon and another story's title (`Related: Metro line 3 opens`).
_SIDEBAR_RE = re.compile(
    rf"^[\W_]*(?:{_SIDEBAR_WORDS})(?:[\W_]*(?:{_SIDEBAR_WORDS}))?[\W_]*$"
    rf"|^(?:{_SIDEBAR_WORDS})\s*[:：丨|｜]",
    re.I,
)
_DIGITS_RE = re.compile(r"\d+")


def suspect_lines(lines: list[SourceLine]) -> dict[int, str]:
    """Return the story lines that read as clutter by their own text or by the
    lines around them (counters, a closing sidebar), and why.

    Known before paragraphs are built, so that no such line is taken for a
    hard-wrapped piece of the paragraph next to it.
    """
    texts = {line.number: line.text for line in lines}
    suspects = _tail(texts) | _counters(texts)
    for number, text in texts.items():
        if number not in suspects and (reason := _line_reason(text)):
            suspects[number] = reason
    return suspects


def mark_clutter(
    paragraphs: list[Paragraph], lines: list[SourceLine], suspects: dict[int, str]
) -> list[Finding]:
    """Mark the paragraphs that read as page clutter; return a finding per line.

    A suspect sentence stays story next to its translation; a short line with no
    sentence punctuation becomes clutter when no neighbour translates it.
    """
    candidates = {
        index: suspects[paragraph.line]
        for index, paragraph in enumerate(paragraphs)
        if all(number in suspects for number in paragraph.lines)
    }
    story = _Story(paragraphs)
    for index in _translated(story, candidates):
        del candidates[index]
    for index, reason in candidates.items():
        paragraphs[index].clutter = reason
    for index, reason in _alt_text(story).items():
        paragraphs[index].clutter = reason
    texts = {line.number: line.text for line in lines}
    findings: dict[int, Finding] = {}
    for paragraph in paragraphs:
        for number in paragraph.lines if paragraph.clutter else ():
            findings[number] = Finding(
                number,
                gettext_lazy(
                    "kept %(text)s apart: %(reason)s",
                    text=quote(texts[number]),
                    reason=paragraph.clutter,
                ),
                "clutter",
                is_warning=True,
            )
    return list(findings.values())


def _line_reason(text: str) -> str | None:
    """Return why a line alone reads as clutter (an issue line, a sidebar's
    heading, a call to action), or None."""
    if len(text) > _MAX_CHARS:
        return None
    if is_issue_line(text):
        return ISSUE
    if _SIDEBAR_RE.match(text):
        return SIDEBAR
    if _CALL_RE.search(text):
        return CALL
    return None


def _tail(texts: dict[int, str]) -> dict[int, str]:
    """Return the lines of a sidebar closing the story: from a heading such as
    `推荐阅读` or `重点词汇` to the end, when every line there is short and shaped
    like a title or a word-list entry."""
    items = list(texts.items())
    start = len(items)
    while start and _in_tail(items[start - 1][1]):
        start -= 1
    for index in range(start, len(items)):
        if _SIDEBAR_RE.match(items[index][1]):
            return dict.fromkeys((number for number, _ in items[index:]), TAIL)
    return {}


def _in_tail(text: str) -> bool:
    return len(text) <= HEADLINE_MAX_CHARS and bool(
        is_headline(text) or _SIDEBAR_RE.match(text)
    )


def _counters(texts: dict[int, str]) -> dict[int, str]:
    """Return the short lines that repeat with only their numbers changing:
    `英语听力音频(3)`, `英语听力音频(4)`."""
    families: dict[str, dict[int, tuple[str, ...]]] = {}
    for number, text in texts.items():
        plain = text.translate(WIDE_TO_ASCII)
        numbers = tuple(_DIGITS_RE.findall(plain))
        if (
            len(text) <= _MAX_CHARS
            and numbers
            and LETTER_RE.search(text)
            and not ends_sentence(text)
        ):
            skeleton = " ".join(_DIGITS_RE.sub("#", plain).casefold().split())
            families.setdefault(skeleton, {})[number] = numbers
    return {
        number: COUNTER
        for family in families.values()
        if len(set(family.values())) > 1
        for number in family
    }


def _translated(story: _Story, candidates: dict[int, str]) -> set[int]:
    """Return the candidates that are story after all: next to their translation."""
    return {
        index
        for index, reason in candidates.items()
        if reason != TAIL
        and any(
            _is_pair(story, candidates, index, other)
            for other in story.neighbours(index, index, ())
        )
    }


def _is_pair(story: _Story, candidates: dict[int, str], index: int, other: int) -> bool:
    """Return whether the candidate `index` and its neighbour `other` are a pair.

    Only two sentences (`Scan the QR code at the gate to pay.` beside
    `在门口扫码即可付款。`) or a counter and a line of the same number (`Part 1`
    beside `第一部分`) are; a short line such as `Scan QR Code` is clutter even
    beside a short line it could translate.
    """
    if not story.is_partner(index, other, candidates, suspect=True):
        return False
    if candidates[index] == COUNTER:
        return story.numbers_agree(index, other, stated=True)
    return story.sentences[index]


def _alt_text(story: _Story) -> dict[int, str]:
    """Return the short lines with no sentence punctuation that no neighbour
    translates, and why.

    A line in both languages (`Hot topics 热点话题`) is its own translation, so no
    neighbour's: between paragraphs it is a sidebar or a caption's alt text.
    """
    paragraphs = story.paragraphs
    marked = {index for index, paragraph in enumerate(paragraphs) if paragraph.clutter}
    found: dict[int, str] = {}
    for _, group in groupby(range(len(paragraphs)), lambda i: paragraphs[i].lines):
        line = list(group)
        if any(
            index in marked or not _is_short_heading(paragraphs[index])
            for index in line
        ):
            continue
        if len(line) > 1:
            found |= dict.fromkeys(line, MIXED)
        elif not any(
            story.is_partner(line[0], other, marked, suspect=False)
            for other in story.neighbours(line[0], line[0], marked)
        ):
            found[line[0]] = ALT_TEXT
    return found


def _is_short_heading(paragraph: Paragraph) -> bool:
    return (
        paragraph.kind == "heading"
        and len(paragraph.lines) == 1
        and len(paragraph.text) <= _MAX_CHARS
    )


class _Story:
    """The story's paragraphs, each measured once, and which could translate which.

    Paragraphs are named by their index; `skip` holds those no longer in the
    running (clutter already), `leave` one to pass over.
    """

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        # Latin letters of English, Han characters of Chinese: what a length
        # ratio compares.
        self.sizes = [
            len((LATIN_RE if p.language == EN else HAN_RE).findall(p.text))
            for p in paragraphs
        ]
        self.sentences = [ends_sentence(paragraph.text) for paragraph in paragraphs]
        self._quantities: dict[int, list] = {}

    def neighbour(self, index: int, step: int, skip, leave: int = -1) -> int | None:
        """Return the nearest paragraph from `index` towards `step` (-1 or 1),
        within reach, that may be a translation.

        A piece of a line holding both languages never is: its partner is on
        its line.
        """
        end = min(max(index + step * (_REACH + 1), -1), len(self.paragraphs))
        return next(
            (
                other
                for other in range(index + step, end, step)
                if other not in skip
                and other != leave
                and not self.paragraphs[other].is_split
            ),
            None,
        )

    def neighbours(self, first: int, last: int, skip, leave: int = -1) -> list[int]:
        """Return the nearest paragraph before `first` and after `last`."""
        found = (
            self.neighbour(first, -1, skip, leave),
            self.neighbour(last, 1, skip, leave),
        )
        return [index for index in found if index is not None]

    def translates(self, one: int, other: int) -> bool:
        """Return whether two paragraphs could translate each other: other
        languages, both sentences or neither, and lengths in proportion."""
        if (
            self.paragraphs[one].language == self.paragraphs[other].language
            or self.sentences[one] != self.sentences[other]
        ):
            return False
        letters, han = self._sizes(one, other)
        return 0 < _RATIO_LOW * letters <= han <= _RATIO_HIGH * letters and (
            # Two short lines say little; a number on one side only tells
            # `Erqi Square at dusk` from `英语听力音频（3）`.
            self.sentences[one] or self.numbers_agree(one, other)
        )

    def numbers_agree(self, one: int, other: int, *, stated: bool = False) -> bool:
        """Return whether two paragraphs' numbers agree as the translation checks
        read them (with `stated`, at least one number must be there to agree)."""
        english, chinese = (
            (one, other) if self.paragraphs[one].language == EN else (other, one)
        )
        found_en, found_zh = self.quantities(english), self.quantities(chinese)
        if stated and not (found_en and found_zh):
            return False
        found = compare_quantities(found_en, found_zh)
        return all(finding.severity == "info" for finding in found)

    def quantities(self, index: int) -> list:
        """Return a paragraph's numbers and dates, read once however often asked."""
        if index not in self._quantities:
            paragraph = self.paragraphs[index]
            read = (
                english_quantities if paragraph.language == EN else chinese_quantities
            )
            self._quantities[index] = read(paragraph.text)
        return self._quantities[index]

    def misfit(self, one: int, other: int) -> float:
        """Return how far the length ratio of two paragraphs that translate each
        other is from a typical translation's (0: typical)."""
        letters, han = self._sizes(one, other)
        return abs(math.log(han / letters / _TYPICAL_RATIO))

    def is_partner(self, index: int, other: int, skip, *, suspect: bool) -> bool:
        """Return whether `other`, a neighbour of `index`, reads as its
        translation: it translates it, and no rival near `other` translates
        `other` as well (for a `suspect` line, at all) while being free of a
        better partner of its own.

        `记得点个在看` and `A CITY BEFORE CITIES` could translate each other, but
        not when `城市之前的城市` is next to the heading.
        """
        return self.translates(index, other) and not any(
            self.translates(other, rival)
            and (suspect or self.misfit(other, rival) <= self.misfit(index, other))
            and not self._taken(rival, other, skip)
            for rival in self.neighbours(other, other, skip, index)
        )

    def _taken(self, rival: int, other: int, skip) -> bool:
        """Return whether `rival` has a better partner than `other` beyond it."""
        beyond = self.neighbour(rival, 1 if rival > other else -1, skip, other)
        return (
            beyond is not None
            and self.translates(rival, beyond)
            and self.misfit(rival, beyond) < self.misfit(rival, other)
        )

    def _sizes(self, one: int, other: int) -> tuple[int, int]:
        """Return the English one's Latin letters and the Chinese one's Han."""
        if self.paragraphs[one].language == EN:
            return self.sizes[one], self.sizes[other]
        return self.sizes[other], self.sizes[one]
