"""The checks of a pair: each side present and in its language, the same numbers,
dates and names, the glossary's renderings, and a length in line with the rest of
the article; and the reading counts of a pair.
"""

import math
import re
import statistics
from collections.abc import Sequence

from ..messages import gettext_lazy
from ..scripts import HAN_RE, LATIN_RE, LATIN_WORD_RE
from .model import Counts, Finding, GlossaryEntry, Span
from .names import glossary_findings, name_findings
from .quantities import chinese_quantities, compare_quantities, english_quantities

# Typical adult silent-reading speeds: about 230 English words and about 300
# Chinese characters a minute.
ENGLISH_WORDS_PER_MINUTE = 230
CHINESE_CHARACTERS_PER_MINUTE = 300

# A pair whose length ratio is more than this factor away from the article's
# median ratio has probably lost or gained a sentence.
RATIO_FACTOR = 2.0
MIN_PAIRS_FOR_RATIO = 4

_ENGLISH_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[.,'’-][A-Za-z0-9]+)*")


def _whole(text: str) -> Span:
    """Return the span of the text without surrounding whitespace."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return Span(start, end, text[start:end])


def _sides(en: str, zh: str) -> list[Finding]:
    """Report an empty side or a side written in the wrong language."""
    if not en.strip() and zh.strip():
        message = gettext_lazy("English is empty but Chinese has text.")
        return [Finding("error", "missing_side", message, None, _whole(zh))]
    if en.strip() and not zh.strip():
        message = gettext_lazy("Chinese is empty but English has text.")
        return [Finding("error", "missing_side", message, _whole(en), None)]
    findings = []
    # A Chinese paragraph may hold many Latin names (BYD, 3D, Zhongyuan), but
    # each Han character carries about as much as an English word, so it still
    # has more characters than Latin words.
    if len(HAN_RE.findall(en)) > len(LATIN_RE.findall(en)):
        message = gettext_lazy("English is written mostly in Chinese characters.")
        findings.append(Finding("error", "wrong_language", message, _whole(en), None))
    if len(LATIN_WORD_RE.findall(zh)) > 2 * len(HAN_RE.findall(zh)):
        message = gettext_lazy("Chinese has almost no Chinese characters.")
        findings.append(Finding("error", "wrong_language", message, None, _whole(zh)))
    return findings


def _ratio(en: str, zh: str) -> float:
    """Return the Chinese length as a share of the English length."""
    return len(zh.strip()) / len(en.strip())


def check_pair(
    en: str,
    zh_hans: str,
    *,
    glossary: Sequence[GlossaryEntry] = (),
    ratio_bounds: tuple[float, float] | None = None,
) -> list[Finding]:
    """Return the problems found in one English paragraph and its translation."""
    findings = _sides(en, zh_hans)
    if findings or not en.strip():
        return findings
    findings += compare_quantities(english_quantities(en), chinese_quantities(zh_hans))
    findings += name_findings(en, zh_hans)
    findings += glossary_findings(en, zh_hans, glossary)
    if ratio_bounds:
        low, high = ratio_bounds
        ratio = _ratio(en, zh_hans)
        if not low <= ratio <= high:
            message = gettext_lazy(
                "Chinese is %(ratio).2f times as long as English, outside this "
                "article's usual %(low).2f to %(high).2f.",
                ratio=ratio,
                low=low,
                high=high,
            )
            findings.append(Finding("warning", "length_ratio", message, None, None))
    return findings


def check_pairs(
    pairs: Sequence[tuple[str, str]], *, glossary: Sequence[GlossaryEntry] = ()
) -> list[list[Finding]]:
    """Return the problems of each pair, judging length against the article's own."""
    ratios = [_ratio(en, zh) for en, zh in pairs if en.strip() and zh.strip()]
    bounds = None
    if len(ratios) >= MIN_PAIRS_FOR_RATIO:
        median = statistics.median(ratios)
        bounds = (median / RATIO_FACTOR, median * RATIO_FACTOR)
    return [
        check_pair(en, zh, glossary=glossary, ratio_bounds=bounds) for en, zh in pairs
    ]


def counts(en: str, zh_hans: str) -> Counts:
    """Return the word and character counts and reading times of a pair."""
    words = len(_ENGLISH_WORD_RE.findall(en))
    characters = len(HAN_RE.findall(zh_hans))
    return Counts(
        english_words=words,
        chinese_characters=characters,
        english_minutes=math.ceil(words / ENGLISH_WORDS_PER_MINUTE),
        chinese_minutes=math.ceil(characters / CHINESE_CHARACTERS_PER_MINUTE),
    )
