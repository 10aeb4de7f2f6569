"""Page clutter inside the story: lines a web page or WeChat adds that may not be
part of the story, but are not junk beyond doubt.

Such a line stays a paragraph of its own, marked with why (`Paragraph.clutter`),
so the editor sees it in the preview and may keep it, and the pairing never pairs
it. Every rule reads short lines only, with bounded patterns, so none can run long.

A line that looks like clutter but sits next to its translation (`关注民生` beside
`Focus on people's livelihoods`) is story, and is left alone.
"""

from __future__ import annotations

import re

from ..scripts import HAN_RE, LATIN_RE, LETTER_RE, WIDE_TO_ASCII
from .junk import is_issue_line
from .lines import Paragraph, SourceLine
from .model import Finding
from .text import EN, ends_sentence, quote
from .titles import HEADLINE_MAX_CHARS, is_headline

COUNTER = "a line that repeats with only a counter changing"
ALT_TEXT = (
    "a short line with no sentence punctuation and no translation beside it, "
    "like an image's alt text or a sidebar line"
)
ISSUE = "an issue line, numbering the post rather than telling the story"
CALL = "a call to action from the web page"
POINTER = "a pointer to other stories"
TAIL = "a related-links tail after the story: other stories' titles"

_MAX_CHARS = 60
# Han characters per Latin letter that a translation can have, kept wide: the
# lines judged here are short, and short lines vary the most.
_RATIO_LOW, _RATIO_HIGH = 0.08, 2.0

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
_POINTER_WORDS = (
    r"推荐阅读|相关阅读|延伸阅读|扩展阅读|更多阅读|往期回顾|往期推荐|往期精选|往期精彩"
    r"|精彩回顾|精彩推荐|热门推荐|热文推荐|猜你喜欢|相关新闻|相关文章|相关报道"
    r"|related(?: stories| articles| reading| links| news)?"
    r"|recommended(?: reading| stories| for you)?|further reading|more stories"
    r"|you may also like|previous issues|past issues|see also|also read|read more"
)
# The words alone, maybe decorated (`▼往期回顾▼`, `Related 相关阅读`), or before a
# colon and another story's title (`Related: Metro line 3 opens`).
_POINTER_RE = re.compile(
    rf"^[\W_]*(?:{_POINTER_WORDS})(?:[\W_]*(?:{_POINTER_WORDS}))?[\W_]*$"
    rf"|^(?:{_POINTER_WORDS})\s*[:：丨|｜]",
    re.I,
)
_DIGITS_RE = re.compile(r"\d+")


def mark_clutter(paragraphs: list[Paragraph], lines: list[SourceLine]) -> list[Finding]:
    """Mark the paragraphs that read as page clutter; return a finding per line."""
    texts = _line_texts(paragraphs, lines)
    reasons = _tail(texts) | _counters(texts)
    for number, text in texts.items():
        if number not in reasons and (reason := line_reason(text)):
            reasons[number] = reason
    candidates = {
        index: reasons[paragraph.line]
        for index, paragraph in enumerate(paragraphs)
        if all(number in reasons for number in paragraph.lines)
    }
    for index in _translated(paragraphs, candidates):
        del candidates[index]
    for index, reason in candidates.items():
        paragraphs[index].clutter = reason
    for index in _alt_text(paragraphs):
        paragraphs[index].clutter = ALT_TEXT
    findings: dict[int, Finding] = {}
    for paragraph in paragraphs:
        for number in paragraph.lines if paragraph.clutter else ():
            findings[number] = Finding(
                number,
                f"kept {quote(texts[number])} apart: {paragraph.clutter}",
                "clutter",
                is_warning=True,
            )
    return list(findings.values())


def line_reason(text: str) -> str | None:
    """Return why a line alone reads as clutter (an issue line, a call to action,
    a pointer to other stories), or None."""
    if len(text) > _MAX_CHARS:
        return None
    if is_issue_line(text):
        return ISSUE
    if _POINTER_RE.match(text):
        return POINTER
    if _CALL_RE.search(text):
        return CALL
    return None


def _line_texts(paragraphs: list[Paragraph], lines: list[SourceLine]) -> dict[int, str]:
    """Return each paragraph line's text as written, in story order.

    A line holding both languages gives several paragraphs; the rules read it whole.
    """
    written = {line.number: line.text for line in lines}
    return {
        number: written[number]
        for paragraph in paragraphs
        for number in paragraph.lines
    }


def _tail(texts: dict[int, str]) -> dict[int, str]:
    """Return the lines of a related-links tail: from a pointer such as `推荐阅读`
    to the end, when every line there is short and shaped like a title."""
    items = list(texts.items())
    start = len(items)
    while start and _in_tail(items[start - 1][1]):
        start -= 1
    for index in range(start, len(items)):
        if _POINTER_RE.match(items[index][1]):
            return dict.fromkeys((number for number, _ in items[index:]), TAIL)
    return {}


def _in_tail(text: str) -> bool:
    return len(text) <= HEADLINE_MAX_CHARS and bool(
        is_headline(text) or _POINTER_RE.match(text)
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


def _translated(paragraphs: list[Paragraph], candidates: dict[int, str]) -> set[int]:
    """Return the candidates that are story after all: next to their translation.

    The translation must not be a candidate itself (`Scan QR Code` beside
    `扫码关注` is clutter in both languages), except that numbered headings are
    counters in both (`Part 1` beside `第1部分`).
    """
    story = set()
    for index, reason in candidates.items():
        if reason == TAIL:
            continue
        if reason == COUNTER:
            partners = [
                other
                for other in (index - 1, index + 1)
                if candidates.get(other) == COUNTER
                and _numbers(paragraphs[index]) & _numbers(paragraphs[other])
            ]
        else:
            partners = _neighbours(paragraphs, index, candidates)
        if any(_translates(paragraphs[index], paragraphs[other]) for other in partners):
            story.add(index)
    return story


def _alt_text(paragraphs: list[Paragraph]) -> list[int]:
    """Return the short one-line headings that translate neither neighbour."""
    marked = {index for index, p in enumerate(paragraphs) if p.clutter}
    return [
        index
        for index, paragraph in enumerate(paragraphs)
        if index not in marked
        and paragraph.kind == "heading"
        and len(paragraph.lines) == 1
        and len(paragraph.text) <= _MAX_CHARS
        and not any(
            _translates(paragraph, paragraphs[other])
            for other in _neighbours(paragraphs, index, marked)
        )
    ]


def _neighbours(paragraphs: list[Paragraph], index: int, skip) -> list[int]:
    """Return the nearest paragraph before and after `index` that is not in `skip`."""
    before = next((i for i in range(index - 1, -1, -1) if i not in skip), None)
    after = next((i for i in range(index + 1, len(paragraphs)) if i not in skip), None)
    return [i for i in (before, after) if i is not None]


def _translates(one: Paragraph, other: Paragraph) -> bool:
    """Return whether two paragraphs could translate each other: other languages,
    the same kind (heading, paragraph…) and lengths in proportion."""
    if one.language == other.language or one.kind != other.kind:
        return False
    english, chinese = (one, other) if one.language == EN else (other, one)
    letters = len(LATIN_RE.findall(english.text))
    han = len(HAN_RE.findall(chinese.text))
    return _RATIO_LOW * letters <= han <= _RATIO_HIGH * letters


def _numbers(paragraph: Paragraph) -> set[str]:
    return set(_DIGITS_RE.findall(paragraph.text.translate(WIDE_TO_ASCII)))
