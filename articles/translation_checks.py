"""Check that an English paragraph and its Chinese translation agree on the facts.

Stdlib only, so it can be tested and fuzzed without Django. Inputs are plain text.
"""

import math
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Severity = Literal["error", "warning", "info"]

KINDS = (
    "missing_side",
    "wrong_language",
    "number_mismatch",
    "number_missing",
    "date_mismatch",
    "name_missing",
    "length_ratio",
    "glossary",
)

# Typical adult silent-reading speeds: about 230 English words and about 300
# Chinese characters a minute.
ENGLISH_WORDS_PER_MINUTE = 230
CHINESE_CHARACTERS_PER_MINUTE = 300

# A pair whose length ratio is more than this factor away from the article's
# median ratio has probably lost or gained a sentence.
RATIO_FACTOR = 2.0
MIN_PAIRS_FOR_RATIO = 4


@dataclass(frozen=True, slots=True)
class Span:
    """A slice of the checked string."""

    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, int | str]:
        """Return the span as JSON-ready data."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a pair."""

    severity: Severity
    kind: str
    message: str
    en_span: Span | None
    zh_span: Span | None

    def as_dict(self) -> dict[str, object]:
        """Return the finding as JSON-ready data."""
        return {
            "severity": self.severity,
            "kind": self.kind,
            "message": self.message,
            "en_span": self.en_span.as_dict() if self.en_span else None,
            "zh_span": self.zh_span.as_dict() if self.zh_span else None,
        }


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """The house rendering of an English name in Simplified Chinese."""

    en: str
    zh_hans: str


@dataclass(frozen=True, slots=True)
class Counts:
    """Lengths and reading times of a pair."""

    english_words: int
    chinese_characters: int
    english_minutes: int
    chinese_minutes: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number, percentage, ordinal or date found in text.

    `quantum` is the step of the last written digit (10000 for 112万), so that
    a rounded rendering can be told from a wrong one. `weak` marks a zero or one
    written in words, which is usually idiom ("one of", "第一方阵") not a fact.
    Dates are encoded as month * 100 + day and times as hour * 100 + minute.
    """

    value: Decimal
    span: Span
    kind: str
    approx: str | None = None
    quantum: Decimal = Decimal(1)
    weak: bool = False


_HAN_CHARS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_HAN_RE = re.compile(f"[{_HAN_CHARS}]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
_ENGLISH_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[.,'’-][A-Za-z0-9]+)*")
_WIDE_TO_ASCII = str.maketrans("０１２３４５６７８９％．：", "0123456789%.:")

_CURRENCIES = frozenset({"RMB", "CNY", "USD", "US", "HK", "HKD", "EUR", "GBP", "JPY"})
_UNITS = frozenset(
    {"km", "kg", "kW", "kWh", "MW", "MWh", "GW", "GWh", "mm", "cm", "m", "g", "mg"}
    | {"t", "h", "mph", "ha", "mAh", "GB", "TB", "MB", "ml", "L", "sec", "min"}
)
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_PERIOD_CODE_RE = re.compile(r"[QH][1-4]")

_DATE_KINDS = frozenset(
    {"year", "day", "month", "date", "time", "clock", "quarter", "quarters", "half"}
)
_CLASS = {
    "number": "plain",
    "ordinal": "plain",
    "year": "plain",
    "day": "plain",
    "percent": "percent",
    "month": "date",
    "date": "date",
    "time": "time",
    "clock": "time",
    "quarter": "quarter",
    "quarters": "quarters",
    "half": "half",
}


class _Claims:
    """Collect quantities while keeping the spans they cover from being reread."""

    def __init__(self, original: str, normalised: str) -> None:
        self.original = original
        self.text = normalised
        self.taken = bytearray(len(normalised))
        self.found: list[Quantity] = []

    def free(self, start: int, end: int) -> bool:
        """Return whether no quantity covers any of the slice yet."""
        return not any(self.taken[start:end])

    def claim(self, start: int, end: int) -> bool:
        """Reserve the slice, returning False if part of it was already taken."""
        if not self.free(start, end):
            return False
        self.taken[start:end] = b"\x01" * (end - start)
        return True

    def add(
        self,
        start: int,
        end: int,
        kind: str,
        value: Decimal | int,
        *,
        approx: str | None = None,
        quantum: Decimal = Decimal(1),
        weak: bool = False,
    ) -> None:
        """Record a quantity whose slice is already claimed."""
        span = Span(start, end, self.original[start:end])
        self.found.append(Quantity(Decimal(value), span, kind, approx, quantum, weak))

    def result(self) -> list[Quantity]:
        """Return the quantities in reading order."""
        return sorted(self.found, key=lambda q: q.span.start)


def _decimal_and_quantum(digits: str) -> tuple[Decimal, Decimal]:
    """Return the value of a written decimal and the step of its last digit."""
    digits = digits.replace(",", "")
    places = len(digits.partition(".")[2])
    return Decimal(digits), Decimal(1).scaleb(-places)


def _in_latin_token(text: str, start: int, end: int) -> bool:
    """Return whether the digits at start:end belong to a name such as 3D or G20."""
    before = re.search(r"([A-Za-z]+)(-?)$", text[max(0, start - 16) : start])
    if before:
        word, hyphen = before.groups()
        is_currency = word.upper() in _CURRENCIES and not hyphen
        if not is_currency and not (hyphen and word.islower()):
            return True
    after = re.match(r"[A-Za-z]+", text[end : end + 8])
    if not after:
        return False
    letters = after.group()
    return letters not in _UNITS and letters.lower() not in _ORDINAL_SUFFIXES | {"bn"}


# English -------------------------------------------------------------------

_EN_SMALL = {
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
_EN_CARDINALS = _EN_SMALL | _EN_TENS
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
    sorted([*_EN_SMALL, *_EN_TENS, *_EN_SCALES, *_EN_ORDINALS], key=len, reverse=True)
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
_MONTHS = {
    word: value
    for value, word in enumerate(
        "January February March April May June July August September October"
        " November December".split(),
        start=1,
    )
}
_MONTH_ABBREVIATIONS = {
    word[:4] if word.startswith("Sept") else word[:3]: value
    for word, value in _MONTHS.items()
    if word != "May"
} | {"Sep": 9}
_MONTH = "|".join([*_MONTHS, *_MONTH_ABBREVIATIONS])
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\b"
_YEAR = r"(?:,?\s+(?P<year>[0-9]{4})\b)?"
_EN_DATE_RES = (
    re.compile(rf"\b(?P<month>{_MONTH})\b\.?\s+{_DAY}{_YEAR}"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?{_YEAR}"),
    re.compile(rf"\b(?P<month>{_MONTH})\b\.?,?\s+(?P<year>[0-9]{{4}})\b"),
    # "May" alone is far more often the verb than the month.
    re.compile(rf"\b(?P<month>{'|'.join(m for m in _MONTHS if m != 'May')})\b"),
)
_EN_DAY_RANGE_RE = re.compile(
    r"\s*(?:-|–|—|to|and)\s*(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9]|[.,][0-9]|\s*%)"
)
_EN_TIME_RE = re.compile(
    r"(?<![0-9:.])(?P<hour>[0-9]{1,2})(?::(?P<minute>[0-5][0-9]))?\s*"
    r"(?P<half>[ap])\.?\s?m\b\.?",
    re.IGNORECASE,
)
_CLOCK_RE = re.compile(
    r"(?<![0-9:.])(?P<hour>[01]?[0-9]|2[0-3]):(?P<minute>[0-5][0-9])(?![0-9])"
)
_EN_OCLOCK_RE = re.compile(
    rf"\b(?P<hour>[0-9]{{1,2}}|{'|'.join(_EN_SMALL)})\s+o['’]clock\b", re.IGNORECASE
)
_EN_NOON_RE = re.compile(r"\b(?:12\s+)?(?P<word>noon|midday|midnight)\b", re.IGNORECASE)
_EN_QUARTER_RE = re.compile(
    r"\b(?P<which>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b",
    re.IGNORECASE,
)
_EN_QUARTERS_RE = re.compile(
    r"\bfirst\s+(?P<count>two|three|2|3)\s+quarters\b", re.IGNORECASE
)
_EN_HALF_RE = re.compile(r"\b(?P<which>first|second)[\s-]+half\b", re.IGNORECASE)
_PERIOD_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<letter>[QH])(?P<which>[1-4])(?![A-Za-z0-9])"
)
_EN_WHICH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "two": 2, "three": 3}


def _en_which(word: str) -> int:
    """Return the number named by first/1st/two/2."""
    word = word.lower()
    return int(word[0]) if word[0].isdigit() else _EN_WHICH[word]


def _en_approx(text: str, start: int) -> str | None:
    """Return the hedge word ("over", "nearly") right before a number, if any."""
    match = _EN_APPROX_RE.search(text[max(0, start - 30) : start])
    return match.group(1).lower() if match else None


def _en_periods(claims: _Claims) -> None:
    """Find times, dates, quarters and halves in English."""
    text = claims.text
    for match in _EN_TIME_RE.finditer(text):
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if 1 <= hour <= 12 and claims.claim(*match.span()):
            hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
            claims.add(*match.span(), "time", hour * 100 + minute)
    for match in _EN_NOON_RE.finditer(text):
        if claims.claim(*match.span()):
            midnight = match["word"].lower() == "midnight"
            claims.add(*match.span(), "time", 0 if midnight else 1200)
    for match in _EN_OCLOCK_RE.finditer(text):
        word = match["hour"].lower()
        hour = int(word) if word.isdigit() else _EN_SMALL[word]
        if 1 <= hour <= 12 and claims.claim(*match.span()):
            claims.add(*match.span(), "clock", hour * 100)
    _clock_times(claims)
    for pattern in _EN_DATE_RES:
        for match in pattern.finditer(text):
            _en_date(claims, match)
    _periods(claims, _EN_QUARTER_RE, "quarter", _en_which)
    _periods(claims, _EN_QUARTERS_RE, "quarters", _en_which, group="count")
    _periods(claims, _EN_HALF_RE, "half", _en_which)


def _en_date(claims: _Claims, match: re.Match[str]) -> None:
    """Record a month, a day of a month and a year from one English date."""
    groups = match.groupdict()
    month = _MONTHS.get(groups["month"]) or _MONTH_ABBREVIATIONS[groups["month"]]
    day = int(groups["day"]) if groups.get("day") else None
    if (day is not None and not 1 <= day <= 31) or not claims.free(*match.span()):
        return
    if groups.get("year"):
        year_start, year_end = match.span("year")
        claims.claim(year_start, year_end)
        claims.add(year_start, year_end, "year", int(groups["year"]))
        start, end = match.start(), match.start("year")
        end = len(claims.text[start:end].rstrip(" ,")) + start
    else:
        start, end = match.span()
    claims.claim(start, end)
    if day is None:
        claims.add(start, end, "month", month)
    else:
        claims.add(start, end, "date", month * 100 + day)
        if not groups.get("year"):
            _day_range(claims, _EN_DAY_RANGE_RE, end, month)


def _day_range(
    claims: _Claims, pattern: re.Pattern[str], position: int, month: int
) -> None:
    """Record the closing day of a range such as "May 10-12" or 5月10日至12日."""
    match = pattern.match(claims.text, position)
    day = _zh_small(match["day"]) if match else None
    if match and day and 1 <= day <= 31 and claims.claim(*match.span()):
        claims.add(match.start("day"), match.end(), "date", month * 100 + day)


def _periods(
    claims: _Claims,
    pattern: re.Pattern[str],
    kind: str,
    which: Callable[[str], int],
    *,
    group: str = "which",
) -> None:
    """Record every match of a quarter or half-year pattern."""
    for match in pattern.finditer(claims.text):
        if claims.claim(*match.span()):
            claims.add(*match.span(), kind, which(match[group]))


def _clock_times(claims: _Claims) -> None:
    """Record 16:00-style times and Q1/H1-style periods shared by both languages."""
    for match in _CLOCK_RE.finditer(claims.text):
        hour, minute = int(match["hour"]), int(match["minute"])
        if claims.claim(*match.span()):
            kind = "time" if hour == 0 or hour > 12 else "clock"
            claims.add(*match.span(), kind, hour * 100 + minute)
    for match in _PERIOD_RE.finditer(claims.text):
        which = int(match["which"])
        if (match["letter"] == "Q" or which <= 2) and claims.claim(*match.span()):
            kind = "quarter" if match["letter"] == "Q" else "half"
            claims.add(*match.span(), kind, which)


def _en_digit_numbers(claims: _Claims) -> None:
    """Record numbers written with digits, with their scale word or percent sign."""
    text = claims.text
    for match in _EN_DIGITS_RE.finditer(text):
        start, end = match.span()
        if not claims.free(start, end) or _in_latin_token(text, start, end):
            continue
        value, quantum = _decimal_and_quantum(match.group())
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
            elif re.fullmatch(r"1[89][0-9]{2}|2[01][0-9]{2}", match.group()):
                kind = "year"
        if claims.claim(start, end):
            approx = _en_approx(text, start)
            claims.add(start, end, kind, value, approx=approx, quantum=quantum)


def _en_word_numbers(claims: _Claims) -> None:
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


def _en_word_groups(
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
            value = _EN_SMALL[name] if name in _EN_SMALL else _EN_TENS[name]
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


def english_quantities(text: str) -> list[Quantity]:
    """Return the numbers, percentages, ordinals and dates written in English text."""
    claims = _Claims(text, text.translate(_WIDE_TO_ASCII))
    _en_periods(claims)
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
    return claims.result()


# Chinese -------------------------------------------------------------------

_ZH_DIGITS = {char: value for value, char in enumerate("零一二三四五六七八九")}
_ZH_DIGITS |= {"〇": 0, "两": 2}
_ZH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_ZH_DIGIT_CHARS = "".join(_ZH_DIGITS)
_ZH_NUMERAL_CHARS = _ZH_DIGIT_CHARS + "十百千万亿"
_ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_HAN_DECIMAL = rf"[{_ZH_DIGIT_CHARS}十百千]+点[零〇一二三四五六七八九]+"
_ZH_ATOM = rf"{_ARABIC}|{_HAN_DECIMAL}|[{_ZH_NUMERAL_CHARS}]"
_ZH_RUN_RE = re.compile(rf"(?:{_ZH_ATOM})(?:{_ZH_ATOM}|[多余](?=[十百千万亿]))*")
_ZH_TOKEN_RE = re.compile(
    rf"(?P<arabic>{_ARABIC})|(?P<decimal>{_HAN_DECIMAL})|(?P<char>.)", re.DOTALL
)
_ZH_SMALL_NUMBER = rf"[0-9]{{1,2}}|[{_ZH_DIGIT_CHARS}十]{{1,3}}"
_ZH_TIME_RE = re.compile(
    rf"(?P<part>上午|下午|晚上|中午|凌晨|早上|早晨|傍晚|晚间|夜间)?"
    rf"(?<![0-9{_ZH_NUMERAL_CHARS}第.])(?P<hour>{_ZH_SMALL_NUMBER})(?P<mark>点|时)"
    rf"(?:(?P<half>半)|(?P<minute>{_ZH_SMALL_NUMBER})分|(?P<sharp>整|钟))?"
)
_ZH_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_ZH_DAY = r"[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_ZH_RANGE = "(?:至|到|-|–|—|~|～)"
_ZH_DATE_RE = re.compile(
    rf"(?<![0-9{_ZH_NUMERAL_CHARS}])(?:(?P<year>[0-9]{{4}}|[{_ZH_DIGIT_CHARS}]{{4}})年)?"
    rf"(?P<month>{_ZH_MONTH})月(?:(?P<day>{_ZH_DAY})[日号])?"
)
_ZH_DAY_RANGE_RE = re.compile(rf"{_ZH_RANGE}(?P<day>{_ZH_DAY})[日号]")
_ZH_MONTH_RANGE_RE = re.compile(
    rf"(?<![0-9{_ZH_NUMERAL_CHARS}])(?P<month>{_ZH_MONTH}){_ZH_RANGE}(?=(?:{_ZH_MONTH})月)"
)
_ZH_QUARTER_RE = re.compile(r"(?<![前0-9])第?(?P<which>[一二三四1-4])季度|首季度?")
_ZH_QUARTERS_RE = re.compile(r"前(?P<which>[二三2-3])(?:个)?季度")
_ZH_HALF_RE = re.compile(r"(?P<which>[上下])半年")
_ZH_FIVE_YEAR_RE = re.compile(
    r"(?P<plan>十[一二三四五六七八九]|[一二三四五六七八九])五(?=规划|时期|期间)"
)
_ZH_FRACTION_RE = re.compile(
    rf"(?P<whole>[0-9]+|[{_ZH_NUMERAL_CHARS}]+)分之"
    rf"(?P<part>{_ARABIC}|{_HAN_DECIMAL}|[{_ZH_NUMERAL_CHARS}]+)"
)
_ZH_APPROX_BEFORE_RE = re.compile(r"(近|约|超过|超|逾|大约|将近|接近|不到|不足|多达)$")
_ZH_APPROX_AFTER_RE = re.compile(r"(以上|左右|多|余)")
# Measure words and units that make a lone Chinese numeral a count, not idiom
# such as 十足 or 一系列.
_ZH_MEASURES = (
    "个家辆名位款种项次台座条件只人元块角米吨年日天周岁倍所架艘部场届批份张本篇层栋"
    "套股支枚颗株头匹类期轮代级处片段间户组队例亩克斤度强号维线"
)
_ZH_MEASURE_WORDS = ("小时", "分钟", "公里", "千米", "公斤", "千克", "平方", "立方")
_ZH_MEASURE_WORDS += ("公顷", "季度", "美元", "港元", "欧元", "英镑", "星期", "个月")


def _zh_number(run: str) -> tuple[Decimal, Decimal] | None:
    """Return the value of a Chinese numeral and its last digit's step, or None."""
    if len(run) > 1 and all(char in _ZH_DIGITS for char in run):
        return None  # digit by digit (二〇一九) is only used for years
    total = wan = section = Decimal(0)
    pending: Decimal | None = None
    pending_quantum = quantum = Decimal(1)
    last_small = 10**4
    last_unit = 0
    after_zero = used_wan = False
    for token in _ZH_TOKEN_RE.finditer(run):
        text = token.group()
        if token.lastgroup in ("arabic", "decimal") or text in _ZH_DIGITS:
            if pending is not None:
                return None
            if text in ("零", "〇"):
                after_zero = True
                if len(run) == 1:
                    pending = Decimal(0)
                continue
            if token.lastgroup == "arabic":
                pending, pending_quantum = _decimal_and_quantum(text)
            elif token.lastgroup == "decimal":
                whole, _, fraction = text.partition("点")
                parsed = _zh_number(whole)
                if parsed is None:
                    return None
                places = "".join(str(_ZH_DIGITS[char]) for char in fraction)
                pending = parsed[0] + Decimal(f"0.{places}")
                pending_quantum = Decimal(1).scaleb(-len(places))
            else:
                pending, pending_quantum = Decimal(_ZH_DIGITS[text]), Decimal(1)
        elif text in _ZH_SMALL_UNITS:
            unit = _ZH_SMALL_UNITS[text]
            coefficient = (
                pending if pending is not None else (1 if unit == 10 else None)
            )
            if coefficient is None or unit >= last_small:
                return None
            section += coefficient * unit
            quantum = (pending_quantum if pending is not None else 1) * unit
            pending, last_small, last_unit, after_zero = None, unit, unit, False
        elif text in _ZH_BIG_UNITS:
            unit = _ZH_BIG_UNITS[text]
            if pending is None and section == 0 and not (unit == 10**8 and wan):
                return None  # 万 and 亿 need a number before them
            if pending is not None:
                quantum = pending_quantum
            if unit == 10**4:
                if used_wan:
                    return None
                wan, used_wan = (section + (pending or 0)) * unit, True
            else:
                total = (total + wan + section + (pending or 0)) * unit
                wan, used_wan = Decimal(0), False
            quantum *= unit
            section, pending, last_small, last_unit = Decimal(0), None, 10**4, unit
            after_zero = False
    if pending is not None:
        quantum = pending_quantum
        # 两万五 and 三百五 leave the last unit's next place implied.
        if last_unit >= 100 and not after_zero and pending == int(pending) < 10:
            pending *= last_unit // 10
            quantum = Decimal(last_unit // 10)
    return total + wan + section + (pending or 0), quantum


def _zh_small(text: str) -> int | None:
    """Return the integer value of a short numeral such as 12 or 十二."""
    parsed = _zh_number(text)
    if parsed is None or parsed[0] != int(parsed[0]):
        return None
    return int(parsed[0])


def _is_han(text: str, index: int) -> bool:
    """Return whether text[index] exists and is a Han character."""
    return 0 <= index < len(text) and bool(_HAN_RE.match(text[index]))


def _zh_periods(claims: _Claims) -> None:
    """Find times, dates, quarters and halves in Chinese."""
    text = claims.text
    for match in _ZH_TIME_RE.finditer(text):
        _zh_time(claims, match)
    _clock_times(claims)
    for match in _ZH_MONTH_RANGE_RE.finditer(text):
        if claims.claim(*match.span()):
            month = _zh_small(match["month"]) or 0
            claims.add(*match.span("month"), "month", month)
    for match in _ZH_DATE_RE.finditer(text):
        _zh_date(claims, match)
    for match in _ZH_QUARTER_RE.finditer(text):
        if claims.claim(*match.span()):
            which = match["which"] or "1"  # 首季
            claims.add(*match.span(), "quarter", int(_ZH_DIGITS.get(which, which)))
    for match in _ZH_QUARTERS_RE.finditer(text):
        if claims.claim(*match.span()):
            which = match["which"]
            claims.add(*match.span(), "quarters", int(_ZH_DIGITS.get(which, which)))
    for match in _ZH_HALF_RE.finditer(text):
        if claims.claim(*match.span()):
            claims.add(*match.span(), "half", 1 if match["which"] == "上" else 2)


def _zh_time(claims: _Claims, match: re.Match[str]) -> None:
    """Record a Chinese clock time such as 下午4点 or 4点30分."""
    hour = _zh_small(match["hour"])
    minute = _zh_small(match["minute"]) if match["minute"] else 0
    if match["half"]:
        minute = 30
    exact = match["half"] or match["minute"] or match["sharp"]
    arabic = match["hour"].isdigit()
    # Without 上午/下午 a Han numeral before 点 is usually "a bit" or "points"
    # (快一点, 三点建议), so only a stated minute makes it a time.
    if not (match["part"] or exact or (arabic and match["mark"] == "点")):
        if not (arabic and match["mark"] == "时"):
            return
    if hour is None or minute is None or hour > 24 or minute > 59:
        return
    if not claims.claim(*match.span()):
        return
    part = match["part"]
    if part in ("下午", "晚上", "傍晚", "晚间", "夜间") and hour < 12:
        hour += 12
    elif part == "中午" and hour < 11:
        hour += 12
    elif part == "凌晨" and hour == 12:
        hour = 0
    kind = "time" if part or hour > 12 or hour == 0 else "clock"
    claims.add(*match.span(), kind, hour % 24 * 100 + minute)


def _zh_date(claims: _Claims, match: re.Match[str]) -> None:
    """Record the year, month and day of a Chinese date such as 2024年11月13日."""
    month = _zh_small(match["month"])
    day = _zh_small(match["day"]) if match["day"] else None
    if not month or (match["day"] and not (day and 1 <= day <= 31)):
        return
    if not claims.free(*match.span()):
        return
    if match["year"]:
        year = _zh_year(match["year"])
        start, end = match.start("year"), match.end("year") + 1
        claims.claim(start, end)
        claims.add(start, end, "year", year)
    start = match.start("month")
    claims.claim(start, match.end())
    if day is None:
        claims.add(start, match.end(), "month", month)
    else:
        claims.add(start, match.end(), "date", month * 100 + day)
        _day_range(claims, _ZH_DAY_RANGE_RE, match.end(), month)


def _zh_year(digits: str) -> int:
    """Return a four-digit year written in Arabic or one Han digit at a time."""
    if digits.isdigit():
        return int(digits)
    return int("".join(str(_ZH_DIGITS[char]) for char in digits))


def _zh_numbers(claims: _Claims) -> None:
    """Record Chinese numbers, percentages, ordinals, years and days of the month."""
    text = claims.text
    for match in _ZH_FIVE_YEAR_RE.finditer(text):
        if claims.claim(*match.span()):
            claims.add(*match.span("plan"), "ordinal", _zh_small(match["plan"]) or 0)
            claims.add(match.end() - 1, match.end(), "number", 5)
    for match in _ZH_FRACTION_RE.finditer(text):
        if not claims.claim(*match.span()):
            continue
        parsed = _zh_number(match["part"])
        if match["whole"] == "百" and parsed is not None:
            approx = _zh_approx(text, match.start(), match.end())
            value, quantum = parsed
            claims.add(*match.span(), "percent", value, approx=approx, quantum=quantum)
    for match in _ZH_RUN_RE.finditer(text):
        _zh_run(claims, match)


def _zh_approx(text: str, start: int, end: int) -> str | None:
    """Return the hedge (近, 约, 以上, 多) around a Chinese number, if any."""
    before = _ZH_APPROX_BEFORE_RE.search(text[max(0, start - 2) : start])
    after = _ZH_APPROX_AFTER_RE.match(text, end)
    hedge = before or after
    return hedge.group(1) if hedge else None


def _zh_run(claims: _Claims, match: re.Match[str]) -> None:
    """Record one run of Chinese or Arabic numerals if its context makes it a fact."""
    text = claims.text
    start, end = match.span()
    run = match.group()
    if not claims.free(start, end) or _in_latin_token(text, start, end):
        return
    han_only = not re.search("[0-9]", run)
    if text.startswith("年代", end) or (
        han_only
        and (text.endswith(("数", "几"), 0, start) or text.startswith("几", end))
    ):
        return  # decades (90年代) and vague counts (数十, 十几) state no figure
    if han_only and len(run) == 4 and text.startswith("年", end):
        if all(char in _ZH_DIGITS for char in run) and claims.claim(start, end + 1):
            claims.add(start, end + 1, "year", _zh_year(run))
        return
    parsed = _zh_number(run)
    if parsed is None:
        return
    value, quantum = parsed
    approx = _zh_approx(text, start, end) or (
        "多" if re.search("[多余]", run) else None
    )
    after = text[end : end + 8].lstrip("多余")
    kind = "number"
    if after.startswith("%"):
        kind, end = "percent", end + 1
        approx = approx or _zh_approx(text, start, end)
    elif after.startswith("个百分点"):
        kind = "percent"
    elif text.endswith("第", 0, start):
        kind, start = "ordinal", start - 1
    elif re.fullmatch(r"1[89][0-9]{2}|2[01][0-9]{2}", run) or (
        re.fullmatch("[0-9]{4}", run) and after.startswith("年")
    ):
        kind = "year"
        end += after.startswith("年")
    elif after[:1] in ("日", "号") and value == int(value) and 1 <= value <= 31:
        kind = "day"
    elif han_only:
        counted = after.startswith(_ZH_MEASURE_WORDS) or after[:1] in _ZH_MEASURES
        composite = len(run) > 1 and re.search("[十百千万亿]", run)
        alone = not _is_han(text, start - 1) and not _is_han(text, end)
        if run in ("零", "〇") and not alone:
            return
        if not (counted or composite or alone):
            return
    if claims.claim(start, end):
        weak = han_only and value <= 1 and kind != "percent"
        claims.add(start, end, kind, value, approx=approx, quantum=quantum, weak=weak)


def chinese_quantities(text: str) -> list[Quantity]:
    """Return the numbers, percentages, ordinals and dates written in Chinese text."""
    claims = _Claims(text, text.translate(_WIDE_TO_ASCII))
    _zh_periods(claims)
    _zh_numbers(claims)
    return claims.result()


# Comparison ------------------------------------------------------------------

_ZH_LATIN_TOKEN_RE = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
_EN_CODE_RE = re.compile(
    r"(?<![A-Za-z0-9-])(?:[A-Za-z]{1,3}-?[0-9]+[A-Za-z]{0,3}|[0-9]+[A-Za-z]{1,3})"
    r"(?![A-Za-z0-9-])"
)


def _agree(a: Quantity, b: Quantity) -> bool:
    """Return whether two quantities state the same fact."""
    if _CLASS[a.kind] != _CLASS[b.kind]:
        return False
    kinds = {a.kind, b.kind}
    if kinds == {"month", "date"}:
        month, full = (a, b) if a.kind == "month" else (b, a)
        return full.value // 100 == month.value
    if "clock" in kinds:
        return a.value % 1200 == b.value % 1200
    return a.value == b.value


def _rounded(a: Quantity, b: Quantity) -> bool:
    """Return whether one quantity is the other rounded to its written precision."""
    if _CLASS[a.kind] != _CLASS[b.kind] or _CLASS[a.kind] not in ("plain", "percent"):
        return False
    coarse, fine = (a, b) if a.quantum > b.quantum else (b, a)
    if coarse.quantum == fine.quantum:
        return False
    # A bare "1 million" pins down a single digit; reading it as a rounding
    # would also excuse a mistyped 101万.
    if coarse.approx is None and coarse.value < 10 * coarse.quantum:
        return False
    tolerance = coarse.quantum if coarse.approx else coarse.quantum / 2
    return abs(coarse.value - fine.value) <= tolerance


def _is_date(quantity: Quantity) -> bool:
    """Return whether a quantity is part of a date or time."""
    return quantity.kind in _DATE_KINDS


def _first_of_each_date(found: list[Quantity]) -> list[Quantity]:
    """Drop repeated mentions of the same date ("一季度" twice is one fact)."""
    seen: set[tuple[str, Decimal]] = set()
    kept = []
    for quantity in found:
        key = (quantity.kind, quantity.value)
        if _is_date(quantity) and key in seen:
            continue
        seen.add(key)
        kept.append(quantity)
    return kept


def _compare(en_found: list[Quantity], zh_found: list[Quantity]) -> list[Finding]:
    """Match the quantities of both sides and report what does not agree.

    Values are matched as multisets, ignoring order: first exact agreements,
    then roundings (reported as info). What is left on one side only is
    dropped when it is weak (a zero or one in words: "one of", "first time",
    "第一方阵", "另一张") or a repeat of a value the other side does state.
    Within each group of like quantities, equally many leftovers on both sides
    are read as the same facts with different values (a mismatch, an error);
    otherwise each leftover is a one-sided value (a warning).
    """
    en_found, zh_found = _first_of_each_date(en_found), _first_of_each_date(zh_found)
    en_left, zh_left = list(en_found), list(zh_found)
    findings = []
    for matches in (_agree, _rounded):
        for en_q in list(en_left):
            zh_q = next((z for z in zh_left if matches(en_q, z)), None)
            if zh_q is None:
                continue
            en_left.remove(en_q)
            zh_left.remove(zh_q)
            if matches is _rounded:
                message = (
                    f"English has {en_q.span.text} and Chinese has "
                    f"{zh_q.span.text}, which agree only after rounding."
                )
                kind = "date_mismatch" if _is_date(en_q) else "number_mismatch"
                findings.append(Finding("info", kind, message, en_q.span, zh_q.span))
    en_left = [
        q for q in en_left if not q.weak and not any(_agree(q, z) for z in zh_found)
    ]
    zh_left = [
        q for q in zh_left if not q.weak and not any(_agree(e, q) for e in en_found)
    ]

    def group(quantity: Quantity) -> tuple[str, bool]:
        return _CLASS[quantity.kind], _is_date(quantity)

    for key in dict.fromkeys(map(group, en_left + zh_left)):
        en_group = [q for q in en_left if group(q) == key]
        zh_group = [q for q in zh_left if group(q) == key]
        if len(en_group) == len(zh_group):
            for en_q, zh_q in zip(en_group, zh_group, strict=True):
                kind = "date_mismatch" if key[1] else "number_mismatch"
                message = (
                    f"English has {en_q.span.text} but Chinese has {zh_q.span.text}."
                )
                findings.append(Finding("error", kind, message, en_q.span, zh_q.span))
            continue
        kind, noun = (
            ("date_mismatch", "date") if key[1] else ("number_missing", "number")
        )
        for en_q in en_group:
            message = (
                f"English has {en_q.span.text} but Chinese has no matching {noun}."
            )
            findings.append(Finding("warning", kind, message, en_q.span, None))
        for zh_q in zh_group:
            message = (
                f"Chinese has {zh_q.span.text} but English has no matching {noun}."
            )
            findings.append(Finding("warning", kind, message, None, zh_q.span))
    return findings


def _compact(text: str) -> str:
    """Return only the lower-case letters and digits, so "Where Zhengzhou" matches."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _is_unit_or_code(token: str) -> bool:
    """Return whether a Latin token is a unit, ordinal, currency or Q1-style period."""
    letters = re.sub(r"[0-9-]", "", token)
    return (
        letters in _UNITS
        or letters.lower() in _ORDINAL_SUFFIXES
        or letters.upper() in _CURRENCIES
        or bool(_PERIOD_CODE_RE.fullmatch(token))
    )


def _names(en: str, zh: str) -> list[Finding]:
    """Report Latin-script names that only one side writes.

    Every Latin token in the Chinese should appear in the English (an acronym
    may stand for its spelt-out words: NEV, new energy vehicle). In the other
    direction only codes mixing letters and digits (3D, G20, 5G) are checked:
    brands such as BYD or xFusion are normally rendered in characters, which is
    what the glossary checks.
    """
    findings = []
    en_compact = _compact(en)
    en_initials = "".join(word[0] for word in _LATIN_WORD_RE.findall(en)).lower()
    seen = set()
    for match in _ZH_LATIN_TOKEN_RE.finditer(zh):
        token = match.group()
        if token in seen or _is_unit_or_code(token):
            continue
        seen.add(token)
        key = token.lower()
        acronym = token.isupper() and len(token) > 1 and key in en_initials
        if key not in en_compact and not acronym:
            message = f"Chinese has {token} but English does not."
            span = Span(*match.span(), token)
            findings.append(Finding("warning", "name_missing", message, None, span))
    zh_compact = _compact(zh)
    for match in _EN_CODE_RE.finditer(en):
        token = match.group()
        if token in seen or _is_unit_or_code(token) or token.islower():
            continue
        seen.add(token)
        if _compact(token) not in zh_compact:
            message = f"English has {token} but Chinese does not."
            span = Span(*match.span(), token)
            findings.append(Finding("warning", "name_missing", message, span, None))
    return findings


def _term_pattern(term: str) -> re.Pattern[str]:
    """Return a case-sensitive whole-word pattern for a glossary term."""
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])")


def _glossary(en: str, zh: str, glossary: Sequence[GlossaryEntry]) -> list[Finding]:
    """Report glossary terms whose house rendering the Chinese lacks."""
    findings = []
    for entry in glossary:
        match = _term_pattern(entry.en).search(en)
        if match and entry.zh_hans not in zh:
            message = (
                f"English has {entry.en} but Chinese lacks its glossary rendering "
                f"{entry.zh_hans}."
            )
            span = Span(*match.span(), match.group())
            findings.append(Finding("warning", "glossary", message, span, None))
    return findings


def _whole(text: str) -> Span:
    """Return the span of the text without surrounding whitespace."""
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return Span(start, end, text[start:end])


def _sides(en: str, zh: str) -> list[Finding]:
    """Report an empty side or a side written in the wrong language."""
    if not en.strip() and zh.strip():
        message = "English is empty but Chinese has text."
        return [Finding("error", "missing_side", message, None, _whole(zh))]
    if en.strip() and not zh.strip():
        message = "Chinese is empty but English has text."
        return [Finding("error", "missing_side", message, _whole(en), None)]
    findings = []
    # A Chinese paragraph may hold many Latin names (BYD, 3D, Zhongyuan), but
    # each Han character carries about as much as an English word, so it still
    # has more characters than Latin words.
    if len(_HAN_RE.findall(en)) > len(_LATIN_LETTER_RE.findall(en)):
        message = "English is written mostly in Chinese characters."
        findings.append(Finding("error", "wrong_language", message, _whole(en), None))
    if len(_LATIN_WORD_RE.findall(zh)) > 2 * len(_HAN_RE.findall(zh)):
        message = "Chinese has almost no Chinese characters."
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
    findings += _compare(english_quantities(en), chinese_quantities(zh_hans))
    findings += _names(en, zh_hans)
    findings += _glossary(en, zh_hans, glossary)
    if ratio_bounds:
        low, high = ratio_bounds
        ratio = _ratio(en, zh_hans)
        if not low <= ratio <= high:
            message = (
                f"Chinese is {ratio:.2f} times as long as English, outside this "
                f"article's usual {low:.2f} to {high:.2f}."
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


def glossary_variants(
    pairs: Iterable[tuple[str, str]], glossary: Sequence[GlossaryEntry]
) -> dict[str, int]:
    """Count, per inconsistently rendered glossary term, the pairs that deviate."""
    pairs = list(pairs)
    variants: dict[str, int] = {}
    for entry in glossary:
        pattern = _term_pattern(entry.en)
        uses = [entry.zh_hans in zh for en, zh in pairs if pattern.search(en)]
        deviations = uses.count(False)
        if 0 < deviations < len(uses):
            variants[entry.en] = variants.get(entry.en, 0) + deviations
    return variants


def counts(en: str, zh_hans: str) -> Counts:
    """Return the word and character counts and reading times of a pair."""
    words = len(_ENGLISH_WORD_RE.findall(en))
    characters = len(_HAN_RE.findall(zh_hans))
    return Counts(
        english_words=words,
        chinese_characters=characters,
        english_minutes=math.ceil(words / ENGLISH_WORDS_PER_MINUTE),
        chinese_minutes=math.ceil(characters / CHINESE_CHARACTERS_PER_MINUTE),
    )
