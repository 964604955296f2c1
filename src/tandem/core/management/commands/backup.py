"""tandem backup [--output FILE]: the database and the uploads in one archive, with checksums."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tandem.core.backup import BackupError, create_backup, default_archive_name, summary


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: a consistent copy; PostgreSQL: pg_dump -Fc) and the "
        "uploaded files, frozen reports included, into one tar archive with a manifest of row "
        "counts and SHA-256 checksums. Restore it with 'tandem restore'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            default=None,
            help="the archive to write, or a folder for it "
            "(default: tandem-backup-YYYYMMDD-HHMMSS.tar in the current folder)",
        )

    def handle(self, *args: Any, output: str | None, **options: Any) -> None:
        path = Path(output) if output else Path(default_archive_name())
        if path.is_dir():
            path = path / default_archive_name()
        try:
            manifest = create_backup(output=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Backed up %(tables)s tables, %(rows)s rows, %(files)s files (%(size)s) "
                "to %(archive)s (%(archive_size)s)."
            )
            % {
                **summary(manifest),
                "archive": path,
                "archive_size": filesizeformat(path.stat().st_size),
            }
        )
