"""Archives are private, and a restore refuses a bad one plainly, before it writes."""

import io
import os
import shutil
import stat
from collections import namedtuple
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from articles.models import Article
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(media, tmp_path) -> Path:
    """A real archive of a small newsroom, then an empty site to restore it into."""
    BlockFactory(article=ArticleFactory(slug="kept"), text_en="<p>Kept.</p>")
    default_storage.save("photos/kept.jpg", ContentFile(b"\xff\xd8" + b"x" * 4000))
    path = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    call_command("flush", interactive=False)
    shutil.rmtree(media)
    return path


def assert_nothing_restored(media: Path) -> None:
    assert not Article.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_archive_is_readable_by_its_owner_only(media, tmp_path):
    ArticleFactory()
    path = tmp_path / "newsroom.tar.gz"
    path.write_bytes(b"an older archive, readable by all")
    path.chmod(0o644)
    old_umask = os.umask(0)
    try:
        call_command("backup", str(path), stdout=io.StringIO())
    finally:
        os.umask(old_umask)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_truncated_archive_is_refused_plainly(archive, media):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])

    with pytest.raises(CommandError, match="is not a readable backup archive"):
        call_command("restore", str(archive))
    assert_nothing_restored(media)


def test_an_archive_over_the_size_limit_is_refused_before_unpacking(
    archive, media, settings
):
    settings.NEWSROOM_RESTORE_MAX_BYTES = 2000

    with pytest.raises(
        CommandError, match=r"unpacks to .*, more than the 2\.0\sKB a restore accepts"
    ):
        call_command("restore", str(archive))
    assert_nothing_restored(media)


def test_an_archive_larger_than_the_free_disk_space_is_refused(
    archive, media, monkeypatch
):
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9, 1000))

    with pytest.raises(CommandError, match=r"has 1000\sbytes free"):
        call_command("restore", str(archive))
    assert_nothing_restored(media)


def test_an_archive_of_a_database_behind_the_code_is_refused(media, tmp_path):
    ArticleFactory()
    path = tmp_path / "newsroom.tar.gz"
    executor = MigrationExecutor(connection)
    leaf = max(
        node for node in executor.loader.graph.leaf_nodes() if node[0] == "articles"
    )
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied(*leaf)
    try:
        # Made and restored on a database one migration behind the code: the
        # archive and the database agree, but the code expects a newer schema.
        call_command("backup", str(path), stdout=io.StringIO())
        call_command("flush", interactive=False)

        with pytest.raises(
            CommandError,
            match=rf"lacks 1 migration\(s\) of this code, e\.g\. {leaf[0]}\.{leaf[1]}",
        ):
            call_command("restore", str(path))
    finally:
        recorder.record_applied(*leaf)
    assert not Article.objects.exists()
