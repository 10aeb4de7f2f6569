"""The numbers and dates each side of a pair states, and whether they agree: the
same facts, the same facts rounded, or facts one side gets wrong or leaves out.
"""

from decimal import Decimal

from ..messages import gettext_lazy
from .chinese_numbers import zh_numbers
from .claims import Claims, Quantity
from .dates import en_periods, zh_periods
from .english_numbers import en_numbers
from .model import Finding

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


def english_quantities(text: str) -> list[Quantity]:
    """Return the numbers, percentages, ordinals and dates written in English text."""
    claims = Claims(text)
    en_periods(claims)
    en_numbers(claims)
    return claims.result()


def chinese_quantities(text: str) -> list[Quantity]:
    """Return the numbers, percentages, ordinals and dates written in Chinese text."""
    claims = Claims(text)
    zh_periods(claims)
    zh_numbers(claims)
    return claims.result()


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


def _unmatched(text: str, side: str, *, is_date: bool) -> str:
    """Say that a date or number on one side has no match on the other."""
    if side == "en" and is_date:
        return gettext_lazy(
            "English has %(value)s but Chinese has no matching date.", value=text
        )
    if side == "en":
        return gettext_lazy(
            "English has %(value)s but Chinese has no matching number.", value=text
        )
    if is_date:
        return gettext_lazy(
            "Chinese has %(value)s but English has no matching date.", value=text
        )
    return gettext_lazy(
        "Chinese has %(value)s but English has no matching number.", value=text
    )


def compare_quantities(
    en_found: list[Quantity], zh_found: list[Quantity]
) -> list[Finding]:
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
                message = gettext_lazy(
                    "English has %(english)s and Chinese has %(chinese)s, which "
                    "agree only after rounding.",
                    english=en_q.span.text,
                    chinese=zh_q.span.text,
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
                message = gettext_lazy(
                    "English has %(english)s but Chinese has %(chinese)s.",
                    english=en_q.span.text,
                    chinese=zh_q.span.text,
                )
                findings.append(Finding("error", kind, message, en_q.span, zh_q.span))
            continue
        kind = "date_mismatch" if key[1] else "number_missing"
        for en_q in en_group:
            message = _unmatched(en_q.span.text, "en", is_date=key[1])
            findings.append(Finding("warning", kind, message, en_q.span, None))
        for zh_q in zh_group:
            message = _unmatched(zh_q.span.text, "zh-hans", is_date=key[1])
            findings.append(Finding("warning", kind, message, None, zh_q.span))
    return findings
