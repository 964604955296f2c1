"""`create_backup`: the database and the uploads written to a new archive, never over a file."""

import tempfile
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from .archive import write_archive
from .databases import dump_database, supported_vendor
from .errors import BackupError
from .manifest import DATABASE_MEMBERS, Manifest


def default_archive_name() -> str:
    return f"tandem-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar"


def create_backup(
    *, output: Path, using: str = DEFAULT_DB_ALIAS, media_root: Path | None = None
) -> Manifest:
    """Write the database and the uploads to `output` (a new file, readable by its owner only)."""
    connection = connections[using]
    vendor = supported_vendor(connection)
    media = Path(media_root or settings.MEDIA_ROOT)
    if output.exists():
        raise BackupError(_("%(path)s already exists; choose another file.") % {"path": output})
    if not output.parent.is_dir():
        raise BackupError(_("Folder %(path)s does not exist.") % {"path": output.parent})
    if output.resolve().is_relative_to(media.resolve()):
        raise BackupError(_("The backup cannot be written inside the uploads folder it copies."))
    partial = output.with_name(f".{output.name}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix=".tandem-backup-", dir=output.parent) as work:
            dump = Path(work) / DATABASE_MEMBERS[vendor]
            migrations, row_counts = dump_database(connection, vendor=vendor, dump=dump)
            dump.chmod(0o600)  # recorded in the archive: unpacked by hand, still private
            manifest = Manifest(
                created_at=datetime.now(UTC).replace(microsecond=0),
                tandem_version=_tandem_version(),
                vendor=vendor,
                migrations=migrations,
                row_counts=row_counts,
                members={},
            )
            manifest = write_archive(
                partial=partial, output=output, manifest=manifest, dump=dump, media=media
            )
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _tandem_version() -> str:
    try:
        return metadata.version("tandem")
    except metadata.PackageNotFoundError:
        return "unknown"
