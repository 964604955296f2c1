"""The archive itself: written member by member with checksums, then verified or unpacked.

An archive is a tar file: the database dump (`database.sqlite3` or `database.pgdump`), the uploads
tree under `uploads/` (answer and register documents, frozen approved reports), `manifest.json`
and `SHA256SUMS`. Reading refuses any other layout and verifies every checksum, so that what is
restored is exactly what was checked.
"""

import hashlib
import io
import os
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO

from django.utils.translation import gettext as _

from .errors import BackupError
from .manifest import DATABASE_MEMBERS, MANIFEST, SUMS, UPLOADS, Manifest, Member, parse_manifest

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StagedBackup:
    """An archive unpacked into a private folder, every checksum verified."""

    archive: Path
    root: Path
    manifest: Manifest

    @property
    def database(self) -> Path:
        return self.root / self.manifest.database_member


# --- writing ------------------------------------------------------------------------------------


def write_archive(
    *, partial: Path, output: Path, manifest: Manifest, dump: Path, media: Path
) -> Manifest:
    """Write to a hidden partial file, renamed once complete: an interrupted backup never leaves
    a file that looks like an archive."""
    members: dict[str, Member] = {}
    handle = os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
    with handle, tarfile.open(fileobj=handle, mode="w") as tar:
        # The database first: every file it refers to was stored before the uploads are read.
        members[dump.name] = _add_file(tar, dump, dump.name)
        for path in files_under(media):
            name = f"{UPLOADS}/{path.relative_to(media).as_posix()}"
            members[name] = _add_file(tar, path, name)
        manifest = replace(manifest, members=members)
        manifest_bytes = manifest.as_json()
        _add_bytes(tar, MANIFEST, manifest_bytes, manifest.created_at)
        sums = {**{n: m.sha256 for n, m in members.items()}, MANIFEST: _sha256(manifest_bytes)}
        lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items()))
        _add_bytes(tar, SUMS, lines.encode(), manifest.created_at)
    with open(partial, "rb") as written:
        os.fsync(written.fileno())
    os.replace(partial, output)
    return manifest


def files_under(root: Path) -> list[Path]:
    """Regular files only, in a stable order; links are not followed out of the folder."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found += [Path(folder) / name for name in sorted(files)]
    return [path for path in found if path.is_file() and not path.is_symlink()]


class _HashingReader:
    """Hands tarfile the bytes it copies and hashes exactly those: the checksum is the member's
    even when the file changes while it is read."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> Member:
    with open(path, "rb") as raw:
        info = tar.gettarinfo(arcname=name, fileobj=raw)
        reader = _HashingReader(raw)
        tar.addfile(info, reader)  # tarfile only calls read()
    return Member(sha256=reader.digest.hexdigest(), size=info.size)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, moment: datetime) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(moment.timestamp())
    tar.addfile(info, io.BytesIO(data))


# --- reading and verifying ----------------------------------------------------------------------


def verify_backup(*, archive: Path) -> Manifest:
    """Read every member and compare it with its checksum; unpack nothing."""
    digests: dict[str, str] = {}
    kept: dict[str, bytes] = {}
    seen: set[str] = set()
    with _open_archive(archive) as tar:
        for member in tar:
            _check_member(member, seen)
            if not member.isfile():
                continue
            stream = tar.extractfile(member)
            assert stream is not None  # a regular file always has its data
            if member.name in (MANIFEST, SUMS):
                kept[member.name] = stream.read()
                digests[member.name] = _sha256(kept[member.name])
            else:
                digests[member.name] = _sha256_stream(stream)
    return _verified_manifest(archive, digests, kept.get(MANIFEST), kept.get(SUMS))


@contextmanager
def staged_backup(*, archive: Path, work_dir: Path | None = None) -> Iterator[StagedBackup]:
    """Unpack the archive into a private folder (removed afterwards) and verify every file there:
    what is restored is exactly what was checked."""
    with tempfile.TemporaryDirectory(prefix=".tandem-restore-", dir=work_dir) as work:
        root = Path(work)
        seen: set[str] = set()
        with _open_archive(archive) as tar:
            for member in tar:
                _check_member(member, seen)
                try:
                    tar.extract(member, root, filter="data")
                except tarfile.FilterError as error:
                    raise BackupError(
                        _("Member %(member)s is refused: %(problem)s.")
                        % {"member": member.name, "problem": error}
                    ) from error
                except OSError as error:
                    raise BackupError(
                        _("Member %(member)s could not be unpacked: %(error)s")
                        % {"member": member.name, "error": error}
                    ) from error
        files = files_under(root)
        digests = {path.relative_to(root).as_posix(): sha256_file(path) for path in files}
        manifest_bytes = (root / MANIFEST).read_bytes() if (root / MANIFEST).is_file() else None
        sums_bytes = (root / SUMS).read_bytes() if (root / SUMS).is_file() else None
        manifest = _verified_manifest(archive, digests, manifest_bytes, sums_bytes)
        yield StagedBackup(archive=archive, root=root, manifest=manifest)


@contextmanager
def _open_archive(archive: Path) -> Iterator[tarfile.TarFile]:
    try:
        tar = tarfile.open(archive, mode="r:*")
    except FileNotFoundError as error:
        raise BackupError(_("%(path)s does not exist.") % {"path": archive}) from error
    except tarfile.TarError as error:
        raise BackupError(
            _("%(path)s is not a Tandem backup (not a tar archive).") % {"path": archive}
        ) from error
    except OSError as error:
        raise BackupError(
            _("%(path)s cannot be read: %(error)s") % {"path": archive, "error": error.strerror}
        ) from error
    with tar:
        try:
            yield tar
        except (tarfile.TarError, EOFError) as error:  # cut short or damaged past its start
            raise BackupError(
                _("%(path)s is damaged: %(error)s") % {"path": archive, "error": error}
            ) from error


def _check_member(member: tarfile.TarInfo, seen: set[str]) -> None:
    """Only the layout a backup writes: its files and folders, nothing twice, no path that
    climbs out of the folder it is unpacked into, no links or devices."""
    path = PurePosixPath(member.name)
    top = path.parts[0] if path.parts else ""
    allowed = top in (MANIFEST, SUMS, *DATABASE_MEMBERS.values()) or top == UPLOADS
    if not allowed or path.is_absolute() or ".." in path.parts:
        problem = _("its name does not belong in a Tandem backup")
    elif not (member.isfile() or member.isdir()):
        problem = _("it is neither a file nor a folder")
    elif member.name in seen:
        problem = _("it appears twice")
    else:
        seen.add(member.name)
        return
    raise BackupError(
        _("Member %(member)s is refused: %(problem)s.")
        % {"member": member.name, "problem": problem}
    )


def _verified_manifest(
    archive: Path, digests: dict[str, str], manifest_bytes: bytes | None, sums_bytes: bytes | None
) -> Manifest:
    if manifest_bytes is None or sums_bytes is None:
        raise BackupError(
            _("%(path)s is not a Tandem backup (it has no %(manifest)s or %(sums)s).")
            % {"path": archive, "manifest": MANIFEST, "sums": SUMS}
        )
    sums = _parse_sums(sums_bytes)
    if sums.get(MANIFEST) != digests.get(MANIFEST):
        raise _damaged(MANIFEST)
    manifest = parse_manifest(manifest_bytes)
    for name, member in sorted(manifest.members.items()):
        if name not in digests:
            raise BackupError(
                _("Member %(member)s is missing from %(path)s.") % {"member": name, "path": archive}
            )
        if digests[name] != member.sha256:
            raise _damaged(name)
    for name in sorted(set(digests) - set(manifest.members) - {MANIFEST, SUMS}):
        raise BackupError(
            _("Member %(member)s is not listed in %(manifest)s.")
            % {"member": name, "manifest": MANIFEST}
        )
    if {n: m.sha256 for n, m in manifest.members.items()} != {
        n: d for n, d in sums.items() if n != MANIFEST
    }:
        raise BackupError(
            _("%(sums)s does not agree with %(manifest)s.") % {"sums": SUMS, "manifest": MANIFEST}
        )
    return manifest


def _damaged(member: str) -> BackupError:
    return BackupError(
        _("Member %(member)s does not match its checksum: the archive is damaged or was changed.")
        % {"member": member}
    )


def _parse_sums(data: bytes) -> dict[str, str]:
    sums = {}
    try:
        for line in data.decode().splitlines():
            digest, name = line.split("  ", 1)
            if len(digest) != 64 or set(digest) - set("0123456789abcdef"):
                raise ValueError(digest)
            sums[name] = digest
    except ValueError as error:
        raise BackupError(_("%(sums)s is damaged.") % {"sums": SUMS}) from error
    return sums


# --- checksums ----------------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    with open(path, "rb") as stream:
        return _sha256_stream(stream)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_stream(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
