"""The plain data the parser hands back: pairs, credits and a finding per decision."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What a pair holds; the builder maps these to Block kinds.
PAIR_KINDS = ("paragraph", "heading", "quote", "caption")


class ParseError(ValueError):
    """Input that cannot be imported at all, at a 1-based line (0 = whole file)."""

    def __init__(self, message: str, line: int = 0) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True, slots=True)
class Finding:
    """One decision the parser made about a source line (0 = the whole file).

    `kind` names the decision (paired, unpaired, junk, credit, heading, title, …);
    warnings are the decisions an editor should look at before saving.
    """

    line: int
    message: str
    kind: str = "warning"
    is_warning: bool = True


@dataclass(frozen=True, slots=True)
class Pair:
    """A paragraph and its translation; a missing side is empty.

    `confidence` (0–1) and `reason` say how sure the pairing is; they describe the
    decision, not the text, so two pairs with the same text compare equal.
    """

    en: str
    zh_hans: str
    line_en: int | None
    line_zh_hans: int | None
    kind: str = "paragraph"
    confidence: float = field(default=1.0, compare=False)
    reason: str = field(default="", compare=False)

    @property
    def lines(self) -> list[int]:
        """Return the source lines this pair was read from, in order."""
        return sorted(line for line in (self.line_en, self.line_zh_hans) if line)


@dataclass(frozen=True, slots=True)
class Person:
    """A credited name with an optional note such as a nationality.

    `other_name` is the same person's name in the other script, when the text
    gives both (a byline in each language: `记者 王晓` / `Reporter Wang Xiao`).
    """

    name: str
    note: str
    other_name: str = ""


@dataclass(frozen=True, slots=True)
class Credit:
    """One credit line: a role and the people who filled it."""

    role: str
    label: str
    people: tuple[Person, ...]
    line: int

    @property
    def names(self) -> list[str]:
        """Return the credited names in order."""
        return [person.name for person in self.people]


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """Everything read from one article file."""

    title: dict[str, str]
    summary: dict[str, str]
    translation_note: dict[str, str]
    pairs: tuple[Pair, ...]
    credits: tuple[Credit, ...]
    source: str
    publication: dict[str, str]
    publication_lines: tuple[str, ...]
    findings: tuple[Finding, ...]
    encoding: str
    # The column tag before 丨 in a title ("Culture丨…"), per language.
    column: dict[str, str] = field(default_factory=dict)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Return the findings an editor should look at, by line."""
        return tuple(finding for finding in self.findings if finding.is_warning)

    def findings_at(self, lines) -> list[Finding]:
        """Return the findings about any of `lines`."""
        wanted = set(lines)
        return [finding for finding in self.findings if finding.line in wanted]

    def as_dict(self) -> dict[str, Any]:
        """Return the article as JSON-ready builtins."""
        return {
            "title": dict(self.title),
            "summary": dict(self.summary),
            "translation_note": dict(self.translation_note),
            "pairs": [
                {
                    "en": pair.en,
                    "zh-hans": pair.zh_hans,
                    "line_en": pair.line_en,
                    "line_zh_hans": pair.line_zh_hans,
                    "kind": pair.kind,
                    "confidence": pair.confidence,
                    "reason": pair.reason,
                }
                for pair in self.pairs
            ],
            "credits": [
                {
                    "role": credit.role,
                    "label": credit.label,
                    "names": credit.names,
                    "people": [
                        {
                            "name": person.name,
                            "note": person.note,
                            "other_name": person.other_name,
                        }
                        for person in credit.people
                    ],
                    "line": credit.line,
                }
                for credit in self.credits
            ],
            "source": self.source,
            "publication": dict(self.publication),
            "publication_lines": list(self.publication_lines),
            "warnings": [
                {"line": finding.line, "message": finding.message}
                for finding in self.warnings
            ],
            "encoding": self.encoding,
            "column": dict(self.column),
            "findings": [
                {
                    "line": finding.line,
                    "kind": finding.kind,
                    "message": finding.message,
                    "is_warning": finding.is_warning,
                }
                for finding in self.findings
            ],
        }
