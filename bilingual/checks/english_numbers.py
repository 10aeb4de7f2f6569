"""English numbers: digits with their scale words and percent signs ("1.2 million",
"35%"), numbers spelled out ("twenty-four", "a hundred", "tenth"), "threefold"
and "a decade".
"""

import re
from decimal import Decimal

from .claims import YEAR_RE, Claims, decimal_and_quantum, in_latin_token

EN_SMALL = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen"
        " fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_TENS = {
    word: 10 * value
    for value, word in enumerate(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2
    )
}
_EN_CARDINALS = EN_SMALL | _EN_TENS
_EN_SCALES = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_EN_ORDINALS = {
    word: value
    for value, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh"
        " twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth"
        " nineteenth".split(),
        start=1,
    )
} | {
    word: 10 * value
    for value, word in enumerate(
        "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth"
        " ninetieth hundredth".split(),
        start=2,
    )
}
_EN_NUMBER_WORD = "|".join(
    sorted([*EN_SMALL, *_EN_TENS, *_EN_SCALES, *_EN_ORDINALS], key=len, reverse=True)
)
_EN_WORDS_RE = re.compile(
    rf"\b(?:a\s+(?=(?:hundred|thousand|million|billion|trillion)\b))?"
    rf"(?:{_EN_NUMBER_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_EN_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
_EN_WORD_RE = re.compile(rf"\b(?:{_EN_NUMBER_WORD})\b", re.IGNORECASE)
_EN_FOLD_RE = re.compile(
    rf"\b(?P<count>[0-9]+|{'|'.join(_EN_CARDINALS)})-?fold\b", re.IGNORECASE
)
_EN_DECADE_RE = re.compile(r"\b(?:a\s+)?decade\b", re.IGNORECASE)
_EN_DIGITS_RE = re.compile(
    r"(?<![0-9.,])(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
)
_EN_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_EN_SCALE_RE = re.compile(
    r"\s*-?\s*(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE
)
_EN_PERCENT_RE = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)", re.IGNORECASE
)
_EN_RANGE_TO_PERCENT_RE = re.compile(
    r"\s*(?:-|–|—|to)\s*[0-9][0-9.,]*\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE
)
_EN_APPROX_RE = re.compile(
    r"\b(over|more than|nearly|almost|about|around|approximately|roughly|up to"
    r"|at least|close to|less than|under|above|below|exceeding|upwards of)"
    r"\s+(?:US\$|\$|RMB\s?)?$",
    re.IGNORECASE,
)
_EN_FRACTION_RE = re.compile(
    r"\b[0-9]+/[0-9]+\b|\b(?:a|one|two|three|four|five|six|seven|eight|nine)[\s-]"
    r"(?:half|halves|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?\b",
    re.IGNORECASE,
)


def _en_approx(text: str, start: int) -> str | None:
    """Return the hedge word ("over", "nearly") right before a number, if any."""
    match = _EN_APPROX_RE.search(text[max(0, start - 30) : start])
    return match.group(1).lower() if match else None


def _en_digit_numbers(claims: Claims) -> None:
    """Record numbers written with digits, with their scale word or percent sign."""
    text = claims.text
    for match in _EN_DIGITS_RE.finditer(text):
        start, end = match.span()
        if not claims.free(start, end) or in_latin_token(text, start, end):
            continue
        value, quantum = decimal_and_quantum(match.group())
        kind = "number"
        if suffix := _EN_ORDINAL_SUFFIX_RE.match(text, end):
            kind, end = "ordinal", suffix.end()
        elif text[end : end + 2].lower() == "bn":
            value, quantum, end = value * 10**9, quantum * 10**9, end + 2
        elif scale := _EN_SCALE_RE.match(text, end):
            factor = _EN_SCALES[scale.group(1).lower()]
            value, quantum, end = value * factor, quantum * factor, scale.end()
        if kind == "number":
            if percent := _EN_PERCENT_RE.match(text, end):
                kind, end = "percent", percent.end()
            elif _EN_RANGE_TO_PERCENT_RE.match(text, end):
                kind = "percent"
            elif YEAR_RE.fullmatch(match.group()):
                kind = "year"
        if claims.claim(start, end):
            approx = _en_approx(text, start)
            claims.add(start, end, kind, value, approx=approx, quantum=quantum)


def _en_word_numbers(claims: Claims) -> None:
    """Record numbers spelled out in words, such as "twenty-four" or "tenth"."""
    text = claims.text
    for phrase in _EN_WORDS_RE.finditer(text):
        if not claims.free(*phrase.span()):
            continue
        # No number word starts with "a", so a leading "a" is the article.
        has_article = phrase.group()[0] in "aA"
        words = list(_EN_WORD_RE.finditer(text, phrase.start(), phrase.end()))
        for start, end, value, quantum, ordinal in _en_word_groups(words, has_article):
            before = text[max(0, start - 5) : start]
            if ordinal and value == 2 and re.search(r"\b(?:a|per)\s+$", before):
                continue  # "a second", "per second" are units of time
            kind = "ordinal" if ordinal else "number"
            if not ordinal and (percent := _EN_PERCENT_RE.match(text, end)):
                kind, end = "percent", percent.end()
            if start == words[0].start() and has_article:
                start = phrase.start()
            if claims.claim(start, end):
                claims.add(
                    start,
                    end,
                    kind,
                    value,
                    approx=_en_approx(text, start),
                    quantum=Decimal(quantum),
                    weak=kind != "percent" and value <= 1,
                )


def _en_word_groups(  # noqa: C901 - one branch per kind of number word
    words: list[re.Match[str]], has_article: bool
) -> list[tuple[int, int, int, int, bool]]:
    """Split a run of number words into numbers: (start, end, value, step, ordinal)."""
    groups: list[tuple[int, int, int, int, bool]] = []
    total = current = 0
    quantum = 1
    start = end = -1
    last = ""  # the category of the previous word, to see where a new number starts
    largest = 10**15

    def close(ordinal: bool = False) -> None:
        nonlocal total, current, quantum, start, last, largest
        if start >= 0:
            groups.append((start, end, total + current, quantum, ordinal))
        total, current, quantum, start, last, largest = 0, 0, 1, -1, "", 10**15

    for index, word in enumerate(words):
        name = word.group().lower()
        opening = index == 0 and has_article
        if name in _EN_ORDINALS:
            value = _EN_ORDINALS[name]
            joins = (last == "tens" and value < 10) or (
                last in ("hundred", "scale") and value < 100
            )
            if not joins:
                close()
                start = word.start()
            current, quantum, end = current + value, 1, word.end()
            close(ordinal=True)
        elif name in _EN_SCALES:
            scale = _EN_SCALES[name]
            if scale == 100:
                fits = last in ("unit", "teen")
            else:
                fits = last in ("unit", "teen", "tens", "hundred") and scale < largest
            if not (fits or opening):
                close()
                continue  # a bare "thousand" states no exact number
            if start < 0:
                start = word.start()
            if scale == 100:
                current, quantum, last = (current or 1) * 100, 100, "hundred"
            else:
                total, current = total + (current or 1) * scale, 0
                quantum, last, largest = quantum * scale, "scale", scale
            end = word.end()
        else:
            value = EN_SMALL[name] if name in EN_SMALL else _EN_TENS[name]
            category = "tens" if name in _EN_TENS else "unit" if value < 10 else "teen"
            fits = last in ("", "hundred", "scale") or (
                category == "unit" and last == "tens"
            )
            if not fits or (value == 0 and last):
                close()
            if start < 0:
                start = word.start()
            current, quantum, last, end = current + value, 1, category, word.end()
    close()
    return groups


def en_numbers(claims: Claims) -> None:
    """Record the numbers, ordinals, percentages and years written in English.

    Dates and times are read first (`dates.en_periods`), so their digits are taken.

    Fractions ("two-thirds", 3/4) are claimed but not recorded, so their parts
    are not read as numbers of their own.
    """
    for fraction in _EN_FRACTION_RE.finditer(claims.text):
        claims.claim(*fraction.span())
    for fold in _EN_FOLD_RE.finditer(claims.text):
        count = fold["count"].lower()
        value = int(count) if count.isdigit() else _EN_CARDINALS[count]
        if claims.claim(*fold.span()):
            claims.add(*fold.span(), "number", value)
    for decade in _EN_DECADE_RE.finditer(claims.text):
        # Weak: "over the past decade" need not be rendered as 十年.
        if claims.claim(*decade.span()):
            claims.add(*decade.span(), "number", 10, weak=True)
    _en_digit_numbers(claims)
    _en_word_numbers(claims)
