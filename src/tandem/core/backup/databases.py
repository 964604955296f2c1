"""The database side of a backup: dump, read-through check, restore and row counts per vendor.

SQLite is copied with its online backup API (`database.sqlite3`), PostgreSQL with
`pg_dump -Fc` (`database.pgdump`) and put back with `pg_restore`.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from .errors import BackupError
from .manifest import DATABASE_MEMBERS

# libpq reads these from the environment: nothing about the connection goes on a command line
# that `ps` shows, the password least of all.
PG_OPTIONS_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


def supported_vendor(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def dump_database(
    connection: BaseDatabaseWrapper, *, vendor: str, dump: Path
) -> tuple[dict[str, str], dict[str, int]]:
    """Dump the database; return its migration state and row counts, read from the same
    snapshot as the dump so that a site in use still gets a backup that agrees with itself."""
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot be made inside a transaction."))
    if vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(dump)) as copy:
            connection.connection.backup(copy)
            # The live database runs in WAL mode; the copy is one self-contained file.
            copy.execute("PRAGMA journal_mode=DELETE")
            return _latest_migrations(copy.cursor(), _sqlite_tables(copy)), _sqlite_counts(copy)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = connection.introspection.table_names(cursor)
        migrations = _latest_migrations(cursor, tables)
        counts = _postgresql_counts(connection, cursor, tables)
        _run_pg(
            "pg_dump",
            connection,
            ["--format=custom", f"--file={dump}", f"--snapshot={snapshot}"],
        )
    return migrations, counts


def check_dump(*, vendor: str, dump: Path) -> None:
    """Checksums prove the dump is the one that was written, not that it was sound then: read it
    through before the live database is replaced by it."""
    if vendor == "postgresql":
        _run_pg("pg_restore", None, ["--list", str(dump)])
        return
    try:
        with closing(sqlite3.connect(dump)) as database:
            problem = database.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as error:
        problem = str(error)
    if problem != "ok":
        raise BackupError(
            _("The database in the backup is damaged: %(problem)s") % {"problem": problem}
        )


def restore_database(connection: BaseDatabaseWrapper, *, vendor: str, dump: Path) -> None:
    if vendor == "sqlite":
        _restore_sqlite(connection, dump)
    else:
        _run_pg(
            "pg_restore",
            connection,
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(dump)],
        )


def _restore_sqlite(connection: BaseDatabaseWrapper, database: Path) -> None:
    """Through the backup API into the live file: other processes' connections see the new
    content, where replacing the file under them (and its WAL) would corrupt it."""
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(database)) as source:
            source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(
            _("The database could not be restored: %(error)s") % {"error": error}
        ) from error


# --- counting rows ------------------------------------------------------------------------------


def live_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return _sqlite_counts(connection.connection)
    with connection.cursor() as cursor:
        return _postgresql_counts(connection, cursor, connection.introspection.table_names(cursor))


def _sqlite_tables(database: sqlite3.Connection) -> list[str]:
    rows = database.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' ORDER BY name"
    )
    return [name for (name,) in rows]


def _sqlite_counts(database: sqlite3.Connection) -> dict[str, int]:
    counts = {}
    for table in _sqlite_tables(database):
        quoted = '"' + table.replace('"', '""') + '"'
        counts[table] = int(database.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0])
    return counts


def _postgresql_counts(
    connection: BaseDatabaseWrapper, cursor: Any, tables: list[str]
) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _latest_migrations(cursor: Any, tables: list[str]) -> dict[str, str]:
    """The last migration applied per app (their names are numbered)."""
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations")
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        latest[app] = max(latest.get(app, name), name)
    return dict(sorted(latest.items()))


# --- PostgreSQL client programs -----------------------------------------------------------------


def _run_pg(program: str, connection: BaseDatabaseWrapper | None, arguments: list[str]) -> None:
    """pg_dump or pg_restore on the configured database (none for `pg_restore --list`); the
    password through PGPASSWORD."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            _("%(program)s was not found; install the PostgreSQL client programs.")
            % {"program": program}
        )
    params = connection.settings_dict if connection else {}
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    for option, variable in PG_OPTIONS_ENV.items():
        if params.get("OPTIONS", {}).get(option):
            env[variable] = str(params["OPTIONS"][option])
    command = [executable, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command.append(f"{flag}={params[key]}")
    if connection:
        command.append(f"--dbname={params['NAME']}")
    command += arguments
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": program, "error": lines[0] if lines else result.returncode}
        )
