"""Pair each English paragraph with its Chinese translation, saying how sure.

`align` chooses the pairs for the whole text at once; here each of its steps
becomes a Pair with a confidence and a reason an editor can read, and a finding.
A paragraph without a partner is kept alone and flagged; one read as page
clutter is kept alone too, flagged by the clutter pass, and never paired.
"""

from __future__ import annotations

from ..messages import clauses, gettext_lazy, joined, ngettext_lazy, pgettext_lazy
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
    values = {
        "english": _lines(english),
        "chinese": _lines(chinese),
        "percent": round(confidence * 100),
        "reason": reason,
    }
    if doubtful:
        message = gettext_lazy(
            "check this pair: paired the English on %(english)s with the Chinese on "
            "%(chinese)s (%(percent)d%% sure: %(reason)s)",
            **values,
        )
    else:
        message = gettext_lazy(
            "paired the English on %(english)s with the Chinese on %(chinese)s "
            "(%(percent)d%% sure: %(reason)s)",
            **values,
        )
    findings.append(Finding(line, message, "paired", is_warning=doubtful))
    for side, other in ((english, chinese), (chinese, english)):
        if len(side) > 1:
            message = gettext_lazy(
                "joined the %(language)s paragraphs on %(lines)s into one: together "
                "they match the %(other)s on %(other_lines)s",
                language=LANGUAGE_NAMES[side[0].language],
                lines=_lines(side),
                other=LANGUAGE_NAMES[other[0].language],
                other_lines=_lines(other),
            )
            findings.append(Finding(side[0].line, message, "paired"))
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


def _support(evidence) -> str:
    """Say what speaks for a pairing: "aligned by length and 2 matching numbers"."""
    support = [gettext_lazy("aligned by length")]
    if count := evidence.numbers_agree:
        support.append(
            ngettext_lazy(
                "%(count)d matching number",
                "%(count)d matching numbers",
                count,
                count=count,
            )
        )
    if count := evidence.names_agree:
        support.append(
            ngettext_lazy(
                "%(count)d matching Latin name",
                "%(count)d matching Latin names",
                count,
                count=count,
            )
        )
    if evidence.quotes > 0:
        support.append(gettext_lazy("a quotation mark opening both"))
    return joined(support)


def _reason(step: Step) -> str:
    """Say in words what the pairing rests on, and what speaks against it."""
    evidence = step.evidence
    assert evidence is not None  # noqa: S101 - only pairs have a reason
    parts = [_support(evidence)]
    if evidence.own_block:
        parts.insert(
            0,
            gettext_lazy("the only English and Chinese paragraphs between blank lines"),
        )
    if step.skipped:
        parts.append(
            gettext_lazy(
                "leaving %(lines)s between them alone", lines=_lines(step.skipped)
            )
        )
    if evidence.length <= -LENGTH_DOUBT:
        parts.append(
            gettext_lazy("but the Chinese is much shorter than a translation is")
        )
    elif evidence.length >= LENGTH_DOUBT:
        parts.append(
            gettext_lazy("but the Chinese is much longer than a translation is")
        )
    if count := evidence.numbers_differ:
        parts.append(
            ngettext_lazy(
                "but %(count)d number does not match",
                "but %(count)d numbers do not match",
                count,
                count=count,
            )
        )
    if evidence.names_missing:
        parts.append(
            gettext_lazy(
                "but only one side writes %(names)s",
                names=joined(list(evidence.names_missing)),
            )
        )
    if evidence.quotes < 0:
        parts.append(gettext_lazy("but only one side opens with a quotation mark"))
    if evidence.kinds_differ:
        parts.append(
            gettext_lazy(
                "but one side reads as a %(one)s, the other as a %(other)s",
                one=_side_kinds(step.english),
                other=_side_kinds(step.chinese),
            )
        )
    if evidence.across_blocks:
        parts.append(gettext_lazy("but across a blank line"))
    return clauses(parts)


def _alone(paragraph: Paragraph, findings: list[Finding]) -> Pair:
    is_english = paragraph.language == EN
    other = LANGUAGE_NAMES[ZH if is_english else EN]
    if paragraph.clutter is None:
        if is_english:
            message = gettext_lazy("this English paragraph has no Chinese translation")
        else:
            message = gettext_lazy("this Chinese paragraph has no English original")
        findings.append(Finding(paragraph.line, message, "unpaired"))
        _note_kind(paragraph.kind, paragraph.line, findings)
    return Pair(
        en=paragraph.text if is_english else "",
        zh_hans="" if is_english else paragraph.text,
        line_en=paragraph.line if is_english else None,
        line_zh_hans=None if is_english else paragraph.line,
        kind=paragraph.kind,
        confidence=_ALONE if paragraph.clutter is None else _CLUTTER,
        reason=paragraph.clutter
        or gettext_lazy("no %(language)s paragraph to pair it with", language=other),
    )


# A pair's kind as a finding names it.
KIND_NAMES = {
    "paragraph": pgettext_lazy("kind", "paragraph"),
    "heading": pgettext_lazy("kind", "heading"),
    "quote": pgettext_lazy("kind", "quote"),
    "caption": pgettext_lazy("kind", "caption"),
}


def _side_kind(side: tuple[Paragraph, ...]) -> str:
    """Return the kind of one side; two joined paragraphs of two kinds are prose."""
    kinds = {paragraph.kind for paragraph in side}
    return kinds.pop() if len(kinds) == 1 else "paragraph"


def _side_kinds(side: tuple[Paragraph, ...]) -> str:
    kinds = [KIND_NAMES[kind] for kind in dict.fromkeys(p.kind for p in side)]
    named = kinds[0]
    for kind in kinds[1:]:
        named = gettext_lazy("%(kinds)s and a %(kind)s", kinds=named, kind=kind)
    return named


def _pair_kind(english: str, chinese: str) -> str:
    if english == chinese:
        return english
    return "caption" if "caption" in (english, chinese) else "paragraph"


def _note_kind(kind: str, line: int, findings: list[Finding]) -> None:
    if kind != "paragraph":
        message = gettext_lazy("read as a %(kind)s", kind=KIND_NAMES[kind])
        findings.append(Finding(line, message, kind, is_warning=False))


def _lines(paragraphs: tuple[Paragraph, ...]) -> str:
    """Return "line 4" or "lines 4 and 5" for the paragraphs' first lines."""
    numbers = [str(paragraph.line) for paragraph in paragraphs]
    return ngettext_lazy(
        "line %(lines)s", "lines %(lines)s", len(numbers), lines=joined(numbers)
    )
