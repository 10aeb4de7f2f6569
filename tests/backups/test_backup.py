"""Backups: a newsroom comes back whole, and a bad restore changes nothing."""

import io
import json
import shutil
import tarfile
import threading
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from PIL import Image

from articles import services
from articles.media.images import clean_upload, photo_make_renditions
from articles.models import Article, ArticleCredit, Block, Photo
from pagecache.models import SiteState
from staffcredits.models import CreditRole
from tests.factories import (
    PublicationFactory,
    SectionFactory,
    StaffMemberFactory,
    narrate,
    proofread,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg() -> bytes:
    image = Image.new("RGB", (96, 64))
    image.putdata([(x * 2, y * 3, 120) for y in range(64) for x in range(96)])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def build_newsroom(editor) -> Article:
    """A published story with pairs, credits, two revisions, a photo and narration."""
    publication, section = PublicationFactory(), SectionFactory()
    reporter = StaffMemberFactory(name_en="Yang Han", name_zh_hans="杨晗")
    photographer = StaffMemberFactory(name_en="Ma Jian", name_zh_hans="马健")
    photo = Photo(
        image=clean_upload(ContentFile(jpeg(), name="centre.jpg")),
        caption_en="The computing centre",
        caption_zh_hans="算力中心",
        alt_text_en="Server racks under blue light",
        alt_text_zh_hans="蓝光下的服务器机柜",
    )
    photo.save()
    photo.photographers.add(photographer)
    photo_make_renditions(photo)

    article = Article(
        publication=publication,
        section=section,
        slug="computing-power",
        title_en="Zhengzhou's computing power",
        title_zh_hans="郑州的算力",
        summary_en="Industry surges.",
        summary_zh_hans="工业迎来突破。",
        hero_photo=photo,
        created_by=editor,
    )
    services.article_save(article=article, expected_version=1, user=editor)
    services.article_set_blocks(
        article=article,
        blocks=[
            Block(
                text_en="<p>Data shows growth.</p>",
                text_zh_hans="<p>数据显示增长。</p>",
            ),
            Block(kind=Block.Kind.PHOTO, photo=photo),
        ],
    )
    for code, member in [("reporter", reporter), ("photographer", photographer)]:
        # Seeded by a migration, but a transactional test run earlier in the
        # session may have flushed the seed away.
        role = CreditRole.objects.get_or_create(code=code, defaults={"order": 1})[0]
        ArticleCredit.objects.create(article=article, role=role, member=member)
    services.article_record_revision(article=article, user=editor)
    article.title_en = "Zhengzhou's computing power grows"
    services.article_save(
        article=article, expected_version=article.version, user=editor
    )
    services.article_record_revision(article=article, user=editor)
    services.article_submit(article=article, user=editor)
    proofread(article, editor)
    services.article_approve(article=article, user=editor)
    services.article_publish(article=article, user=editor, override_reason="test")
    narrate(article, voice=reporter)
    return article


def database_rows() -> list:
    out = io.StringIO()
    # All but the site's generation, which a restore moves on to retire pages.
    call_command("dumpdata", exclude=["pagecache.sitestate"], stdout=out)
    return json.loads(out.getvalue())


def media_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def wipe(root: Path) -> None:
    """Leave an empty, migrated database and no media, as on a new server."""
    call_command("flush", interactive=False)
    # The row pagecache's migration makes, which flush took away.
    SiteState.objects.create(generation=0)
    shutil.rmtree(root, ignore_errors=True)


def rewrite(archive: Path, change) -> None:
    """Rewrite every member of `archive` through `change(name, data) -> data`."""
    with tarfile.open(archive, "r:gz") as tar:
        members = [
            (member, change(member.name, tar.extractfile(member).read()))
            for member in tar.getmembers()
        ]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def test_a_newsroom_comes_back_whole_from_its_backup(media, tmp_path, editor, client):
    article = build_newsroom(editor)
    rows, files = database_rows(), media_files(media)
    assert {"photos", "narration", "renditions"} <= {
        name.split("/")[0] for name in files
    }
    assert {row["model"] for row in rows} >= {
        "articles.article",
        "articles.block",
        "articles.articlecredit",
        "articles.photo",
        "articles.narration",
        "reversion.revision",
        "reversion.version",
        "auth.user",
    }
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    wipe(media)
    assert not Article.objects.exists()
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "Restored" in out.getvalue()
    assert database_rows() == rows
    assert media_files(media) == files
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "郑州的算力" in page.content.decode()


def test_a_restore_retires_every_page_stored_before_it(media, tmp_path, editor, client):
    article = build_newsroom(editor)
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200  # stored with the article, and backed up
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    article.refresh_from_db()
    article.title_en = "Written after the backup"
    services.article_save(article=article, expected_version=article.version)
    assert "Written after the backup" in client.get(url).content.decode()

    call_command("restore", str(archive), "--force", stdout=io.StringIO())

    assert "Written after the backup" not in client.get(url).content.decode()


def test_restore_refuses_a_database_in_use_unless_forced(media, tmp_path, editor):
    build_newsroom(editor)
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rows = database_rows()
    services.article_save(
        article=Article(publication=PublicationFactory(), slug="written-later"),
        expected_version=1,
    )

    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive))
    assert Article.objects.filter(slug="written-later").exists()

    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert database_rows() == rows


def test_a_damaged_archive_restores_nothing(media, tmp_path, editor):
    build_newsroom(editor)
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rewrite(
        archive,
        lambda name, data: data[:-1] + b"\0" if name.endswith(".mp3") else data,
    )
    wipe(media)

    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(archive))
    assert not Article.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_archive_from_another_schema_is_refused(media, tmp_path, editor):
    build_newsroom(editor)
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    def newer_schema(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"].append(["articles", "0099_from_the_future"])
        return json.dumps(manifest).encode()

    rewrite(archive, newer_schema)
    wipe(media)

    with pytest.raises(CommandError, match=r"\+articles\.0099_from_the_future"):
        call_command("restore", str(archive))
    assert not Article.objects.exists()


def test_a_backup_taken_while_editors_save_restores_one_moment(media, tmp_path):
    publication = PublicationFactory()
    busy, half_written, backed_up, stop = (threading.Event() for _ in range(4))
    failures = []

    def write_story(slug, pause=None):
        with transaction.atomic():
            article = Article(publication=publication, slug=slug, title_en=slug)
            services.article_save(article=article, expected_version=1)
            blocks = [Block(text_en=f"<p>{n}</p>") for n in range(3)]
            services.article_set_blocks(article=article, blocks=blocks[:2])
            if pause:
                pause()
            services.article_set_blocks(article=article, blocks=blocks)

    def steady_editor():
        number = 0
        while not stop.is_set():
            write_story(f"steady-{number}")
            number += 1
            if number == 5:
                busy.set()

    def slow_editor():
        def wait_for_backup():
            half_written.set()
            assert backed_up.wait(timeout=60)

        write_story("half-written", pause=wait_for_backup)

    def run(work):
        try:
            work()
        except Exception as error:  # reported by the test below
            failures.append(error)
        finally:
            connection.close()

    steady = threading.Thread(target=run, args=(steady_editor,))
    slow = threading.Thread(target=run, args=(slow_editor,))
    steady.start()
    assert busy.wait(timeout=30)
    slow.start()
    assert half_written.wait(timeout=30)
    before = Article.objects.count()
    archive = tmp_path / "live.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    backed_up.set()
    stop.set()
    for thread in (steady, slow):
        thread.join(timeout=60)
    assert failures == []
    after = Article.objects.count()

    wipe(media)
    call_command("restore", str(archive), stdout=io.StringIO())

    assert before <= Article.objects.count() < after
    assert not Article.objects.filter(slug="half-written").exists()
    assert all(article.blocks.count() == 3 for article in Article.objects.all())
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchall() == [("ok",)]
