"""Restoring a verified archive: refused before anything changes, checked after it has changed."""

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from .archive import StagedBackup, files_under, sha256_file
from .databases import check_dump, live_counts, restore_database, supported_vendor
from .errors import BackupError
from .manifest import UPLOADS, VENDOR_NAMES, Manifest


def check_restorable(*, staged: StagedBackup, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse, before anything changes, a backup of another kind of database, of a newer Tandem,
    into a PostgreSQL database holding tables the backup would leave behind, or with a dump
    that cannot be read through."""
    manifest = staged.manifest
    connection = connections[using]
    vendor = supported_vendor(connection)
    if manifest.vendor != vendor:
        raise BackupError(
            _(
                "This is a backup of a %(archived)s database; the configured database is "
                "%(configured)s. Restore it into a %(archived)s database."
            )
            % {"archived": VENDOR_NAMES[manifest.vendor], "configured": VENDOR_NAMES[vendor]}
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = [
        f"{app}.{name}"
        for app, name in sorted(manifest.migrations.items())
        if app in loader.migrated_apps and (app, name) not in loader.disk_migrations
    ]
    if unknown:
        raise BackupError(
            _("The backup was made by a newer Tandem (migration %(migration)s is unknown here).")
            % {"migration": unknown[0]}
        )
    if vendor == "postgresql":
        extra = sorted(set(connection.introspection.table_names()) - set(manifest.row_counts))
        if extra:
            raise BackupError(
                _(
                    "The database has tables the backup does not have (%(tables)s); restore "
                    "into an empty database."
                )
                % {"tables": ", ".join(extra[:3]) + (", …" if len(extra) > 3 else "")}
            )
    check_dump(vendor=manifest.vendor, dump=staged.database)


def restore_staged(
    *,
    staged: StagedBackup,
    using: str = DEFAULT_DB_ALIAS,
    media_root: Path | None = None,
    confirm: Callable[[Manifest], None] | None = None,
) -> Manifest:
    """Replace the database and the uploads with the verified backup, then check that the row
    counts and the files' checksums are the backup's. `confirm` is called once every check has
    passed and before anything changes; it raises to stop."""
    manifest = staged.manifest
    connection = connections[using]
    media = Path(media_root or settings.MEDIA_ROOT)
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    if staged.archive.resolve().is_relative_to(media.resolve()):
        raise BackupError(
            _("Move the backup out of the uploads folder first: a restore empties it.")
        )
    check_restorable(staged=staged, using=using)
    if confirm is not None:
        confirm(manifest)
    # A fresh connection before and after: nothing cached from the database being replaced.
    connection.close()
    restore_database(connection, vendor=manifest.vendor, dump=staged.database)
    connection.close()
    _replace_uploads(staged.root / UPLOADS, media)
    _check_restored(manifest, connection, media)
    return manifest


def staging_folder(*, media_root: Path) -> Path | None:
    """Unpack next to the uploads, so that putting them in place is a rename, when possible."""
    parent = media_root.resolve().parent
    return parent if parent.is_dir() and os.access(parent, os.W_OK) else None


def pending_migrations(*, using: str = DEFAULT_DB_ALIAS) -> int:
    """Migrations this Tandem has that the (restored) database has not applied."""
    executor = MigrationExecutor(connections[using])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _replace_uploads(staged: Path, media: Path) -> None:
    media.mkdir(parents=True, exist_ok=True)
    for entry in list(media.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if staged.is_dir():
        for entry in list(staged.iterdir()):
            shutil.move(entry, media / entry.name)


def _check_restored(manifest: Manifest, connection: BaseDatabaseWrapper, media: Path) -> None:
    try:
        counts = live_counts(connection)
    except (DatabaseError, sqlite3.Error) as error:
        raise BackupError(
            _("Restored, but the database cannot be read: %(error)s") % {"error": error}
        ) from error
    differing = [
        f"{table} ({expected} → {counts.get(table, 0)})"
        for table, expected in sorted(manifest.row_counts.items())
        if counts.get(table) != expected
    ]
    if differing:
        raise BackupError(
            _("Restored, but row counts differ from the backup: %(tables)s")
            % {"tables": ", ".join(differing[:3]) + (", …" if len(differing) > 3 else "")}
        )
    restored = {
        f"{UPLOADS}/{path.relative_to(media).as_posix()}": sha256_file(path)
        for path in files_under(media)
    }
    expected_files = {name: member.sha256 for name, member in manifest.uploads.items()}
    if restored != expected_files:
        wrong = sorted(set(restored.items()) ^ set(expected_files.items()))[0][0]
        raise BackupError(
            _("Restored, but uploaded file %(member)s differs from the backup.") % {"member": wrong}
        )
