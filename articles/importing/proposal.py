"""The proposed pairs as an editor fixes them on the import page.

A proposal is a list of plain rows (one per pair) that travels in the page's form,
so nothing is kept on the server between clicks. Each edit takes the rows as
posted and returns new rows. Stdlib only, like the parser.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypedDict

from bilingual.parser import PAIR_KINDS, Pair, ParsedArticle

EDITED = "edited by hand"
# Decisions the editor's pairing replaces; the rest still hold after edits.
_PAIRING_KINDS = frozenset({"paired", "unpaired"})


class Row(TypedDict):
    en: str
    zh_hans: str
    kind: str
    line_en: int | None
    line_zh_hans: int | None
    confidence: float | None
    reason: str


def rows_of(parsed: ParsedArticle) -> list[Row]:
    """Return the parser's pairs as rows."""
    return [
        Row(
            en=pair.en,
            zh_hans=pair.zh_hans,
            kind=pair.kind,
            line_en=pair.line_en,
            line_zh_hans=pair.line_zh_hans,
            confidence=pair.confidence,
            reason=pair.reason,
        )
        for pair in parsed.pairs
    ]


def with_rows(parsed: ParsedArticle, rows: list[Row]) -> ParsedArticle:
    """Return `parsed` with its pairs replaced by the editor's rows.

    The parser's pairing findings no longer hold, and the findings about a line
    marked as junk go with it.
    """
    pairs = tuple(
        Pair(
            en=row["en"].strip(),
            zh_hans=row["zh_hans"].strip(),
            line_en=row["line_en"],
            line_zh_hans=row["line_zh_hans"],
            kind=row["kind"] if row["kind"] in PAIR_KINDS else "paragraph",
            confidence=1.0 if row["confidence"] is None else row["confidence"],
            reason=row["reason"],
        )
        for row in rows
        if row["en"].strip() or row["zh_hans"].strip()
    )
    findings = tuple(f for f in parsed.findings if f.kind not in _PAIRING_KINDS)
    return forget_gone_lines(parsed, replace(parsed, pairs=pairs, findings=findings))


def with_title(parsed: ParsedArticle, title: dict[str, str]) -> ParsedArticle:
    """Return `parsed` with the editor's title.

    A title in both languages answers the parser's title warnings, which all say
    that a headline is missing.
    """
    findings = parsed.findings
    if all(text.strip() for text in title.values()):
        findings = tuple(
            f for f in findings if not (f.kind == "title" and f.is_warning)
        )
    return replace(parsed, title=title, findings=findings)


def forget_gone_lines(before: ParsedArticle, after: ParsedArticle) -> ParsedArticle:
    """Return `after` without findings about lines that left every pair and credit.

    A line the parser set aside itself (a title, a prompt it dropped) was in no
    pair or credit before either, and keeps its findings.
    """
    gone = _row_lines(before) - _row_lines(after)
    return replace(
        after, findings=tuple(f for f in after.findings if f.line not in gone)
    )


def _row_lines(parsed: ParsedArticle) -> set[int]:
    """Return the source lines the pairs and credits were read from."""
    return {line for pair in parsed.pairs for line in pair.lines} | {
        credit.line for credit in parsed.credits
    }


def edit(rows: list[Row], action: str, index: int) -> list[Row]:
    """Apply one edit to row `index`; an unknown edit or row changes nothing."""
    function = EDITS.get(action)
    if function is None or not 0 <= index < len(rows):
        return rows
    return function([dict(row) for row in rows], index)


def _swap(rows, index):
    row = rows[index]
    row["en"], row["zh_hans"] = row["zh_hans"], row["en"]
    row["line_en"], row["line_zh_hans"] = row["line_zh_hans"], row["line_en"]
    return _edited(rows, index)


def _merge_next(rows, index):
    if index + 1 >= len(rows):
        return rows
    row, following = rows[index], rows.pop(index + 1)
    row["en"] = _join(row["en"], following["en"], " ")
    row["zh_hans"] = _join(row["zh_hans"], following["zh_hans"], "")
    row["line_en"] = row["line_en"] or following["line_en"]
    row["line_zh_hans"] = row["line_zh_hans"] or following["line_zh_hans"]
    return _edited(rows, index)


def _split(rows, index):
    """Split at the line breaks typed into either side; else part the two sides."""
    row = rows[index]
    english = [part.strip() for part in row["en"].splitlines() if part.strip()]
    chinese = [part.strip() for part in row["zh_hans"].splitlines() if part.strip()]
    if len(english) <= 1 and len(chinese) <= 1:
        if not (english and chinese):
            return rows
        pieces = [(english[0], ""), ("", chinese[0])]
    else:
        count = max(len(english), len(chinese))
        english += [""] * (count - len(english))
        chinese += [""] * (count - len(chinese))
        pieces = list(zip(english, chinese, strict=True))
    # Each side's source line goes with the first piece of that side.
    line_en, line_zh_hans = row["line_en"], row["line_zh_hans"]
    new = []
    for en, zh in pieces:
        new.append(
            {
                **row,
                "en": en,
                "zh_hans": zh,
                "line_en": line_en if en else None,
                "line_zh_hans": line_zh_hans if zh else None,
            }
        )
        line_en, line_zh_hans = (
            (None if en else line_en),
            (None if zh else line_zh_hans),
        )
    rows[index : index + 1] = new
    for number in range(index, index + len(new)):
        _edited(rows, number)
    return rows


def _junk(rows, index):
    del rows[index]
    return rows


def _move_english(rows, index):
    row = rows[index]
    row["zh_hans"] = _join(row["zh_hans"], row["en"], "")
    row["line_zh_hans"] = row["line_zh_hans"] or row["line_en"]
    row["en"], row["line_en"] = "", None
    return _edited(rows, index)


def _move_chinese(rows, index):
    row = rows[index]
    row["en"] = _join(row["en"], row["zh_hans"], " ")
    row["line_en"] = row["line_en"] or row["line_zh_hans"]
    row["zh_hans"], row["line_zh_hans"] = "", None
    return _edited(rows, index)


def _join(first: str, second: str, glue: str) -> str:
    return glue.join(part for part in (first.strip(), second.strip()) if part)


def _edited(rows, index):
    rows[index]["confidence"] = None
    rows[index]["reason"] = EDITED
    return rows


EDITS = {
    "swap": _swap,
    "merge": _merge_next,
    "split": _split,
    "junk": _junk,
    "move-en": _move_english,
    "move-zh": _move_chinese,
}
