"""tandem restore ARCHIVE [--yes] [--check]: put a `tandem backup` back, after verifying it."""

from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.core.backup import (
    BackupError,
    Manifest,
    pending_migrations,
    restore_staged,
    staged_backup,
    staging_folder,
    summary,
    verify_backup,
)


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from a 'tandem backup' archive. Every "
        "checksum is verified before anything changes; then the database and the uploads are "
        "REPLACED (this cannot be undone) and the row counts are compared with the backup's."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="the archive 'tandem backup' wrote")
        parser.add_argument(
            "--check",
            "--verify-only",
            action="store_true",
            dest="check",
            help="only verify the archive's checksums; change nothing",
        )
        parser.add_argument(
            "--yes",
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(
        self, *args: Any, archive: str, check: bool, interactive: bool, **options: Any
    ) -> None:
        path = Path(archive)
        try:
            if check:
                self._verify(path)
                return
            media = Path(settings.MEDIA_ROOT)
            with staged_backup(archive=path, work_dir=staging_folder(media_root=media)) as staged:
                confirm = partial(self._confirm, media=media) if interactive else None
                manifest = restore_staged(staged=staged, media_root=media, confirm=confirm)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Restored %(tables)s tables, %(rows)s rows, %(files)s files (%(size)s); row "
                "counts and checksums match the backup of %(created)s."
            )
            % summary(manifest)
        )
        pending = pending_migrations()
        if pending:
            self.stdout.write(
                ngettext(
                    "The backup predates %(count)s migration of this Tandem: run 'tandem migrate'.",
                    "The backup predates %(count)s migrations of this Tandem: run "
                    "'tandem migrate'.",
                    pending,
                )
                % {"count": pending}
            )

    def _verify(self, path: Path) -> None:
        manifest = verify_backup(archive=path)
        self.stdout.write(
            _(
                "%(archive)s: every checksum matches. A backup of a %(vendor)s database made "
                "%(created)s: %(tables)s tables, %(rows)s rows, %(files)s files (%(size)s)."
            )
            % {**summary(manifest), "archive": path}
        )

    def _confirm(self, manifest: Manifest, *, media: Path) -> None:
        prompt = _(
            "This REPLACES the database %(database)s and every file in %(uploads)s with the "
            "backup of %(created)s (%(tables)s tables, %(rows)s rows, %(files)s files). It "
            "cannot be undone. Type 'yes' to continue: "
        ) % {**summary(manifest), "database": _database_name(), "uploads": media}
        try:
            answer = input(prompt)
        except EOFError:  # no terminal to answer from (cron, a pipe): that is a no
            self.stdout.write("")
            answer = ""
        if answer.strip().lower() not in {"yes", _("yes")}:
            raise CommandError(_("Restore cancelled; nothing was changed."))


def _database_name() -> str:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(params["NAME"])
    return f"{params['NAME']} ({params.get('HOST') or 'localhost'}:{params.get('PORT') or 5432})"
