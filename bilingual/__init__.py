"""Pure-Python tools for bilingual (English + Simplified Chinese) article text.

`parser` reads a desk's raw article file as pairs, credits and findings; `checks`
compares each English paragraph with its translation; `scripts` says which
characters are Han, Latin or Chinese punctuation for both. Nothing here imports
Django, so it can be tested and fuzzed on its own.
"""
