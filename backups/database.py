"""The database copied whole, schema and all, by its own tools; put back all or nothing.

SQLite's online backup API, or pg_dump: one consistent snapshot while editors keep
saving, with what a row-by-row dump would lose (the search index's FTS5 table and
triggers, PostgreSQL's generated columns).
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.utils.translation import gettext as _

# The archive's database file, by the vendor it was dumped from.
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message says why and what to do."""


def vendor() -> str:
    """Return this site's database vendor, refusing one backups do not support."""
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def dump(target: Path) -> None:
    """Copy the live database to `target`: one consistent snapshot."""
    {"sqlite": _sqlite_dump, "postgresql": _pg_dump}[vendor()](target)


def replace(archived: Path) -> None:
    """Replace the live database with the archived one, all or nothing."""
    {"sqlite": _sqlite_restore, "postgresql": _pg_restore}[vendor()](archived)


# --- SQLite ----------------------------------------------------------------------


def _sqlite_connect(name) -> sqlite3.Connection:
    timeout = connection.settings_dict.get("OPTIONS", {}).get("timeout", 20)
    return sqlite3.connect(name, timeout=timeout)


def _sqlite_dump(target: Path) -> None:
    """Copy the live database in one step: one read snapshot, writers not blocked."""
    source = _sqlite_connect(connection.settings_dict["NAME"])
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        # A self-contained file: no -wal beside it to lose.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
        source.close()


def _sqlite_restore(dump: Path) -> None:
    """Check the archived file, then copy it over the live database in one step."""
    source = sqlite3.connect(dump)
    try:
        problems = source.execute("PRAGMA integrity_check").fetchall()
        if problems != [("ok",)]:
            raise BackupError(
                _("The database in the archive is damaged: %(problems)s")
                % {"problems": "; ".join(row[0] for row in problems[:5])}
            )
        connection.close()
        live = _sqlite_connect(connection.settings_dict["NAME"])
        try:
            source.backup(live)
        finally:
            live.close()
    finally:
        source.close()


# --- PostgreSQL ------------------------------------------------------------------


def _pg_environment() -> dict:
    settings = connection.settings_dict
    environment = dict(os.environ)
    for variable, value in [
        ("PGHOST", settings.get("HOST")),
        ("PGPORT", settings.get("PORT")),
        ("PGUSER", settings.get("USER")),
        ("PGPASSWORD", settings.get("PASSWORD")),
        ("PGDATABASE", settings.get("NAME")),
        ("PGSSLMODE", settings.get("OPTIONS", {}).get("sslmode")),
    ]:
        if value:
            environment[variable] = str(value)
    return environment


def _pg_run(tool: str, *arguments: str) -> None:
    program = shutil.which(tool)
    if program is None:
        raise BackupError(
            _("%(tool)s was not found. Install the PostgreSQL client tools.")
            % {"tool": tool}
        )
    finished = subprocess.run(  # noqa: S603 - PostgreSQL's own tool, our arguments
        [program, *arguments],
        env=_pg_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode:
        raise BackupError(
            _("%(tool)s failed: %(error)s")
            % {"tool": tool, "error": finished.stderr.strip()}
        )


def _pg_dump(target: Path) -> None:
    """Dump in pg_dump's own format: one snapshot, taken while the site runs."""
    _pg_run("pg_dump", "--format=custom", f"--file={target}")


def _pg_restore(dump: Path) -> None:
    """Drop and recreate every table from the dump, all in one transaction.

    A full restore rather than data only: the tables `migrate` made are replaced
    by the same tables with the archived rows, sequences and indexes, so there is
    no clash with the rows `migrate` wrote and no foreign-key order to get right.
    """
    connection.close()
    _pg_run(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={connection.settings_dict['NAME']}",
        str(dump),
    )
