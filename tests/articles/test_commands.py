import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Article
from staffcredits.models import CreditRole, StaffMember

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_prints_the_parsed_seed_as_json_and_writes_nothing(
    tmp_path, seed_bytes
):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)

    out, _ = run("import_article", str(path), "--dry-run", "--format", "json")

    data = json.loads(out)
    assert set(data) >= {
        "title",
        "summary",
        "translation_note",
        "pairs",
        "credits",
        "source",
        "publication_lines",
        "warnings",
    }
    assert len(data["pairs"]) == 10
    assert data["pairs"][0]["en"].startswith("Zhengzhou's industrial sector")
    assert data["title"] == {"en": "", "zh-hans": ""}
    assert {"role": "photographer", "names": ["Ma Jian", "Li Xinhua"]}.items() <= (
        data["credits"][0].items()
    )
    assert data["source"] == "WhereZhengzhou"
    assert Article.objects.count() == 0


def test_import_creates_a_draft_and_prints_its_admin_url(tmp_path, seed_bytes):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)

    out, err = run("import_article", str(path))

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert f"/admin/articles/article/{article.pk}/change/" in out
    assert "headline" in err.lower()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"Only English here.\nAnd a second English paragraph.\n", "Chinese"),
        ("只有中文。\n第二段也是中文。\n".encode(), "English"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_is_written(
    tmp_path, content, message
):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        run("import_article", str(path))

    assert Article.objects.count() == 0


def test_a_missing_file_is_reported():
    with pytest.raises(CommandError, match="No such file"):
        run("import_article", "/nonexistent/story.txt")


def test_gb18030_file_is_read_and_the_encoding_reported(tmp_path, seed_bytes):
    path = tmp_path / "gbk.txt"
    path.write_bytes(seed_bytes.decode().encode("gb18030"))

    out, _ = run("import_article", str(path), "--dry-run", "--format", "json")

    data = json.loads(out)
    assert data["encoding"] == "gb18030"
    assert any("GB18030" in warning["message"] for warning in data["warnings"])
    assert data["pairs"][3]["zh-hans"].startswith("在算力之城的蓝图中")


def test_demo_sets_up_a_published_article_and_a_user_per_role_and_can_run_again(
    client,
):
    run("demo", "--no-serve")
    out, _ = run("demo", "--no-serve")

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.title_en and article.title_zh_hans
    assert client.get(article.get_absolute_url()).status_code == 200
    password = out.split("password '")[1].split("'")[0]
    for username in ("editor", "reporter", "texteditor", "arteditor", "curwen"):
        assert username in out
        signed_in = client.post(
            reverse("admin:login"),
            {"username": username, "password": password, "next": "/admin/"},
        )
        assert signed_in.status_code == 302, username
    roles = {
        group.name
        for user in get_user_model().objects.all()
        for group in user.groups.all()
    }
    assert roles == {
        "Managing Editor",
        "Reporter",
        "Text Editor",
        "Proofreader",
        "Art Editor",
        "Voice",
    }
    assert article.created_by.username == "reporter"
    assert list(article.events.values_list("action", flat=True))[:5] == [
        "publish",
        "approve",
        "proofread_zh_hans",
        "proofread_en",
        "submit",
    ]


CREDITED = (
    "The city grew fast last year.\n这座城市去年发展很快。\n"
    "Reporter丨Yang Han\nMusic丨Zhang San\n"
)


def shared_lists():
    return CreditRole.objects.count(), StaffMember.objects.count()


def test_import_adds_people_under_known_roles_and_keeps_unknown_roles_to_resolve(
    tmp_path,
):
    path = tmp_path / "story.txt"
    path.write_text(CREDITED)
    roles = CreditRole.objects.count()

    out, err = run("import_article", str(path))

    article = Article.objects.get()
    assert CreditRole.objects.count() == roles
    assert list(StaffMember.objects.values_list("name_en", flat=True)) == ["Yang Han"]
    assert article.credits_to_resolve == "Music丨Zhang San"
    assert "Credits to resolve" in out and "  Music丨Zhang San" in out
    assert "no credit role is called “Music”" in err


def test_add_roles_adds_the_unknown_roles_and_their_people(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(CREDITED)

    out, _ = run("import_article", str(path), "--add-roles", "--format", "json")

    article = Article.objects.get()
    assert article.credits.get(role__label_en="Music").member.name_en == "Zhang San"
    assert json.loads(out)["credits_to_resolve"] == []


@pytest.mark.parametrize("extra", [[], ["--add-roles"]])
def test_a_dry_run_says_what_it_would_add_and_adds_nothing(tmp_path, extra):
    path = tmp_path / "story.txt"
    path.write_text(CREDITED)
    before = shared_lists()

    out, _ = run("import_article", str(path), "--dry-run", *extra)

    assert shared_lists() == before
    assert "Music丨Zhang San" in out
    assert "new people (added on import): Yang Han" in out
    if extra:
        assert "new people (added on import): Zhang San" in out
    else:
        assert "new role: kept to resolve (--add-roles adds it)" in out
        assert "new people (kept to resolve with the role): Zhang San" in out


def test_a_bulk_import_counts_the_credits_left_to_resolve(tmp_path):
    (tmp_path / "a.txt").write_text(CREDITED)
    (tmp_path / "b.txt").write_text(CREDITED.replace("grew", "grew very"))

    out, _ = run("import_article", str(tmp_path))

    assert out.count("1 credits to resolve") == 2
    assert not CreditRole.objects.filter(label_en="Music").exists()
