"""Names and glossary terms: Latin-script names (BYD, G20, 5G) that only one side
writes, and glossary terms whose house rendering the Chinese lacks.
"""

import re
from collections.abc import Iterable, Sequence

from ..messages import gettext_lazy
from ..scripts import LATIN_WORD_RE
from .claims import CURRENCIES, ORDINAL_SUFFIXES, UNITS
from .model import Finding, GlossaryEntry, Span

_PERIOD_CODE_RE = re.compile(r"[QH][1-4]")
_ZH_LATIN_TOKEN_RE = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
_EN_CODE_RE = re.compile(
    r"(?<![A-Za-z0-9-])(?:[A-Za-z]{1,3}-?[0-9]+[A-Za-z]{0,3}|[0-9]+[A-Za-z]{1,3})"
    r"(?![A-Za-z0-9-])"
)


def _compact(text: str) -> str:
    """Return only the lower-case letters and digits, so "Where Zhengzhou" matches."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _is_unit_or_code(token: str) -> bool:
    """Return whether a Latin token is a unit, ordinal, currency or Q1-style period."""
    letters = re.sub(r"[0-9-]", "", token)
    return (
        letters in UNITS
        or letters.lower() in ORDINAL_SUFFIXES
        or letters.upper() in CURRENCIES
        or bool(_PERIOD_CODE_RE.fullmatch(token))
    )


def name_findings(en: str, zh: str) -> list[Finding]:
    """Report Latin-script names that only one side writes.

    Every Latin token in the Chinese should appear in the English (an acronym
    may stand for its spelt-out words: NEV, new energy vehicle). In the other
    direction only codes mixing letters and digits (3D, G20, 5G) are checked:
    brands such as BYD or xFusion are normally rendered in characters, which is
    what the glossary checks.
    """
    findings = []
    en_compact = _compact(en)
    en_initials = "".join(word[0] for word in LATIN_WORD_RE.findall(en)).lower()
    seen = set()
    for match in _ZH_LATIN_TOKEN_RE.finditer(zh):
        token = match.group()
        if token in seen or _is_unit_or_code(token):
            continue
        seen.add(token)
        key = token.lower()
        acronym = token.isupper() and len(token) > 1 and key in en_initials
        if key not in en_compact and not acronym:
            message = gettext_lazy(
                "Chinese has %(name)s but English does not.", name=token
            )
            span = Span(*match.span(), token)
            findings.append(Finding("warning", "name_missing", message, None, span))
    zh_compact = _compact(zh)
    for match in _EN_CODE_RE.finditer(en):
        token = match.group()
        if token in seen or _is_unit_or_code(token) or token.islower():
            continue
        seen.add(token)
        if _compact(token) not in zh_compact:
            message = gettext_lazy(
                "English has %(name)s but Chinese does not.", name=token
            )
            span = Span(*match.span(), token)
            findings.append(Finding("warning", "name_missing", message, span, None))
    return findings


def _term_pattern(term: str) -> re.Pattern[str]:
    """Return a case-sensitive whole-word pattern for a glossary term."""
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])")


def glossary_findings(
    en: str, zh: str, glossary: Sequence[GlossaryEntry]
) -> list[Finding]:
    """Report glossary terms whose house rendering the Chinese lacks."""
    findings = []
    for entry in glossary:
        match = _term_pattern(entry.en).search(en)
        if match and entry.zh_hans not in zh:
            message = gettext_lazy(
                "English has %(term)s but Chinese lacks its glossary rendering "
                "%(rendering)s.",
                term=entry.en,
                rendering=entry.zh_hans,
            )
            span = Span(*match.span(), match.group())
            findings.append(Finding("warning", "glossary", message, span, None))
    return findings


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
