"""Pair each English paragraph with its Chinese translation, saying how sure.

`align` chooses the pairs for the whole text at once; here each of its steps
becomes a Pair with a confidence and a reason an editor can read, and a finding.
A paragraph without a partner is kept alone and flagged; one read as page
clutter is kept alone too, flagged by the clutter pass, and never paired.
"""

from __future__ import annotations

from .align import LENGTH_DOUBT, Step, align
from .lines import Paragraph
from .model import Finding, Pair
from .text import EN, LANGUAGE_NAMES, ZH

_ALONE = 0.3
_CLUTTER = 0.1
_DOUBT = 0.6


def pair(paragraphs: list[Paragraph]) -> tuple[tuple[Pair, ...], list[Finding]]:
    """Return the pairs in order and a finding for each pairing decision."""
    pairs: list[Pair] = []
    findings: list[Finding] = []
    for step in align(paragraphs):
        if step.evidence is None:
            (paragraph,) = step.english or step.chinese
            pairs.append(_alone(paragraph, findings))
        else:
            pairs.append(_make_pair(step, findings))
    return tuple(pairs), findings


def _make_pair(step: Step, findings: list[Finding]) -> Pair:
    english, chinese = step.english, step.chinese
    assert step.evidence is not None  # noqa: S101 - only pairs reach here
    confidence = step.evidence.confidence
    reason = _reason(step)
    kind = _pair_kind(_side_kind(english), _side_kind(chinese))
    line = min(english[0].line, chinese[0].line)
    doubtful = confidence < _DOUBT
    findings.append(
        Finding(
            line,
            f"{'check this pair: ' if doubtful else ''}paired the English on "
            f"{_lines(english)} with the Chinese on {_lines(chinese)} "
            f"({confidence:.0%} sure: {reason})",
            "paired",
            is_warning=doubtful,
        )
    )
    for side, other in ((english, chinese), (chinese, english)):
        if len(side) > 1:
            language, other_language = (
                LANGUAGE_NAMES[side[0].language],
                LANGUAGE_NAMES[other[0].language],
            )
            findings.append(
                Finding(
                    side[0].line,
                    f"joined the {language} paragraphs on {_lines(side)} into one: "
                    f"together they match the {other_language} on {_lines(other)}",
                    "paired",
                )
            )
    _note_kind(kind, line, findings)
    return Pair(
        en=" ".join(paragraph.text for paragraph in english),
        zh_hans="".join(paragraph.text for paragraph in chinese),
        line_en=english[0].line,
        line_zh_hans=chinese[0].line,
        kind=kind,
        confidence=confidence,
        reason=reason,
    )


def _reason(step: Step) -> str:
    """Say in words what the pairing rests on, and what speaks against it."""
    evidence = step.evidence
    assert evidence is not None  # noqa: S101 - only pairs have a reason
    support = []
    if evidence.numbers_agree:
        support.append(_count(evidence.numbers_agree, "matching number"))
    if evidence.names_agree:
        support.append(_count(evidence.names_agree, "matching Latin name"))
    if evidence.quotes > 0:
        support.append("a quotation mark opening both")
    parts = [_and(["aligned by length", *support])]
    if evidence.own_block:
        parts.insert(0, "the only English and Chinese paragraphs between blank lines")
    if step.skipped:
        parts.append(f"leaving {_lines(step.skipped)} between them alone")
    if abs(evidence.length) >= LENGTH_DOUBT:
        size = "shorter" if evidence.length < 0 else "longer"
        parts.append(f"but the Chinese is much {size} than a translation is")
    if evidence.numbers_differ:
        count = evidence.numbers_differ
        verb = "does" if count == 1 else "do"
        parts.append(f"but {_count(count, 'number')} {verb} not match")
    if evidence.names_missing:
        parts.append(f"but only one side writes {_and(list(evidence.names_missing))}")
    if evidence.quotes < 0:
        parts.append("but only one side opens with a quotation mark")
    if evidence.kinds_differ:
        parts.append(
            f"but one side reads as a {_side_kinds(step.english)}, "
            f"the other as a {_side_kinds(step.chinese)}"
        )
    if evidence.across_blocks:
        parts.append("but across a blank line")
    return ", ".join(parts)


def _alone(paragraph: Paragraph, findings: list[Finding]) -> Pair:
    is_english = paragraph.language == EN
    other = LANGUAGE_NAMES[ZH if is_english else EN]
    if paragraph.clutter is None:
        if is_english:
            message = "this English paragraph has no Chinese translation"
        else:
            message = "this Chinese paragraph has no English original"
        findings.append(Finding(paragraph.line, message, "unpaired"))
        _note_kind(paragraph.kind, paragraph.line, findings)
    return Pair(
        en=paragraph.text if is_english else "",
        zh_hans="" if is_english else paragraph.text,
        line_en=paragraph.line if is_english else None,
        line_zh_hans=None if is_english else paragraph.line,
        kind=paragraph.kind,
        confidence=_ALONE if paragraph.clutter is None else _CLUTTER,
        reason=paragraph.clutter or f"no {other} paragraph to pair it with",
    )


def _side_kind(side: tuple[Paragraph, ...]) -> str:
    """Return the kind of one side; two joined paragraphs of two kinds are prose."""
    kinds = {paragraph.kind for paragraph in side}
    return kinds.pop() if len(kinds) == 1 else "paragraph"


def _side_kinds(side: tuple[Paragraph, ...]) -> str:
    return " and a ".join(dict.fromkeys(paragraph.kind for paragraph in side))


def _pair_kind(english: str, chinese: str) -> str:
    if english == chinese:
        return english
    return "caption" if "caption" in (english, chinese) else "paragraph"


def _note_kind(kind: str, line: int, findings: list[Finding]) -> None:
    if kind != "paragraph":
        findings.append(Finding(line, f"read as a {kind}", kind, is_warning=False))


def _lines(paragraphs: tuple[Paragraph, ...]) -> str:
    """Return "line 4" or "lines 4 and 5" for the paragraphs' first lines."""
    numbers = [str(paragraph.line) for paragraph in paragraphs]
    return f"line{'s' if len(numbers) > 1 else ''} {_and(numbers)}"


def _and(items: list[str]) -> str:
    """Join "a", "b" and "c" as "a, b and c"."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
