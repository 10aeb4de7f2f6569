"""/healthz and /readyz as a load balancer sees them, and the SQLite start-up check."""

from pathlib import Path

import pytest
from django.core.checks.registry import registry
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import ConnectionHandler

from newsroom import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_a_session_a_cache_or_a_known_host(client):
    # A load balancer probes the server's own address, over plain http.
    response = client.get("/healthz", HTTP_HOST="10.0.0.11:8000")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_readyz_names_each_check_when_all_pass(client):
    response = client.get("/readyz", HTTP_HOST="10.0.0.11:8000")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "migrations": "ok",
            "cache": "ok",
            "storage": "ok",
        },
    }
    assert "no-store" in response["Cache-Control"]


def test_readyz_fails_on_a_migration_not_applied(client):
    MigrationRecorder(connection).migration_qs.filter(app="articles").latest(
        "id"
    ).delete()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["migrations"] == "failed"
    assert response.json()["checks"]["database"] == "ok"


def test_readyz_fails_on_an_unreachable_cache_and_tells_no_address(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": "redis://:s3cret@127.0.0.1:1/0",
        }
    }

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failed"
    assert b"127.0.0.1" not in response.content
    assert b"s3cret" not in response.content


def test_readyz_fails_when_the_media_storage_is_missing(client, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "not-mounted")},
        },
    }

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failed"


# --- The SQLite start-up check ----------------------------------------------------


@pytest.fixture
def sqlite_file(tmp_path):
    """Return a factory of SQLite databases in files, opened with the given options."""
    handlers = []

    def make(**options):
        handler = ConnectionHandler(
            {
                "default": {
                    "ENGINE": "django.db.backends.sqlite3",
                    "NAME": str(tmp_path / "newsroom.sqlite3"),
                    "OPTIONS": options,
                }
            }
        )
        handler["default"].ensure_connection()
        handlers.append(handler)
        return handler

    yield make
    for handler in handlers:
        handler.close_all()


WAL = "PRAGMA journal_mode=WAL;"


def warning_ids(handler) -> list[str]:
    return [warning.id for warning in health.sqlite_warnings(handler)]


def test_a_local_database_in_wal_mode_raises_no_warning(sqlite_file):
    assert warning_ids(sqlite_file(init_command=WAL)) == []


def test_a_database_not_in_wal_mode_is_warned_of(sqlite_file):
    # SQLite's own default, the rollback journal.
    assert warning_ids(sqlite_file()) == ["newsroom.W001"]


def test_a_database_on_a_network_file_system_is_warned_of(
    sqlite_file, tmp_path, monkeypatch
):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw,relatime 0 0\n"
        f"files.internal:/export/news {tmp_path} nfs4 rw,relatime 0 0\n"
    )
    monkeypatch.setattr(health, "MOUNTS", mounts)

    assert warning_ids(sqlite_file(init_command=WAL)) == ["newsroom.W002"]


def test_without_a_mount_table_the_file_system_is_not_checked(
    sqlite_file, tmp_path, monkeypatch
):
    monkeypatch.setattr(health, "MOUNTS", tmp_path / "no-proc-here")

    assert warning_ids(sqlite_file(init_command=WAL)) == []


def test_the_deepest_mount_point_decides():
    mounts = "srv:/a /mnt nfs rw 0 0\n/dev/sdb1 /mnt/local ext4 rw 0 0\n"

    assert health.filesystem_of(Path("/mnt/local/db.sqlite3"), mounts) == "ext4"
    assert health.filesystem_of(Path("/mnt/other/db.sqlite3"), mounts) == "nfs"


def test_the_check_is_registered_with_django_s_own():
    # So runserver, migrate and `check --deploy` show its warnings.
    assert health.check_sqlite in registry.get_checks()
