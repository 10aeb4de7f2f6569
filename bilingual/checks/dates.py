"""Dates and times in both languages: "May 10-12", "10 May 2024", 2024年5月10日至12日,
4 pm, 下午4点, 16:00, quarters (Q1, 一季度) and halves (H1, 上半年).

A date becomes a year, a month or a date (month * 100 + day); a time becomes
hour * 100 + minute, a "clock" time when it could be morning or afternoon.
"""

import re
from collections.abc import Callable

from .chinese_numbers import (
    ZH_DIGIT_CHARS,
    ZH_DIGITS,
    ZH_NUMERAL_CHARS,
    zh_small,
    zh_year,
)
from .claims import Claims
from .english_numbers import EN_SMALL

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
    rf"\b(?P<hour>[0-9]{{1,2}}|{'|'.join(EN_SMALL)})\s+o['’]clock\b", re.IGNORECASE
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


_ZH_SMALL_NUMBER = rf"[0-9]{{1,2}}|[{ZH_DIGIT_CHARS}十]{{1,3}}"
_ZH_TIME_RE = re.compile(
    rf"(?P<part>上午|下午|晚上|中午|凌晨|早上|早晨|傍晚|晚间|夜间)?"
    rf"(?<![0-9{ZH_NUMERAL_CHARS}第.])(?P<hour>{_ZH_SMALL_NUMBER})(?P<mark>点|时)"
    rf"(?:(?P<half>半)|(?P<minute>{_ZH_SMALL_NUMBER})分|(?P<sharp>整|钟))?"
)
_ZH_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_ZH_DAY = r"[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_ZH_RANGE = "(?:至|到|-|–|—|~|～)"
_ZH_DATE_RE = re.compile(
    rf"(?<![0-9{ZH_NUMERAL_CHARS}])(?:(?P<year>[0-9]{{4}}|[{ZH_DIGIT_CHARS}]{{4}})年)?"
    rf"(?P<month>{_ZH_MONTH})月(?:(?P<day>{_ZH_DAY})[日号])?"
)
_ZH_DAY_RANGE_RE = re.compile(rf"{_ZH_RANGE}(?P<day>{_ZH_DAY})[日号]")
_ZH_MONTH_RANGE_RE = re.compile(
    rf"(?<![0-9{ZH_NUMERAL_CHARS}])(?P<month>{_ZH_MONTH}){_ZH_RANGE}(?=(?:{_ZH_MONTH})月)"
)
_ZH_QUARTER_RE = re.compile(r"(?<![前0-9])第?(?P<which>[一二三四1-4])季度|首季度?")
_ZH_QUARTERS_RE = re.compile(r"前(?P<which>[二三2-3])(?:个)?季度")
_ZH_HALF_RE = re.compile(r"(?P<which>[上下])半年")


def _en_which(word: str) -> int:
    """Return the number named by first/1st/two/2."""
    word = word.lower()
    return int(word[0]) if word[0].isdigit() else _EN_WHICH[word]


def en_periods(claims: Claims) -> None:
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
        hour = int(word) if word.isdigit() else EN_SMALL[word]
        if 1 <= hour <= 12 and claims.claim(*match.span()):
            claims.add(*match.span(), "clock", hour * 100)
    _clock_times(claims)
    for pattern in _EN_DATE_RES:
        for match in pattern.finditer(text):
            _en_date(claims, match)
    _periods(claims, _EN_QUARTER_RE, "quarter", _en_which)
    _periods(claims, _EN_QUARTERS_RE, "quarters", _en_which, group="count")
    _periods(claims, _EN_HALF_RE, "half", _en_which)


def _en_date(claims: Claims, match: re.Match[str]) -> None:
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
    claims: Claims, pattern: re.Pattern[str], position: int, month: int
) -> None:
    """Record the closing day of a range such as "May 10-12" or 5月10日至12日."""
    match = pattern.match(claims.text, position)
    day = zh_small(match["day"]) if match else None
    if match and day and 1 <= day <= 31 and claims.claim(*match.span()):
        claims.add(match.start("day"), match.end(), "date", month * 100 + day)


def _periods(
    claims: Claims,
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


def _clock_times(claims: Claims) -> None:
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


def zh_periods(claims: Claims) -> None:
    """Find times, dates, quarters and halves in Chinese."""
    text = claims.text
    for match in _ZH_TIME_RE.finditer(text):
        _zh_time(claims, match)
    _clock_times(claims)
    for match in _ZH_MONTH_RANGE_RE.finditer(text):
        if claims.claim(*match.span()):
            month = zh_small(match["month"]) or 0
            claims.add(*match.span("month"), "month", month)
    for match in _ZH_DATE_RE.finditer(text):
        _zh_date(claims, match)
    for match in _ZH_QUARTER_RE.finditer(text):
        if claims.claim(*match.span()):
            which = match["which"] or "1"  # 首季
            claims.add(*match.span(), "quarter", int(ZH_DIGITS.get(which, which)))
    for match in _ZH_QUARTERS_RE.finditer(text):
        if claims.claim(*match.span()):
            which = match["which"]
            claims.add(*match.span(), "quarters", int(ZH_DIGITS.get(which, which)))
    for match in _ZH_HALF_RE.finditer(text):
        if claims.claim(*match.span()):
            claims.add(*match.span(), "half", 1 if match["which"] == "上" else 2)


def _zh_time(claims: Claims, match: re.Match[str]) -> None:
    """Record a Chinese clock time such as 下午4点 or 4点30分."""
    hour = zh_small(match["hour"])
    minute = zh_small(match["minute"]) if match["minute"] else 0
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


def _zh_date(claims: Claims, match: re.Match[str]) -> None:
    """Record the year, month and day of a Chinese date such as 2024年11月13日."""
    month = zh_small(match["month"])
    day = zh_small(match["day"]) if match["day"] else None
    if not month or (match["day"] and not (day and 1 <= day <= 31)):
        return
    if not claims.free(*match.span()):
        return
    if match["year"]:
        year = zh_year(match["year"])
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
