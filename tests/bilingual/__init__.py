"""Tests of bilingual/, the pure-Python parser and translation checks."""
