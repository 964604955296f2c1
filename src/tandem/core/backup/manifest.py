"""What an archive says about itself: its member names, `manifest.json` and the summary shown.

The manifest records the versions, the migration state, the row counts per table and the SHA-256
and size of every member; `SHA256SUMS` repeats the checksums (plus the manifest's) for
`sha256sum -c`.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import django
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .errors import BackupError

FORMAT = "tandem-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
UPLOADS = "uploads"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass(frozen=True)
class Member:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    created_at: datetime
    tandem_version: str
    vendor: str
    migrations: dict[str, str]
    row_counts: dict[str, int]
    members: dict[str, Member]

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.vendor]

    @property
    def uploads(self) -> dict[str, Member]:
        return {name: m for name, m in self.members.items() if name.startswith(f"{UPLOADS}/")}

    @property
    def rows(self) -> int:
        return sum(self.row_counts.values())

    @property
    def upload_bytes(self) -> int:
        return sum(member.size for member in self.uploads.values())

    def as_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at.isoformat(),
            "tandem_version": self.tandem_version,
            "django_version": django.get_version(),
            "database_vendor": self.vendor,
            "migrations": self.migrations,
            "row_counts": self.row_counts,
            "members": {
                name: {"sha256": m.sha256, "size": m.size} for name, m in self.members.items()
            },
        }
        return json.dumps(data, indent=2, sort_keys=True).encode()


def parse_manifest(data: bytes) -> Manifest:
    try:
        raw: dict[str, Any] = json.loads(data)
        if raw["format"] != FORMAT:
            raise ValueError(raw["format"])
        version = int(raw["format_version"])
        if version > FORMAT_VERSION:
            raise BackupError(
                _("This backup has format %(version)s; this Tandem reads up to %(known)s.")
                % {"version": version, "known": FORMAT_VERSION}
            )
        manifest = Manifest(
            created_at=datetime.fromisoformat(raw["created_at"]),
            tandem_version=str(raw["tandem_version"]),
            vendor=str(raw["database_vendor"]),
            migrations={str(app): str(name) for app, name in raw["migrations"].items()},
            row_counts={str(table): int(n) for table, n in raw["row_counts"].items()},
            members={
                str(name): Member(sha256=str(m["sha256"]), size=int(m["size"]))
                for name, m in raw["members"].items()
            },
        )
        if manifest.database_member not in manifest.members:
            raise ValueError(manifest.vendor)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BackupError(
            _("%(manifest)s is not a Tandem backup manifest.") % {"manifest": MANIFEST}
        ) from error
    return manifest


def summary(manifest: Manifest) -> dict[str, str]:
    """The figures the commands print, in the active language's formats (7/12/2026 03:40)."""
    return {
        "vendor": VENDOR_NAMES[manifest.vendor],
        "created": date_format(timezone.localtime(manifest.created_at), "SHORT_DATETIME_FORMAT"),
        "tables": number_format(len(manifest.row_counts), force_grouping=True),
        "rows": number_format(manifest.rows, force_grouping=True),
        "files": number_format(len(manifest.uploads), force_grouping=True),
        "size": filesizeformat(manifest.upload_bytes),
    }
