"""Check that an English paragraph and its Chinese translation agree on the facts.

Inputs are plain text. `core` runs the checks; `quantities`, reading with
`english_numbers`, `chinese_numbers` and `dates`, compares numbers and dates;
`names` compares Latin-script names and glossary renderings.
"""

from .core import check_pair, check_pairs, counts
from .model import KINDS, Counts, Finding, GlossaryEntry, Span
from .names import glossary_variants
from .quantities import chinese_quantities, english_quantities

__all__ = [
    "KINDS",
    "Counts",
    "Finding",
    "GlossaryEntry",
    "Span",
    "check_pair",
    "check_pairs",
    "chinese_quantities",
    "counts",
    "english_quantities",
    "glossary_variants",
]
