"""Pair each English paragraph with its Chinese translation, saying how sure.

Two layouts: pairs set apart by blank lines (each block holds one English and one
Chinese paragraph, in either order), or a plain sequence where the first change of
language fixes the order for the whole text. A paragraph without a partner is kept
alone and flagged; it is never merged into a neighbour.
"""

from __future__ import annotations

from itertools import groupby, pairwise

from ..scripts import HAN_RE, LATIN_RE
from .lines import Paragraph
from .model import Finding, Pair
from .text import EN, LANGUAGE_NAMES, ZH

# Blocks holding exactly one paragraph per language, as a share of all blocks.
_BLOCK_LAYOUT_SHARE = 0.6
_IN_BLOCK = (1.0, "the only English and Chinese paragraphs between blank lines")
_IN_SEQUENCE = (0.9, "the next paragraph, in the other language")
_ALONE = 0.3
# Han characters per Latin letter in a translation; far outside is suspicious.
_MIN_LETTERS_TO_COMPARE = 60
_RATIO_LOW, _RATIO_HIGH = 0.1, 1.0
_LENGTH_PENALTY = 0.5
_KIND_PENALTY = 0.6
_DOUBT = 0.6


def pair(paragraphs: list[Paragraph]) -> tuple[tuple[Pair, ...], list[Finding]]:
    """Return the pairs in order and a finding for each pairing decision."""
    story = [paragraph for paragraph in paragraphs if not paragraph.clutter]
    first = next(
        (a.language for a, b in pairwise(story) if a.language != b.language), EN
    )
    blocks = [list(group) for _, group in groupby(paragraphs, lambda p: p.block)]
    by_block = sum(_is_pair_block(block) for block in blocks) >= max(
        1, _BLOCK_LAYOUT_SHARE * len(blocks)
    )
    pairs: list[Pair] = []
    findings: list[Finding] = []
    for block in blocks if by_block else [paragraphs]:
        if by_block and _is_pair_block(block):
            pairs.append(_make_pair(block[0], block[1], findings, *_IN_BLOCK))
        else:
            pairs += _pair_in_sequence(block, first, findings)
    return tuple(pairs), findings


def _is_pair_block(block: list[Paragraph]) -> bool:
    return (
        len(block) == 2
        and block[0].language != block[1].language
        and not (block[0].clutter or block[1].clutter)
    )


def _pair_in_sequence(
    paragraphs: list[Paragraph], first: str, findings: list[Finding]
) -> list[Pair]:
    pairs: list[Pair] = []
    index = 0
    while index < len(paragraphs):
        current = paragraphs[index]
        following = paragraphs[index + 1 : index + 2]
        if (
            current.language == first
            and following
            and following[0].language != first
            and not (current.clutter or following[0].clutter)
        ):
            pairs.append(_make_pair(current, following[0], findings, *_IN_SEQUENCE))
            index += 2
            continue
        pairs.append(_alone(current, findings))
        index += 1
    return pairs


def _make_pair(
    one: Paragraph, other: Paragraph, findings: list[Finding], base: float, why: str
) -> Pair:
    english, chinese = (one, other) if one.language == EN else (other, one)
    confidence, reasons = base, [why]
    letters = len(LATIN_RE.findall(english.text))
    if letters >= _MIN_LETTERS_TO_COMPARE:
        ratio = len(HAN_RE.findall(chinese.text)) / letters
        if not _RATIO_LOW <= ratio <= _RATIO_HIGH:
            confidence *= _LENGTH_PENALTY
            size = "shorter" if ratio < _RATIO_LOW else "longer"
            reasons.append(f"but the Chinese is much {size} than a translation is")
    if english.kind != chinese.kind and "caption" not in (english.kind, chinese.kind):
        confidence *= _KIND_PENALTY
        reasons.append(
            f"but one side reads as a {english.kind}, the other as a {chinese.kind}"
        )
    confidence = round(confidence, 2)
    reason = ", ".join(reasons)
    kind = _pair_kind(english.kind, chinese.kind)
    doubtful = confidence < _DOUBT
    findings.append(
        Finding(
            one.line,
            f"{'check this pair: ' if doubtful else ''}paired the English on line "
            f"{english.line} with the Chinese on line {chinese.line} "
            f"({confidence:.0%} sure: {reason})",
            "paired",
            is_warning=doubtful,
        )
    )
    _note_kind(kind, one.line, findings)
    return Pair(
        en=english.text,
        zh_hans=chinese.text,
        line_en=english.line,
        line_zh_hans=chinese.line,
        kind=kind,
        confidence=confidence,
        reason=reason,
    )


def _alone(paragraph: Paragraph, findings: list[Finding]) -> Pair:
    if paragraph.language == EN:
        message = "this English paragraph has no Chinese translation"
    else:
        message = "this Chinese paragraph has no English original"
    findings.append(Finding(paragraph.line, message, "unpaired"))
    _note_kind(paragraph.kind, paragraph.line, findings)
    other = LANGUAGE_NAMES[ZH if paragraph.language == EN else EN]
    is_english = paragraph.language == EN
    return Pair(
        en=paragraph.text if is_english else "",
        zh_hans="" if is_english else paragraph.text,
        line_en=paragraph.line if is_english else None,
        line_zh_hans=None if is_english else paragraph.line,
        kind=paragraph.kind,
        confidence=_ALONE,
        reason=f"no {other} paragraph next to it",
    )


def _pair_kind(english: str, chinese: str) -> str:
    if english == chinese:
        return english
    return "caption" if "caption" in (english, chinese) else "paragraph"


def _note_kind(kind: str, line: int, findings: list[Finding]) -> None:
    if kind != "paragraph":
        findings.append(Finding(line, f"read as a {kind}", kind, is_warning=False))
