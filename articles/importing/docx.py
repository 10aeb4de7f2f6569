"""Read a Word (.docx) file as the lines a desk would have pasted.

Each Word paragraph is one line and an empty paragraph a blank line, so the parser
sees the same layout as in a .txt file; table cells are read row by row.

A .docx is a zip of XML files that anyone may upload, so it is measured before
python-docx reads it: a small upload can unpack to a "zip bomb" of XML whose
reading would hold a web worker for minutes. The limits are far above a desk's
story (a few dozen kilobytes of text, a few thousand XML elements).
"""

from __future__ import annotations

import io
import zipfile

import docx
from django.utils.translation import gettext as _
from docx.table import Table
from lxml import etree

from bilingual.parser import ParseError

# All the files in the zip together, as unpacked (photos count too).
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
# XML elements in all the XML files together: python-docx's reading time and
# memory grow with them (about 35 µs per paragraph), not with the bytes.
MAX_XML_ELEMENTS = 100_000
# The text read out of the document: a million characters is a book, not a story.
MAX_TEXT_CHARS = 1_000_000

_CHUNK = 64 * 1024


def _not_docx() -> str:
    return _("the file is not a readable Word (.docx) document")


def _too_big() -> str:
    return _(
        "The Word file unpacks to more than %(limit)d MB, far more than a story "
        "needs. Paste its text instead."
    ) % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)}


def docx_text(data: bytes) -> str:
    """Return the text of a .docx file, one paragraph per line.

    Raise ParseError, saying why, for a file that is not a Word document or is
    bigger than the limits above.
    """
    try:
        _measure(data)
        document = docx.Document(io.BytesIO(data))
    except ParseError:
        raise
    except Exception as error:  # zipfile, lxml and python-docx raise many kinds
        raise ParseError(_not_docx()) from error
    lines: list[str] = []
    length = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            read = [
                paragraph.text
                for row in block.rows
                for cell in row.cells
                for paragraph in cell.paragraphs
            ]
        else:
            read = [block.text]
        length += sum(len(line) + 1 for line in read)
        if length > MAX_TEXT_CHARS:
            raise ParseError(
                _(
                    "The Word file holds more than %(limit)d characters of text, "
                    "far more than a story."
                )
                % {"limit": MAX_TEXT_CHARS}
            )
        lines += read
    return "\n".join(lines)


def _measure(data: bytes) -> None:
    """Refuse a zip that unpacks past MAX_UNPACKED_BYTES or MAX_XML_ELEMENTS.

    The sizes the zip declares are checked first, which costs nothing; then every
    file is unpacked as a stream and its bytes counted as they come, since the
    declared sizes are the uploader's to write. Nothing is kept in memory but the
    XML element being counted.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise ParseError(_too_big())
        stream = _Counted(MAX_UNPACKED_BYTES)
        elements = 0
        for member in members:
            with archive.open(member) as unpacked:
                stream.source = unpacked
                if member.filename.endswith((".xml", ".rels")):
                    elements += _count_elements(stream, MAX_XML_ELEMENTS - elements)
                else:
                    while stream.read(_CHUNK):
                        pass


class _Counted:
    """A readable stream over one zip member at a time, counting the bytes of all."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0
        self.source: io.BufferedIOBase | None = None

    def read(self, size: int = _CHUNK) -> bytes:
        chunk = self.source.read(size if size > 0 else _CHUNK)
        self.count += len(chunk)
        if self.count > self.limit:
            raise ParseError(_too_big())
        return chunk


def _count_elements(stream: _Counted, limit: int) -> int:
    """Return how many XML elements `stream` holds, refusing more than `limit`.

    A streaming parse that forgets each element once counted; lxml refuses
    nesting deeper than 256 and, with `resolve_entities` off, expands no entity.
    """
    count = 0
    for _event, element in etree.iterparse(
        stream, events=("end",), resolve_entities=False, no_network=True
    ):
        count += 1
        if count > limit:
            raise ParseError(
                _(
                    "The Word file has more than %(limit)d XML elements, far more "
                    "than a story needs. Paste its text instead."
                )
                % {"limit": MAX_XML_ELEMENTS}
            )
        element.clear(keep_tail=True)
        while element.getprevious() is not None:
            del element.getparent()[0]
    return count
