"""Read a Word (.docx) file as the lines a desk would have pasted.

Each Word paragraph is one line and an empty paragraph a blank line, so the parser
sees the same layout as in a .txt file; table cells are read row by row.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table

from bilingual.parser import ParseError

# A .docx is a zip: refuse one that would inflate past this (a "zip bomb").
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
_NOT_DOCX = "the file is not a readable Word (.docx) document"


def docx_text(data: bytes) -> str:
    """Return the text of a .docx file, one paragraph per line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ParseError(f"{_NOT_DOCX}: it unpacks to more than 50 MB")
        document = docx.Document(io.BytesIO(data))
    except ParseError:
        raise
    except Exception as error:  # python-docx raises many kinds on a bad file
        raise ParseError(_NOT_DOCX) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += [
                paragraph.text
                for row in block.rows
                for cell in row.cells
                for paragraph in cell.paragraphs
            ]
        else:
            lines.append(block.text)
    return "\n".join(lines)
