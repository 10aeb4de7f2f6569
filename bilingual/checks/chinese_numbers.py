"""Chinese numbers: numerals with 十, 百, 千, 万 and 亿 (两万五, 一百一十二万), Arabic
digits among Chinese, 百分之, percentages, ordinals with 第, years and days.
"""

import re
from decimal import Decimal

from ..scripts import HAN_RE
from .claims import YEAR_RE, Claims, decimal_and_quantum, in_latin_token

ZH_DIGITS = {char: value for value, char in enumerate("零一二三四五六七八九")}
ZH_DIGITS |= {"〇": 0, "两": 2}
_ZH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG_UNITS = {"万": 10**4, "亿": 10**8}
ZH_DIGIT_CHARS = "".join(ZH_DIGITS)
ZH_NUMERAL_CHARS = ZH_DIGIT_CHARS + "十百千万亿"
_ARABIC = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_HAN_DECIMAL = rf"[{ZH_DIGIT_CHARS}十百千]+点[零〇一二三四五六七八九]+"
_ZH_ATOM = rf"{_ARABIC}|{_HAN_DECIMAL}|[{ZH_NUMERAL_CHARS}]"
_ZH_RUN_RE = re.compile(rf"(?:{_ZH_ATOM})(?:{_ZH_ATOM}|[多余](?=[十百千万亿]))*")
_ZH_TOKEN_RE = re.compile(
    rf"(?P<arabic>{_ARABIC})|(?P<decimal>{_HAN_DECIMAL})|(?P<char>.)", re.DOTALL
)


_ZH_FIVE_YEAR_RE = re.compile(
    r"(?P<plan>十[一二三四五六七八九]|[一二三四五六七八九])五(?=规划|时期|期间)"
)
_ZH_FRACTION_RE = re.compile(
    rf"(?P<whole>[0-9]+|[{ZH_NUMERAL_CHARS}]+)分之"
    rf"(?P<part>{_ARABIC}|{_HAN_DECIMAL}|[{ZH_NUMERAL_CHARS}]+)"
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


# One branch per kind of numeral character, read left to right, in one place.
def _zh_number(run: str) -> tuple[Decimal, Decimal] | None:  # noqa: C901 - see above
    """Return the value of a Chinese numeral and its last digit's step, or None."""
    if len(run) > 1 and all(char in ZH_DIGITS for char in run):
        return None  # digit by digit (二〇一九) is only used for years
    total = wan = section = Decimal(0)
    pending: Decimal | None = None
    pending_quantum = quantum = Decimal(1)
    last_small = 10**4
    last_unit = 0
    after_zero = used_wan = False
    for token in _ZH_TOKEN_RE.finditer(run):
        text = token.group()
        if token.lastgroup in ("arabic", "decimal") or text in ZH_DIGITS:
            if pending is not None:
                return None
            if text in ("零", "〇"):
                after_zero = True
                if len(run) == 1:
                    pending = Decimal(0)
                continue
            if token.lastgroup == "arabic":
                pending, pending_quantum = decimal_and_quantum(text)
            elif token.lastgroup == "decimal":
                whole, _, fraction = text.partition("点")
                parsed = _zh_number(whole)
                if parsed is None:
                    return None
                places = "".join(str(ZH_DIGITS[char]) for char in fraction)
                pending = parsed[0] + Decimal(f"0.{places}")
                pending_quantum = Decimal(1).scaleb(-len(places))
            else:
                pending, pending_quantum = Decimal(ZH_DIGITS[text]), Decimal(1)
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


def zh_small(text: str) -> int | None:
    """Return the integer value of a short numeral such as 12 or 十二."""
    parsed = _zh_number(text)
    if parsed is None or parsed[0] != int(parsed[0]):
        return None
    return int(parsed[0])


def _is_han(text: str, index: int) -> bool:
    """Return whether text[index] exists and is a Han character."""
    return 0 <= index < len(text) and bool(HAN_RE.match(text[index]))


def zh_year(digits: str) -> int:
    """Return a four-digit year written in Arabic or one Han digit at a time."""
    if digits.isdigit():
        return int(digits)
    return int("".join(str(ZH_DIGITS[char]) for char in digits))


def zh_numbers(claims: Claims) -> None:
    """Record Chinese numbers, percentages, ordinals, years and days of the month."""
    text = claims.text
    for match in _ZH_FIVE_YEAR_RE.finditer(text):
        if claims.claim(*match.span()):
            claims.add(*match.span("plan"), "ordinal", zh_small(match["plan"]) or 0)
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


# The contexts that make a number a fact, in the order they are tried.
def _zh_run(claims: Claims, match: re.Match[str]) -> None:  # noqa: C901 - see above
    """Record one run of Chinese or Arabic numerals if its context makes it a fact."""
    text = claims.text
    start, end = match.span()
    run = match.group()
    if not claims.free(start, end) or in_latin_token(text, start, end):
        return
    han_only = not re.search("[0-9]", run)
    if text.startswith("年代", end) or (
        han_only
        and (text.endswith(("数", "几"), 0, start) or text.startswith("几", end))
    ):
        return  # decades (90年代) and vague counts (数十, 十几) state no figure
    if han_only and len(run) == 4 and text.startswith("年", end):
        if all(char in ZH_DIGITS for char in run) and claims.claim(start, end + 1):
            claims.add(start, end + 1, "year", zh_year(run))
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
    elif YEAR_RE.fullmatch(run) or (
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
