"""Quantities as they are found: what a number in text is, and the claims that keep
one stretch of text from being read as two quantities. Shared by the English and
Chinese readers of numbers and dates.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from ..scripts import WIDE_TO_ASCII
from .model import Span


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


CURRENCIES = frozenset({"RMB", "CNY", "USD", "US", "HK", "HKD", "EUR", "GBP", "JPY"})
UNITS = frozenset(
    {"km", "kg", "kW", "kWh", "MW", "MWh", "GW", "GWh", "mm", "cm", "m", "g", "mg"}
    | {"t", "h", "mph", "ha", "mAh", "GB", "TB", "MB", "ml", "L", "sec", "min"}
)
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# Four digits that read as a year of the last two centuries or this one.
YEAR_RE = re.compile(r"1[89][0-9]{2}|2[01][0-9]{2}")


class Claims:
    """Collect quantities while keeping the spans they cover from being reread."""

    def __init__(self, original: str) -> None:
        self.original = original
        # Full-width digits read as ASCII; each keeps its place, so spans agree.
        self.text = original.translate(WIDE_TO_ASCII)
        self.taken = bytearray(len(self.text))
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


def decimal_and_quantum(digits: str) -> tuple[Decimal, Decimal]:
    """Return the value of a written decimal and the step of its last digit."""
    digits = digits.replace(",", "")
    places = len(digits.partition(".")[2])
    return Decimal(digits), Decimal(1).scaleb(-places)


def in_latin_token(text: str, start: int, end: int) -> bool:
    """Return whether the digits at start:end belong to a name such as 3D or G20."""
    before = re.search(r"([A-Za-z]+)(-?)$", text[max(0, start - 16) : start])
    if before:
        word, hyphen = before.groups()
        is_currency = word.upper() in CURRENCIES and not hyphen
        if not is_currency and not (hyphen and word.islower()):
            return True
    after = re.match(r"[A-Za-z]+", text[end : end + 8])
    if not after:
        return False
    letters = after.group()
    return letters not in UNITS and letters.lower() not in ORDINAL_SUFFIXES | {"bn"}
