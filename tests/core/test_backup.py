"""`tandem backup` and `tandem restore` (QUALITY R9): a round trip gives back the same rows and the
same files; a damaged, foreign or unsafe archive is refused before anything changes.

A dump holds committed data only, so these tests are transactional: the database is emptied after
each of them, and the session's data is loaded again once the module is done."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command, get_commands
from django.db import connection
from django.utils import translation

from tandem import cli
from tandem.places.models import Region
from tandem.synergies.models import Synergy
from tests import factories
from tests.conftest import load_all

pytestmark = pytest.mark.usefixtures("reload_after")


@pytest.fixture(autouse=True)
def _english_messages():
    """The commands' messages in English, whatever language an earlier test left active, so
    the assertions read the source strings."""
    with translation.override("en"):
        yield


committed = pytest.mark.django_db(transaction=True)
REPORT = "reports/2023/verslag-41002-nl.pdf"
ANSWER = "responses/2026/bijlage één.docx"


@pytest.fixture
def media(settings, tmp_path):
    """An uploads folder with an answer's document and a frozen report."""
    root = tmp_path / "uploads"
    settings.MEDIA_ROOT = root
    for name, data in ((ANSWER, b"PK\x03\x04 answer " * 300), (REPORT, b"%PDF-1.7 report " * 500)):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def table_counts():
    """Rows per table, counted here rather than by the code under test."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = cursor.fetchone()[0]
    return counts


def files_under(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run(capsys, *args):
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def back_up(path):
    call_command("backup", "--output", str(path), stdout=io.StringIO())
    return path


def database_member():
    return "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"


def flip_a_byte(archive, member):
    """Change one byte in the middle of a member's data, as a bad disk or a hand would."""
    with tarfile.open(archive) as tar:
        info = tar.getmember(member)
    with open(archive, "r+b") as raw:
        raw.seek(info.offset_data + info.size // 2)
        byte = raw.read(1)
        raw.seek(-1, io.SEEK_CUR)
        raw.write(bytes([byte[0] ^ 0x01]))


def repack(source, target, edit):
    """A copy of an archive changed by `edit(members, manifest)`, its manifest and SHA256SUMS made
    to agree again: every checksum matches, the content is not what was backed up."""
    with tarfile.open(source) as tar:
        data = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}
    manifest = json.loads(data.pop("manifest.json"))
    del data["SHA256SUMS"]
    edit(data, manifest)
    manifest["members"] = {
        name: {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        for name, content in data.items()
    }
    data["manifest.json"] = json.dumps(manifest).encode()
    data["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(content).hexdigest()}  {name}\n" for name, content in data.items()
    ).encode()
    with tarfile.open(target, "w") as tar:
        for name, content in data.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return target


def test_backup_and_restore_are_verbs_of_the_tandem_command(capsys):
    assert cli.VERBS["backup"] == "backup"
    assert cli.VERBS["restore"] == "restore"
    commands = get_commands()
    assert commands["backup"] == commands["restore"] == "tandem.core"
    with pytest.raises(SystemExit) as exit_:
        cli.main(["restore", "--help"])
    assert exit_.value.code == 0
    assert "--check" in capsys.readouterr().out


@committed
def test_restore_gives_back_the_rows_and_files_of_the_backup(media, tmp_path, capsys):
    if not Region.objects.exists():
        load_all()
    pair = factories.pair("41002")
    person = factories.user(username="kept-by-the-backup")
    synergy = factories.synergy(pair=pair, title_nl="Gedeelde aankoopdienst")
    factories.measure(pair=pair, title_nl="Raamcontract")
    rows = table_counts()
    files = files_under(media)
    archive = tmp_path / "tandem.tar"

    code, out, err = run(capsys, "backup", "--output", str(archive))
    assert code == 0, err
    assert archive.stat().st_mode & 0o077 == 0  # the whole database: its owner's eyes only

    get_user_model().objects.filter(pk=person.pk).delete()
    Synergy.objects.filter(pk=synergy.pk).delete()
    factories.synergy(pair=pair, title_nl="Na de back-up")
    (media / REPORT).unlink()
    (media / ANSWER).write_bytes(b"overwritten")
    (media / "later.pdf").write_bytes(b"%PDF added after the backup")
    assert table_counts() != rows

    code, out, err = run(capsys, "restore", str(archive), "--yes")

    assert code == 0, err
    assert table_counts() == rows
    assert files_under(media) == files
    assert get_user_model().objects.filter(username="kept-by-the-backup").exists()
    assert Synergy.objects.filter(title_nl="Gedeelde aankoopdienst").exists()
    assert not Synergy.objects.filter(title_nl="Na de back-up").exists()
    total = f"{sum(rows.values()):,}".replace(",", ".")
    assert f"Restored {len(rows)} tables, {total} rows, 2 files" in out
    assert "row counts and checksums match the backup" in out


@committed
@pytest.mark.parametrize("member", ["database", f"uploads/{REPORT}", "manifest.json"])
def test_a_changed_byte_is_refused_naming_the_member_and_nothing_changes(media, tmp_path, member):
    factories.user(username="in-the-backup")
    archive = back_up(tmp_path / "tandem.tar")
    member = database_member() if member == "database" else member
    flip_a_byte(archive, member)
    factories.user(username="after-the-backup")
    (media / REPORT).write_bytes(b"%PDF newer report")
    rows = table_counts()
    files = files_under(media)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    with pytest.raises(CommandError) as checked:
        call_command("restore", str(archive), "--check", stdout=io.StringIO())

    for error in (refused, checked):
        assert f"Member {member} does not match its checksum" in str(error.value)
    assert table_counts() == rows
    assert files_under(media) == files
    assert get_user_model().objects.filter(username="after-the-backup").exists()


@committed
def test_check_reads_a_sound_archive_and_changes_nothing(media, tmp_path):
    factories.user(username="in-the-backup")
    archive = back_up(tmp_path / "tandem.tar")
    factories.user(username="after-the-backup")
    out = io.StringIO()

    call_command("restore", str(archive), "--check", stdout=out)

    assert "every checksum matches" in out.getvalue()
    assert "2 files" in out.getvalue()
    assert get_user_model().objects.filter(username="after-the-backup").exists()


@committed
def test_a_backup_of_the_other_database_kind_is_refused(media, tmp_path):
    archive = back_up(tmp_path / "tandem.tar")
    other, other_member = (
        ("postgresql", "database.pgdump")
        if connection.vendor == "sqlite"
        else ("sqlite", "database.sqlite3")
    )

    def other_kind(members, manifest):
        members[other_member] = members.pop(database_member())
        manifest["database_vendor"] = other

    foreign = repack(archive, tmp_path / "foreign.tar", other_kind)
    factories.user(username="after-the-backup")
    rows = table_counts()

    with pytest.raises(CommandError, match="This is a backup of a (PostgreSQL|SQLite) database"):
        call_command("restore", str(foreign), "--yes", stdout=io.StringIO())

    assert table_counts() == rows


@committed
def test_a_damaged_dump_with_matching_checksums_changes_nothing(media, tmp_path):
    """A dump that was already broken when it was written: its checksums agree."""
    archive = back_up(tmp_path / "tandem.tar")

    def truncated(members, manifest):
        dump = members[database_member()]
        members[database_member()] = dump[: len(dump) // 2]

    damaged = repack(archive, tmp_path / "damaged.tar", truncated)
    factories.user(username="after-the-backup")
    (media / REPORT).write_bytes(b"%PDF newer report")
    rows = table_counts()
    files = files_under(media)

    with pytest.raises(CommandError, match="damaged|pg_restore failed"):
        call_command("restore", str(damaged), "--yes", stdout=io.StringIO())

    assert table_counts() == rows
    assert files_under(media) == files


@pytest.mark.parametrize(
    "name", ["uploads/../../escaped.txt", "/tmp/escaped.txt", "notes.txt", "uploads/link"]
)
def test_a_member_outside_the_backup_layout_is_refused_before_anything_is_read(
    media, tmp_path, name
):
    """No database access is allowed here: the refusal comes before the restore reads it."""
    unsafe = tmp_path / "unsafe.tar"
    with tarfile.open(unsafe, "w") as tar:
        info = tarfile.TarInfo(name)
        if name.endswith("link"):
            info.type, info.linkname = tarfile.SYMTYPE, "../../escaped.txt"
        else:
            info.size = len(b"not from a backup")
        tar.addfile(info, io.BytesIO(b"not from a backup"))
    files = files_under(media)

    with pytest.raises(CommandError, match=f"Member {name} is refused"):
        call_command("restore", str(unsafe), "--yes", stdout=io.StringIO())

    assert not (tmp_path / "escaped.txt").exists()
    assert not Path("/tmp/escaped.txt").exists()
    assert files_under(media) == files


@committed
def test_restore_asks_first_and_a_no_changes_nothing(media, tmp_path, monkeypatch):
    archive = back_up(tmp_path / "tandem.tar")
    factories.user(username="after-the-backup")
    (media / REPORT).unlink()
    files = files_under(media)
    questions = []
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or "no")

    with pytest.raises(CommandError, match="Restore cancelled; nothing was changed"):
        call_command("restore", str(archive), stdout=io.StringIO())

    assert "cannot be undone" in questions[0]
    assert get_user_model().objects.filter(username="after-the-backup").exists()
    assert files_under(media) == files


def test_a_backup_never_overwrites_a_file(db, media, tmp_path):
    existing = tmp_path / "tandem.tar"
    existing.write_bytes(b"an older backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--output", str(existing), stdout=io.StringIO())

    assert existing.read_bytes() == b"an older backup"
