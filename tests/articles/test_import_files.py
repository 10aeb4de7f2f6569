"""Word files read by the admin import flow: the text they hold reads like a .txt."""

from pathlib import Path

import docx
import pytest

from articles.importing.docx import docx_text
from articles.importing.files import file_text
from bilingual.parser import ParseError, parse_bytes, parse_text

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "import_samples"


def sample(name):
    return parse_bytes((SAMPLES / name).read_bytes())


def write_docx(path, paragraphs, table_rows=()):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, values in zip(table.rows, table_rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    document.save(path)
    return path.read_bytes()


def test_word_file_reads_like_the_same_text_file(tmp_path):
    lines = (SAMPLES / "en_first_blank_lines.txt").read_text().splitlines()
    data = write_docx(tmp_path / "story.docx", lines)

    text, encoding = file_text("Story.DOCX", data)
    article = parse_text(text, encoding=encoding)

    assert encoding == "docx"
    assert article.pairs == sample("en_first_blank_lines.txt").pairs
    assert article.credits == sample("en_first_blank_lines.txt").credits
    assert not any(f.kind == "encoding" for f in article.findings)


def test_word_table_cells_are_read_row_by_row(tmp_path):
    data = write_docx(
        tmp_path / "table.docx",
        ["Story in a table"],
        [("The city grew fast last year.", "这座城市去年发展很快。")],
    )

    assert docx_text(data).splitlines() == [
        "Story in a table",
        "The city grew fast last year.",
        "这座城市去年发展很快。",
    ]


@pytest.mark.parametrize(
    "data", [b"not a zip at all", b"PK\x03\x04broken", "中文".encode()]
)
def test_a_broken_word_file_is_refused_with_a_reason(data):
    with pytest.raises(ParseError, match="not a readable Word"):
        file_text("story.docx", data)
