"""Check that an English paragraph and its Chinese translation agree on the facts.

Inputs are plain text. `core` runs the checks; `quantities` finds the numbers
and dates of each side (read by `english_numbers`, `chinese_numbers` and `dates`
into `claims`) and compares them; `names` compares Latin-script names and glossary
renderings; `model` holds the findings and the other plain data.
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
