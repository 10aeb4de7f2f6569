"""`import_article DIR_OR_FILES…`: many files, each on its own, never twice."""

import json
import shutil
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Block, ImportedFile

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "import_samples"


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_article", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), error.returncode
    return out.getvalue(), err.getvalue(), 0


@pytest.fixture
def desk(tmp_path):
    """A folder as a desk leaves it: samples, a Word file, a bad file, other files."""
    folder = tmp_path / "desk"
    shutil.copytree(SAMPLES, folder / "week1")
    document = docx.Document()
    for line in (SAMPLES / "hard_wrapped.txt").read_text().splitlines():
        document.add_paragraph(line.replace("Zhengzhou opens", "Luoyang opens"))
    document.save(folder / "week1" / "from_word.docx")
    (folder / "week1" / "notes.md").write_text("not a story")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return folder


def test_a_folder_is_walked_and_each_file_reported(desk):
    out, err, code = run(desk)

    assert code == 1
    assert Article.objects.count() == 7
    assert "broken.txt: refused: the file looks like a binary file" in err
    created = [line for line in out.splitlines() if ": created " in line]
    assert len(created) == 7
    assert any(
        "from_word.docx: created luoyang-opens-new-metro-line" in line
        for line in created
    )
    assert "notes.md" not in out + err
    assert "8 files: 7 created, 0 already imported, 0 parsed, 1 refused." in err


def test_one_bad_file_changes_nothing_of_its_own_and_stops_nothing(tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(SAMPLES / "zh_first_no_separator.txt", good)
    too_long = tmp_path / "too_long.txt"
    too_long.write_text(
        "A paragraph in English for the readers.\n一段写给读者的中文。\n"
        "来源:" + "W" * 130 + "\n"
    )
    english_only = tmp_path / "english.txt"
    english_only.write_text("Only English here.\nAnd more English.\n")

    out, err, code = run(too_long, english_only, good)

    assert code == 1
    assert "too_long.txt: refused: " in err and "at most 120 fit" in err
    assert "english.txt: refused: no Chinese text found" in err
    article = Article.objects.get()
    assert article.title_en == "Solar terms in Zhengzhou"
    assert Block.objects.filter(article=article).count() == 5
    assert ImportedFile.objects.get().name == "good.txt"


def test_importing_the_same_files_again_creates_nothing(desk):
    run(desk)
    slugs = set(Article.objects.values_list("slug", flat=True))

    out, err, code = run(desk / "week1")

    assert code == 0
    assert Article.objects.count() == 7
    assert set(Article.objects.values_list("slug", flat=True)) == slugs
    already = [line for line in out.splitlines() if "already imported as" in line]
    assert len(already) == 7
    assert "7 files: 0 created, 7 already imported, 0 parsed, 0 refused." in out


def test_the_same_text_in_another_encoding_or_name_is_the_same_file(tmp_path):
    text = (SAMPLES / "ascii_punctuation.txt").read_text()
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))

    out, _, code = run(tmp_path)

    assert code == 0
    assert Article.objects.count() == 1
    assert "b.txt: already imported as night-markets-return" in out


def test_a_single_file_imported_twice_is_refused_the_second_time(tmp_path):
    path = tmp_path / "story.txt"
    shutil.copy(SAMPLES / "alternating_one_line.txt", path)
    run(path)

    _, err, code = run(path)

    assert code == 1
    assert "already imported as “spring-in-the-city”" in err
    assert Article.objects.count() == 1


def test_dry_run_of_a_folder_writes_nothing_and_reports_as_json(desk):
    out, _, code = run(desk, "--dry-run", "--format", "json")

    reports = {Path(r["path"]).name: r for r in json.loads(out)}
    assert code == 1
    assert reports["hard_wrapped.txt"]["status"] == "parsed"
    assert reports["hard_wrapped.txt"]["pairs"] == 2
    assert reports["broken.txt"]["status"] == "refused"
    assert Article.objects.count() == 0
    assert ImportedFile.objects.count() == 0


def test_dry_run_json_of_one_file_lists_kinds_and_findings():
    out, _, _ = run(
        SAMPLES / "en_first_blank_lines.txt", "--dry-run", "--format", "json"
    )

    data = json.loads(out)
    assert [pair["kind"] for pair in data["pairs"]] == [
        "paragraph",
        "heading",
        "paragraph",
        "quote",
    ]
    assert {"line": 7, "kind": "heading", "message": "read as a heading"}.items() <= (
        next(f for f in data["findings"] if f["kind"] == "heading").items()
    )
    assert all(0 <= pair["confidence"] <= 1 for pair in data["pairs"])
