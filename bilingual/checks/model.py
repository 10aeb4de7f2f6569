"""The plain data the checks take and give: findings with the spans they point at,
glossary entries and a pair's reading counts.
"""

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

# What a finding is about, one code per check.
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
