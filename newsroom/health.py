"""Health endpoints for load balancers, and a start-up check of SQLite's file.

/healthz says the process answers; /readyz that what a page needs is reachable
(the database with every migration applied, the cache, the media storage).
HealthMiddleware answers both before the rest of the stack: a probe needs no
session, page cache (a Redis round trip), locale redirect or https redirect, and
load balancers probe by the server's address, which is not in ALLOWED_HOSTS (the
answer names no host, so nothing can be poisoned through it).
"""

import logging
import uuid
from pathlib import Path

from django.core.cache import cache
from django.core.checks import Warning
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# File systems on which SQLite's locking (and WAL's shared memory) is unreliable.
NETWORK_FILESYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "9p",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
}
# Linux's table of mounted file systems; elsewhere the check is skipped.
MOUNTS = Path("/proc/mounts")


class HealthMiddleware:
    """Answer GET /healthz and /readyz here; pass every other request on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return _answer({"status": "ok"}, 200)
        if request.path_info == "/readyz":
            return readiness()
        return self.get_response(request)


def _answer(body, status):
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)
    return response


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _migrations():
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise LookupError("migrations not applied")


def _cache():
    # A key of its own each time: workers probing at once share the cache.
    key = f"newsroom:readyz:{uuid.uuid4().hex}"
    cache.set(key, 1, timeout=10)
    if cache.get(key) != 1:
        raise LookupError("the cache did not keep a value")


def _storage():
    default_storage.listdir("")


CHECKS = {
    "database": _database,
    "migrations": _migrations,
    "cache": _cache,
    "storage": _storage,
}


def readiness():
    """200 when every check passes, else 503; the body names each check's result.

    What went wrong is logged (with the request id), never sent: an error's text
    may name hosts or credentials.
    """
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure means "not ready"; what it was is logged
            logger.warning("readiness check failed: %s", name, exc_info=True)
            results[name] = "failed"
        else:
            results[name] = "ok"
    ready = all(result == "ok" for result in results.values())
    return _answer(
        {"status": "ok" if ready else "failing", "checks": results},
        200 if ready else 503,
    )


def filesystem_of(path: Path, mounts: str) -> str:
    """Return the type of the file system `path` is on, read from /proc/mounts text."""
    deepest, found = None, ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = Path(fields[1].replace("\\040", " "))
        # The deepest mount point above the path; of equal ones the later wins.
        if path.is_relative_to(point) and (
            deepest is None or len(point.parts) >= len(deepest.parts)
        ):
            deepest, found = point, fields[2]
    return found


def sqlite_warnings(handler) -> list[Warning]:
    """Warn of an SQLite database not in WAL mode, or on a network file system.

    Without WAL, readers wait while an editor saves; on NFS or SMB, SQLite's locks
    do not hold and the database can be corrupted. Only files that exist are
    opened, so running the check creates no database.
    """
    found = []
    for alias in handler:
        database = handler[alias]
        if database.vendor != "sqlite" or database.is_in_memory_db():
            continue
        path = Path(database.settings_dict["NAME"]).resolve()
        if not path.exists():
            continue
        try:
            with database.cursor() as cursor:
                mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        except DatabaseError:
            continue
        if mode.lower() != "wal":
            found.append(
                Warning(
                    f"The SQLite database {path} is in {mode} mode, not WAL: "
                    "readers wait while someone saves.",
                    hint="Keep the init_command of DATABASES in "
                    "newsroom/settings/base.py (PRAGMA journal_mode=WAL).",
                    id="newsroom.W001",
                )
            )
        try:
            filesystem = filesystem_of(path, MOUNTS.read_text())
        except OSError:
            continue
        if filesystem in NETWORK_FILESYSTEMS:
            found.append(
                Warning(
                    f"The SQLite database {path} is on a network file system "
                    f"({filesystem}), where its locks do not hold.",
                    hint="Put the file on a local disk, or use PostgreSQL "
                    "(DATABASE_URL).",
                    id="newsroom.W002",
                )
            )
    return found


def check_sqlite(app_configs=None, **kwargs):
    """The system check (registered in newsroom/apps.py), shown at every start."""
    return sqlite_warnings(connections)
