"""Back up the whole site (database and media) to one archive, and bring it back.

The database is copied first (database.py), media second through Django's storage
API: every file a copied row names was stored before that row, so it is archived
too. Archive: a .tar.gz of manifest.json (the applied migrations, each member's size
and SHA-256), the database file and media/<name>, readable by its owner only; a
restore checks all of it, sizes first, before writing.
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from pagecache.stamps import site_changed

from . import database
from .database import DATABASE_FILES, BackupError

FORMAT = "newsroom-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
# Rows that `migrate` writes by itself; a database holding only these is empty.
MIGRATION_MADE = {
    "contenttypes.contenttype",
    "auth.permission",
    "auth.group",
    "auth.group_permissions",
    "staffcredits.creditrole",
    "pagecache.sitestate",
}
_CHUNK = 1 << 20
# The most a restore unpacks unless NEWSROOM_RESTORE_MAX_BYTES says otherwise: room
# for years of photos and narration, and a stop for an archive that claims more.
DEFAULT_MAX_RESTORE_BYTES = 50 * 1024**3


@dataclass(frozen=True)
class Summary:
    vendor: str
    database_bytes: int
    media_files: int
    media_bytes: int

    @classmethod
    def of(cls, manifest: dict) -> "Summary":
        media = manifest["media"]
        return cls(
            manifest["vendor"],
            manifest["database"]["size"],
            len(media),
            sum(item["size"] for item in media),
        )


def backup(path: str | os.PathLike) -> Summary:
    """Write the site's database and media to the archive at `path`."""
    target = Path(path)
    if not target.parent.is_dir():
        raise BackupError(
            _("The folder %(folder)s does not exist.") % {"folder": target.parent}
        )
    vendor = database.vendor()
    with tempfile.TemporaryDirectory(prefix="newsroom-backup-") as work:
        dump = Path(work) / DATABASE_FILES[vendor]
        migrations = _applied_migrations()
        database.dump(dump)
        if _applied_migrations() != migrations:
            raise BackupError(
                _("Migrations ran while the database was copied. Back up again.")
            )
        # Written aside and renamed when complete: a failed run leaves no archive
        # that looks whole.
        partial = target.with_name(target.name + ".partial")
        try:
            with (
                _private(partial) as raw,
                tarfile.open(fileobj=raw, mode="w:gz") as archive,
            ):
                archive.add(dump, arcname=dump.name)
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created_at": timezone.now().isoformat(),
                    "django": django.get_version(),
                    "vendor": vendor,
                    "migrations": migrations,
                    "database": _entry(dump.name, dump),
                    "media": _add_media(archive, Path(work)),
                }
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return Summary.of(manifest)


def restore(path: str | os.PathLike, *, force: bool = False) -> Summary:
    """Bring the archive at `path` back into this site's migrated database.

    Everything is checked before anything is written: the archive's checksums,
    the database vendor, the migration state, and that the database and media
    hold nothing the restore would overwrite (unless `force`). The database is
    then replaced in one transaction; media are written after it.
    """
    with tempfile.TemporaryDirectory(prefix="newsroom-restore-") as work:
        folder = Path(work)
        manifest = _unpack(Path(path), folder)
        vendor = database.vendor()
        if manifest["vendor"] != vendor:
            raise BackupError(
                _(
                    "This archive holds a %(archive)s database, but this site uses "
                    "%(site)s. Restore it into a site on %(archive)s."
                )
                % {"archive": manifest["vendor"], "site": vendor}
            )
        _check_migrations(manifest["migrations"])
        if not force:
            _check_empty()
        media = _media_to_write(manifest["media"], folder, force=force)
        database.replace(folder / manifest["database"]["name"])
        ContentType.objects.clear_cache()
        for item in media:
            _store(item["name"], folder / MEDIA_PREFIX / item["name"])
    # Every page cached from the database as it was is retired. The article pages
    # kept in the archive match its data; those printed for another site, or by
    # other code, carry another release (pagecache.stamps.release) and are redone.
    site_changed(schedule=True)
    return Summary.of(manifest)


def _private(path: Path):
    """Open `path` for writing, readable by its owner only, whatever the umask.

    The archive holds password hashes, sessions and webhook secrets.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a file left from an earlier run keeps its mode
    return os.fdopen(descriptor, "wb")


def _sha256(file) -> str:
    digest = hashlib.sha256()
    while chunk := file.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _entry(name: str, path: Path) -> dict:
    with open(path, "rb") as file:
        return {"name": name, "size": path.stat().st_size, "sha256": _sha256(file)}


def _applied_migrations() -> list[list[str]]:
    return sorted(
        [app, name] for app, name in MigrationRecorder(connection).applied_migrations()
    )


# --- media -----------------------------------------------------------------------


def _media_names(folder: str = ""):
    """Yield every file name in the default storage, walking down from `folder`."""
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet, or removed while we walk
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _media_names(f"{folder}/{directory}" if folder else directory)


def _add_media(archive: tarfile.TarFile, work: Path) -> list[dict]:
    """Copy each stored file into the archive through a local copy, hashing it.

    A file deleted between the listing and the copy is skipped: the site removed
    it after the database was copied, so it is no loss.
    """
    entries = []
    copy = work / "media-file"
    for name in _media_names():
        try:
            with default_storage.open(name, "rb") as stored, open(copy, "wb") as out:
                shutil.copyfileobj(stored, out, _CHUNK)
        except FileNotFoundError:
            continue
        archive.add(copy, arcname=MEDIA_PREFIX + name)
        entries.append(_entry(name, copy))
    return entries


def _media_to_write(items: list[dict], folder: Path, *, force: bool) -> list[dict]:
    """Return the archived files to store; refuse to overwrite different ones."""
    to_write, clashes = [], []
    for item in items:
        if not default_storage.exists(item["name"]):
            to_write.append(item)
            continue
        with default_storage.open(item["name"], "rb") as stored:
            same = _sha256(stored) == item["sha256"]
        if not same:
            clashes.append(item["name"])
            if force:
                to_write.append(item)
    if clashes and not force:
        raise BackupError(
            _(
                "%(count)d media file(s) already exist with different content, "
                "e.g. %(name)s. Restore into empty media storage, or use --force "
                "to replace them."
            )
            % {"count": len(clashes), "name": clashes[0]}
        )
    return to_write


def _store(name: str, source: Path) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)
    with open(source, "rb") as file:
        saved = default_storage.save(name, File(file, name=name))
    if saved != name:
        raise BackupError(
            _("The storage saved %(name)s as %(saved)s.")
            % {"name": name, "saved": saved}
        )


# --- checks before a restore -----------------------------------------------------


def _unpack(path: Path, folder: Path) -> dict:
    """Unpack the archive into `folder` and return its manifest, checksums verified."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = archive.getmembers()  # reads the index; writes nothing
            _check_room(members, folder)
            archive.extractall(folder, members=members, filter="data")
        manifest = json.loads((folder / MANIFEST).read_text())
    # A truncated archive ends the gzip stream early: EOFError.
    except (OSError, EOFError, tarfile.TarError, ValueError) as error:
        raise BackupError(
            _("%(path)s is not a readable backup archive: %(error)s")
            % {"path": path, "error": error}
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            _("%(path)s is not a backup this version of the newsroom can restore.")
            % {"path": path}
        )
    if manifest["database"]["name"] not in DATABASE_FILES.values():
        raise BackupError(_("The archive names no database file."))
    _verify(manifest["database"], folder)
    for item in manifest["media"]:
        _verify(item, folder / MEDIA_PREFIX.rstrip("/"))
    return manifest


def _check_room(members: list[tarfile.TarInfo], folder: Path) -> None:
    """Refuse an archive that unpacks to more than the limit or the free disk space."""
    size = sum(member.size for member in members if member.isfile())
    limit = getattr(settings, "NEWSROOM_RESTORE_MAX_BYTES", DEFAULT_MAX_RESTORE_BYTES)
    free = shutil.disk_usage(folder).free
    if size > limit:
        raise BackupError(
            _(
                "This archive unpacks to %(size)s, more than the %(limit)s a restore "
                "accepts (NEWSROOM_RESTORE_MAX_BYTES). Raise the setting if the "
                "archive is yours. Nothing was restored."
            )
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if size > free:
        raise BackupError(
            _(
                "This archive unpacks to %(size)s, but %(folder)s has %(free)s free. "
                "Free some space, or point TMPDIR at a larger disk. Nothing was "
                "restored."
            )
            % {
                "size": filesizeformat(size),
                "folder": folder.parent,
                "free": filesizeformat(free),
            }
        )


def _verify(item: dict, folder: Path) -> None:
    """Check that `item` was unpacked inside `folder` with its size and checksum."""
    path = (folder / item["name"]).resolve()
    if (
        not path.is_relative_to(folder.resolve())
        or not path.is_file()
        or _entry(item["name"], path) != item
    ):
        raise BackupError(
            _(
                "%(name)s is missing from the archive or does not match its "
                "checksum; the archive is damaged. Nothing was restored."
            )
            % {"name": item["name"]}
        )


def _check_migrations(archived: list[list[str]]) -> None:
    """Refuse unless the archive's schema is this code's, and this database's too.

    The database must hold every migration of the code: an archive matching a
    database left behind the code would come back under code that cannot read it.
    """
    here = {tuple(pair) for pair in _applied_migrations()}
    there = {tuple(pair) for pair in archived}
    if not here:
        raise BackupError(
            _(
                "This database has no tables yet. Run `python manage.py migrate`, "
                "then restore again. Nothing was restored."
            )
        )
    executor = MigrationExecutor(connection)
    missing = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if missing:
        raise BackupError(
            _(
                "This database lacks %(count)d migration(s) of this code, e.g. "
                "%(name)s. Run `python manage.py migrate`, then restore again. "
                "Nothing was restored."
            )
            % {"count": len(missing), "name": missing[0][0]}
        )
    if here != there:
        differences = [f"+{a}.{n}" for a, n in sorted(there - here)] + [
            f"-{a}.{n}" for a, n in sorted(here - there)
        ]
        if len(differences) > 10:
            differences[10:] = ["…"]
        raise BackupError(
            _(
                "The archive was made with a different database schema (migrations "
                "only in the archive are marked +, only here -): %(differences)s. "
                "Run the code version the backup was made with and `migrate` to the "
                "same state, then restore again. Nothing was restored."
            )
            % {"differences": ", ".join(differences)}
        )


def _check_empty() -> None:
    holding = [
        model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
        and model._meta.label_lower not in MIGRATION_MADE
        and model._default_manager.using(connection.alias).exists()
    ]
    if holding:
        raise BackupError(
            _(
                "This database already holds data (%(models)s). Restore into a new, "
                "migrated database, or use --force to replace everything in it. "
                "Nothing was restored."
            )
            % {"models": ", ".join(sorted(holding))}
        )
