"""Turn a file's bytes into text the parser reads, by the kind of file."""

from __future__ import annotations

from bilingual.parser import decode

from .docx import docx_text

IMPORTABLE_SUFFIXES = (".txt", ".docx")


def file_text(name: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding) of a .docx or a UTF-8/GB18030 text file."""
    if name.lower().endswith(".docx"):
        return docx_text(data), "docx"
    return decode(data)
