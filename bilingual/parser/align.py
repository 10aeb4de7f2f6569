"""Align the English and Chinese paragraphs of a whole text at once.

Pairing "the next paragraph in the other language" lets one stray line (an
image's alt text, a "follow us" line) shift every later pair. Here the pairing
is chosen for the whole text by dynamic programming, in the spirit of Gale and
Church's length-based sentence alignment, over the one sequence in which both
languages arrive. Each step of the alignment is one of:

- a pair of an English and a Chinese paragraph (either order), with any
  paragraphs between them left alone;
- a pair where one language split a paragraph in two (two paragraphs of one
  language in a row with one of the other);
- a paragraph alone.

A step costs what it has against it, in units of a negative log probability:
a length ratio far from the text's own (Han characters per Latin letter), numbers,
dates and Latin names that one side states and the other does not, a quoted
paragraph with an unquoted one, a heading with a paragraph; agreement lowers the
cost. Blank-line blocks are a hint: a pair alone in its block costs less, a pair
across blocks in a text laid out in pair blocks costs more. The desk's order
(English first or Chinese first) is kept unless the evidence is strong. The
search looks a few paragraphs ahead only, so it takes time in proportion to the
text.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from ..checks import chinese_quantities, english_quantities
from ..checks.claims import UNITS, Quantity
from ..checks.names import name_findings
from ..checks.quantities import compare_quantities
from ..scripts import HAN_RE, LATIN_RE, LATIN_WORD_RE
from .lines import Paragraph
from .text import EN, ZH

# How far ahead a partner is looked for, in paragraphs, and how many paragraphs
# that are not clutter a pair may leave alone between its two sides.
_WINDOW = 8
_MAX_SKIPPED = 3

# Costs of a step, before its evidence. A paragraph left alone costs more than
# the worst-fitting pair of neighbours, so the alignment leaves as few paragraphs
# alone as the order of the text allows, and the evidence chooses which.
_ALONE = 10.0
_SKIPPED = 0.25  # each paragraph left alone inside a pair: nearer partners first
# Two paragraphs of one language with one of the other: a little dearer than
# leaving one alone, so the split is taken only when the lengths call for it.
_SPLIT = _ALONE + 1.5
# In running text a change of order is a rarer explanation than two paragraphs
# left alone. A pair alone in its block shows its order plainly: a cheap change,
# and the text's order is unchanged after it.
_ORDER_CHANGE = 2 * _ALONE + 1.0
_ORDER_CHANGE_IN_BLOCK = 0.5
# The first change of language hints at the desk's order; a first pair in the
# other order needs some evidence for it.
_AGAINST_FIRST_CHANGE = 2.0

# The length model: Chinese length ~ Normal(ratio * English, variance * English),
# mixed with a small share of loose translations so one bad fit is bounded.
_PRIOR_RATIO = 0.3
_PRIOR_VARIANCE = 1.0
_MIN_VARIANCE = 0.5
_LOOSE_SHARE = 0.02
# Neighbours measured to learn the ratio: long enough, and plausibly a pair.
_MIN_LETTERS_TO_LEARN = 40
_PLAUSIBLE_RATIO = (0.1, 1.0)
_MIN_SAMPLES = 3
_CHI2_MEDIAN = 0.455  # median of a squared standard normal
LENGTH_DOUBT = 2.0  # standard deviations from the text's ratio

# Anchors: each agreement lowers the cost, each disagreement raises it (bounded).
_NUMBER_AGREES = 1.0
_NUMBER_DIFFERS = 1.5  # both sides state it, with different values
_NUMBER_MISSING = 0.75  # one side states it
_NUMBER_BOUNDS = (-3.0, 4.0)
_NAME_AGREES = 1.0
_NAME_MISSING = 1.0
_NAME_BOUNDS = (-2.0, 3.0)
_QUOTES_AGREE = 0.5
_QUOTES_DIFFER = 1.0
_QUOTE_MARKS = frozenset('"\u201c\u300c\u300e')
_DIGIT_RE = re.compile(r"\d")
_KINDS_DIFFER = 3.0
_OWN_BLOCK = 1.0
_ACROSS_BLOCKS = 2.0  # scaled by the share of the text laid out in pair blocks

# A pair whose cost is this scale has a confidence of 1/e.
_CONFIDENCE_SCALE = 5.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """What speaks for and against one proposed pair, and its cost."""

    # The Chinese length's distance from the text's ratio, in standard
    # deviations (negative: shorter than a translation is).
    length: float
    numbers_agree: int
    numbers_differ: int
    names_agree: int
    names_missing: tuple[str, ...]
    # 1: both open with a quotation mark; -1: only one does; 0: neither.
    quotes: int
    kinds_differ: bool
    own_block: bool
    across_blocks: bool
    cost: float

    @property
    def confidence(self) -> float:
        """Return how sure the pairing is, 0-1, from its cost."""
        return round(math.exp(-max(self.cost, 0.0) / _CONFIDENCE_SCALE), 2)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the alignment: a pair, or a paragraph alone (one side empty).

    `skipped` are the paragraphs between the pair's sides, each a step of its own.
    """

    english: tuple[Paragraph, ...]
    chinese: tuple[Paragraph, ...]
    evidence: Evidence | None = None
    skipped: tuple[Paragraph, ...] = ()


@dataclass(frozen=True, slots=True)
class _Side:
    """What is measured once per paragraph."""

    size: int  # Latin letters of English, Han characters of Chinese
    quantities: list[Quantity]
    opens_quote: bool
    may_name: bool  # Latin letters in Chinese, digits in English: a name check
    names: frozenset[str]  # Latin words in Chinese, units left out


@dataclass(frozen=True, slots=True)
class _LengthModel:
    ratio: float
    variance: float

    def deviation(self, english: int, chinese: int) -> float:
        """Return how far `chinese` is from the expected length, in deviations."""
        expected = self.ratio * english
        return (chinese - expected) / math.sqrt(self.variance * max(english, 1))


def align(paragraphs: list[Paragraph]) -> list[Step]:
    """Return the cheapest alignment of the paragraphs, as steps in text order."""
    return _Aligner(paragraphs).run()


class _Aligner:
    """The dynamic programme: the cheapest way to align paragraphs[:i], for each
    order the last pair was in, extended one step at a time."""

    # Orders: none yet, English first, Chinese first.
    _ORDERS = (None, EN, ZH)

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.sides = [_side(paragraph) for paragraph in paragraphs]
        self.model = _length_model(paragraphs, self.sides)
        members: dict[int, list[int]] = defaultdict(list)
        for index, paragraph in enumerate(paragraphs):
            if paragraph.clutter is None:
                members[paragraph.block].append(index)
        self.block_members = {block: tuple(found) for block, found in members.items()}
        pair_blocks = sum(self._is_pair_block(found) for found in members.values())
        self.block_share = pair_blocks / len(members) if members else 0.0
        story = [paragraph for paragraph in paragraphs if paragraph.clutter is None]
        self.first_order = next(
            (
                one.language
                for one, other in pairwise(story)
                if one.language != other.language
            ),
            EN,
        )
        self.alone = [0.0 if paragraph.clutter else _ALONE for paragraph in paragraphs]
        size = len(paragraphs) + 1
        self.best = [dict.fromkeys(self._ORDERS, math.inf) for _ in range(size)]
        self.best[0][None] = 0.0
        self.back: list[dict] = [{} for _ in range(size)]

    def _is_pair_block(self, indexes: list[int]) -> bool:
        """Return whether a block holds one paragraph of each language."""
        languages = {self.paragraphs[index].language for index in indexes}
        return len(indexes) == len(languages) == 2

    def run(self) -> list[Step]:
        """Fill the table left to right and read the cheapest path back."""
        count = len(self.paragraphs)
        for start in range(count):
            if all(math.isinf(cost) for cost in self.best[start].values()):
                continue
            self._relax_alone(start)
            if self.paragraphs[start].clutter is None:
                for group, end, skipped in self._candidates(start):
                    self._relax_pair(start, group, end, skipped)
        return self._steps()

    def _relax_alone(self, start: int) -> None:
        for order, cost in self.best[start].items():
            self._offer(start + 1, order, cost + self.alone[start], start, order, None)

    def _candidates(self, start: int):
        """Yield (members of a pair, where it ends, the paragraphs it skips) for
        each pair that can open at `start`."""
        paragraphs = self.paragraphs
        count = len(paragraphs)
        language = paragraphs[start].language
        firsts = [(start,)]
        following = start + 1
        if (
            following < count
            and paragraphs[following].clutter is None
            and paragraphs[following].language == language
        ):
            firsts.append((start, following))
        for first in firsts:
            skipped: list[int] = []
            story_skipped = 0
            for index in range(first[-1] + 1, min(count, start + 1 + _WINDOW)):
                other = paragraphs[index]
                if other.clutter is None and other.language != language:
                    yield (first, (index,)), index + 1, tuple(skipped)
                    after = index + 1
                    if (
                        len(first) == 1
                        and after < count
                        and paragraphs[after].clutter is None
                        and paragraphs[after].language == other.language
                    ):
                        yield (first, (index, after)), after + 1, tuple(skipped)
                skipped.append(index)
                story_skipped += other.clutter is None
                if story_skipped > _MAX_SKIPPED:
                    break

    def _relax_pair(
        self,
        start: int,
        group: tuple[tuple[int, ...], tuple[int, ...]],
        end: int,
        skipped: tuple[int, ...],
    ) -> None:
        evidence = self._evidence(group)
        first, second = group
        split = _SPLIT if len(first) != len(second) else 0.0
        # Clutter costs nothing to leave alone; other paragraphs do.
        story_skipped = sum(self.paragraphs[i].clutter is None for i in skipped)
        base = evidence.cost + split + story_skipped * (_ALONE + _SKIPPED)
        order = self.paragraphs[start].language
        step = (group, evidence, skipped)
        for previous, cost in self.best[start].items():
            if evidence.own_block:
                # Its block shows its order: it neither follows nor sets the text's.
                change = previous is not None and previous != order
                total = cost + base + (_ORDER_CHANGE_IN_BLOCK if change else 0.0)
                self._offer(end, previous, total, start, previous, step)
            else:
                total = cost + base + self._order_cost(previous, order)
                self._offer(end, order, total, start, previous, step)

    def _order_cost(self, previous: str | None, order: str) -> float:
        """Return the cost of a pair in `order` after one in `previous`."""
        if previous is None:
            return 0.0 if order == self.first_order else _AGAINST_FIRST_CHANGE
        return 0.0 if previous == order else _ORDER_CHANGE

    def _offer(
        self,
        end: int,
        order: str | None,
        cost: float,
        start: int,
        previous: str | None,
        step: tuple | None,
    ) -> None:
        """Keep the way to `end` in `order` if it is the cheapest found so far."""
        if cost < self.best[end][order]:
            self.best[end][order] = cost
            self.back[end][order] = (start, previous, step)

    def _evidence(self, group: tuple[tuple[int, ...], tuple[int, ...]]) -> Evidence:
        first, second = group
        if self.paragraphs[first[0]].language == EN:
            english, chinese = first, second
        else:
            english, chinese = second, first
        en_sides = [self.sides[index] for index in english]
        zh_sides = [self.sides[index] for index in chinese]
        length = self.model.deviation(
            sum(side.size for side in en_sides), sum(side.size for side in zh_sides)
        )
        fit = math.erfc(abs(length) / math.sqrt(2))
        cost = -math.log((1 - _LOOSE_SHARE) * fit + _LOOSE_SHARE)
        agree, differ, numbers_cost = _numbers(
            [q for side in en_sides for q in side.quantities],
            [q for side in zh_sides for q in side.quantities],
        )
        names_agree, missing, names_cost = self._names(english, chinese)
        quotes = _quotes(en_sides[0].opens_quote, zh_sides[0].opens_quote)
        kinds_differ = _kinds_differ(
            [self.paragraphs[index].kind for index in english],
            [self.paragraphs[index].kind for index in chinese],
        )
        members = first + second
        blocks = {self.paragraphs[index].block for index in members}
        # Alone in its block: the block's only two paragraphs that are not clutter.
        own_block = self.block_members[self.paragraphs[members[0]].block] == members
        across = len(blocks) > 1
        cost += (
            numbers_cost
            + names_cost
            + (-_QUOTES_AGREE if quotes > 0 else _QUOTES_DIFFER if quotes else 0.0)
            + (_KINDS_DIFFER if kinds_differ else 0.0)
            - (_OWN_BLOCK if own_block else 0.0)
            + (_ACROSS_BLOCKS * self.block_share if across else 0.0)
        )
        return Evidence(
            length=length,
            numbers_agree=agree,
            numbers_differ=differ,
            names_agree=names_agree,
            names_missing=missing,
            quotes=quotes,
            kinds_differ=kinds_differ,
            own_block=own_block,
            across_blocks=across and self.block_share > 0,
            cost=cost,
        )

    def _names(
        self, english: tuple[int, ...], chinese: tuple[int, ...]
    ) -> tuple[int, tuple[str, ...], float]:
        """Return the Latin names both sides write, those only one writes, and
        the cost; the translation checks decide what counts as a name."""
        if not any(self.sides[index].may_name for index in english + chinese):
            return 0, (), 0.0
        en_text = " ".join(self.paragraphs[index].text for index in english)
        zh_text = "".join(self.paragraphs[index].text for index in chinese)
        found = name_findings(en_text, zh_text)
        missing = tuple(
            (finding.zh_span or finding.en_span).text
            for finding in found
            if finding.zh_span or finding.en_span
        )
        in_chinese = set().union(*(self.sides[index].names for index in chinese))
        only_chinese = sum(finding.zh_span is not None for finding in found)
        agree = max(0, len(in_chinese) - only_chinese)
        cost = _bounded(
            len(missing) * _NAME_MISSING - agree * _NAME_AGREES, _NAME_BOUNDS
        )
        return agree, missing, cost

    def _steps(self) -> list[Step]:
        """Follow the back pointers from the cheapest end; return steps in text
        order, a paragraph skipped inside a pair as a step of its own after it."""
        end = len(self.paragraphs)
        order = min(self.best[end], key=self.best[end].__getitem__)
        steps: list[tuple[int, Step]] = []
        while end:
            start, previous, step = self.back[end][order]
            if step is None:
                steps.append((start, self._alone_step(start)))
            else:
                group, evidence, skipped = step
                steps.append((start, self._pair_step(group, evidence, skipped)))
                steps += [(index, self._alone_step(index)) for index in skipped]
            end, order = start, previous
        return [step for _, step in sorted(steps, key=lambda item: item[0])]

    def _alone_step(self, index: int) -> Step:
        side = (self.paragraphs[index],)
        return Step(side, ()) if side[0].language == EN else Step((), side)

    def _pair_step(self, group, evidence: Evidence, skipped: tuple[int, ...]) -> Step:
        first, second = (
            tuple(self.paragraphs[index] for index in members) for members in group
        )
        english, chinese = (
            (first, second) if first[0].language == EN else (second, first)
        )
        return Step(
            english,
            chinese,
            evidence,
            tuple(self.paragraphs[index] for index in skipped),
        )


def _side(paragraph: Paragraph) -> _Side:
    text = paragraph.text
    if paragraph.language == EN:
        return _Side(
            size=len(LATIN_RE.findall(text)),
            quantities=english_quantities(text),
            opens_quote=text[:1] in _QUOTE_MARKS,
            may_name=_DIGIT_RE.search(text) is not None,
            names=frozenset(),
        )
    names = frozenset(word for word in LATIN_WORD_RE.findall(text) if word not in UNITS)
    return _Side(
        size=len(HAN_RE.findall(text)),
        quantities=chinese_quantities(text),
        opens_quote=text[:1] in _QUOTE_MARKS,
        may_name=bool(names),
        names=names,
    )


def _length_model(paragraphs: list[Paragraph], sides: list[_Side]) -> _LengthModel:
    """Learn the text's Han-per-letter ratio and its spread from neighbours in
    different languages that are plausibly pairs; few of them: a prior.

    The median ignores the neighbours that are not pairs, as long as most are.
    """
    story = [
        (paragraph, side)
        for paragraph, side in zip(paragraphs, sides, strict=True)
        if paragraph.clutter is None
    ]
    samples = []
    for (one, one_side), (other, other_side) in pairwise(story):
        if one.language == other.language:
            continue
        english, chinese = (
            (one_side, other_side) if one.language == EN else (other_side, one_side)
        )
        if english.size < _MIN_LETTERS_TO_LEARN:
            continue
        low, high = _PLAUSIBLE_RATIO
        if low <= chinese.size / english.size <= high:
            samples.append((english.size, chinese.size))
    if len(samples) < _MIN_SAMPLES:
        return _LengthModel(_PRIOR_RATIO, _PRIOR_VARIANCE)
    ratio = statistics.median(chinese / english for english, chinese in samples)
    spread = statistics.median(
        (chinese - ratio * english) ** 2 / english for english, chinese in samples
    )
    return _LengthModel(ratio, max(_MIN_VARIANCE, spread / _CHI2_MEDIAN))


def _numbers(
    english: list[Quantity], chinese: list[Quantity]
) -> tuple[int, int, float]:
    """Return how many numbers and dates agree, how many do not, and the cost,
    as the translation checks compare them."""
    if not english and not chinese:
        return 0, 0, 0.0
    found = compare_quantities(english, chinese)
    wrong = sum(finding.severity == "error" for finding in found)
    missing = sum(finding.severity == "warning" for finding in found)
    stated = min(sum(not q.weak for q in english), sum(not q.weak for q in chinese))
    agree = max(0, stated - wrong)
    cost = _bounded(
        wrong * _NUMBER_DIFFERS + missing * _NUMBER_MISSING - agree * _NUMBER_AGREES,
        _NUMBER_BOUNDS,
    )
    return agree, wrong + missing, cost


def _quotes(english: bool, chinese: bool) -> int:
    if english and chinese:
        return 1
    return -1 if english != chinese else 0


def _kinds_differ(english: list[str], chinese: list[str]) -> bool:
    """Return whether the sides read as different kinds; a caption pairs with
    anything, a split side must be of one kind."""
    kinds = set(english) | set(chinese)
    return (
        len(set(english)) > 1
        or len(set(chinese)) > 1
        or (len(kinds) > 1 and "caption" not in kinds)
    )


def _bounded(value: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return min(high, max(low, value))
