"""Hostile Word files: a small upload that unpacks to far too much is refused, unread.

The files are real .docx zips built here: python-docx's own empty document with
its body replaced by many paragraphs.
"""

import io
import struct
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.importing.docx import (
    MAX_TEXT_CHARS,
    MAX_UNPACKED_BYTES,
    MAX_XML_ELEMENTS,
    docx_text,
)
from articles.models import Article

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_import")
STORY = "A line for the paragraph.\n这是一段中文。\n"


def word_file(body: bytes, *, repeat: int = 1) -> bytes:
    """Return a .docx whose body is `body` written `repeat` times, deflated hard."""
    empty = io.BytesIO()
    docx.Document().save(empty)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(empty) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                head, tag, tail = data.partition(b"<w:body>")
                data = head + tag + body * repeat + tail
            target.writestr(member.filename, data)
    return out.getvalue()


def paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def unpacked_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


def declaring(data: bytes, name: str, size: int) -> bytes:
    """Return the zip `data` with `name`'s unpacked size declared as `size`.

    Both records of the size are rewritten: the member's local header and its
    central directory entry.
    """
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        member = archive.getinfo(name)
    struct.pack_into("<I", patched, member.header_offset + 22, size)
    entry = 0
    while (entry := patched.find(b"PK\x01\x02", entry + 1)) != -1:
        length = struct.unpack_from("<H", patched, entry + 28)[0]
        if patched[entry + 46 : entry + 46 + length] == name.encode():
            struct.pack_into("<I", patched, entry + 24, size)
    return bytes(patched)


@pytest.fixture(scope="module")
def zip_bomb():
    """The reported attack: ~45 MB of paragraphs that upload as well under 1 MB."""
    return word_file(paragraph("x"), repeat=1_250_000)


def upload(client, name, data):
    """Upload `data` on the import page and ask for the draft straight away."""
    return client.post(URL, {"file": SimpleUploadedFile(name, data), "create": "1"})


def test_a_zip_bomb_upload_is_refused_with_a_reason_and_nothing_is_created(
    editor_client, zip_bomb
):
    response = upload(editor_client, "story.docx", zip_bomb)

    assert len(zip_bomb) < 300_000 < MAX_UNPACKED_BYTES < unpacked_size(zip_bomb)
    assert response.status_code == 200
    assert "The Word file unpacks to more than 20 MB" in response.content.decode()
    assert Article.objects.count() == 0


def test_import_article_refuses_a_zip_bomb_and_writes_nothing(tmp_path, zip_bomb):
    path = tmp_path / "story.docx"
    path.write_bytes(zip_bomb)

    with pytest.raises(CommandError, match="unpacks to more than 20 MB"):
        call_command("import_article", str(path))

    assert Article.objects.count() == 0


def test_a_zip_bomb_that_declares_small_sizes_is_refused_too(editor_client, zip_bomb):
    lying = declaring(zip_bomb, "word/document.xml", 2_000)

    response = upload(editor_client, "story.docx", lying)

    assert unpacked_size(lying) < MAX_UNPACKED_BYTES
    assert response.status_code == 200
    assert "not a readable Word (.docx) document" in response.content.decode()
    assert Article.objects.count() == 0


def test_a_file_of_too_many_xml_elements_is_refused_before_it_is_read(editor_client):
    # Under a megabyte unpacked, but each element costs python-docx time to read.
    many = word_file(paragraph("x"), repeat=MAX_XML_ELEMENTS // 3 + 1)

    response = upload(editor_client, "story.docx", many)

    assert unpacked_size(many) < MAX_UNPACKED_BYTES // 5
    assert f"more than {MAX_XML_ELEMENTS} XML elements" in response.content.decode()
    assert Article.objects.count() == 0


def test_a_file_holding_more_text_than_a_book_is_refused(editor_client):
    long_text = word_file(paragraph("字" * 50_000), repeat=MAX_TEXT_CHARS // 50_000 + 1)

    response = upload(editor_client, "story.docx", long_text)

    assert unpacked_size(long_text) < MAX_UNPACKED_BYTES
    assert f"more than {MAX_TEXT_CHARS} characters of text" in response.content.decode()
    assert Article.objects.count() == 0


def test_a_story_well_inside_the_limits_is_read():
    story = word_file(b"".join(paragraph(line) for line in STORY.splitlines()) * 200)

    assert docx_text(story).splitlines()[:2] == STORY.splitlines()
