"""Backups of the database and the uploads in one archive verified by checksums (QUALITY R9).

`tandem backup` writes an archive (`create`): the database dump (`databases`), the uploads and
`manifest.json` with `SHA256SUMS` (`manifest`, `archive`). `tandem restore` verifies all of it
before it touches anything, then replaces the database and the uploads and compares the row
counts and checksums with the backup's (`restore`).
"""

from .archive import StagedBackup, staged_backup, verify_backup
from .create import create_backup, default_archive_name
from .errors import BackupError
from .manifest import Manifest, Member, summary
from .restore import check_restorable, pending_migrations, restore_staged, staging_folder

__all__ = [
    "BackupError",
    "Manifest",
    "Member",
    "StagedBackup",
    "check_restorable",
    "create_backup",
    "default_archive_name",
    "pending_migrations",
    "restore_staged",
    "staged_backup",
    "staging_folder",
    "summary",
    "verify_backup",
]
