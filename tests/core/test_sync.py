"""The idempotent sync of data files (core/sync.py) on the project's own models: a first run
creates, a second run changes nothing, a changed field is written alone and counted once."""

import datetime

from tandem.catalogue.models import Instrument, ObstacleType
from tandem.core.sync import (
    Outcome,
    SyncCounts,
    delete_absent,
    sync_m2m,
    sync_row,
    sync_rows,
)
from tandem.places.models import Pair, PeerGroup
from tandem.synergies.models import Meeting

ROWS = [
    {"slug": "test-overleg", "name_nl": "Overleg", "name_fr": "Concertation", "order": 1},
    {"slug": "test-nota", "name_nl": "Nota", "name_fr": "Note", "order": 2},
    {"slug": "test-charter", "name_nl": "Charter", "name_fr": "Charte", "order": 3},
]


def _sync_all(rows) -> SyncCounts:
    counts = SyncCounts()
    for row in rows:
        values = {k: v for k, v in row.items() if k != "slug"}
        _, outcome = sync_row(model=Instrument, key={"slug": row["slug"]}, values=values)
        counts.add(outcome)
    return counts


def test_a_first_run_creates_and_a_second_run_changes_nothing(db):
    assert _sync_all(ROWS) == SyncCounts(created=3, updated=0, unchanged=0)
    assert _sync_all(ROWS) == SyncCounts(created=0, updated=0, unchanged=3)
    nota = Instrument.objects.get(slug="test-nota")
    assert (nota.name_nl, nota.name_fr, nota.order) == ("Nota", "Note", 2)


def test_a_changed_field_updates_that_record_only(db):
    _sync_all(ROWS)
    changed = [dict(row) for row in ROWS]
    changed[1]["name_fr"] = "Note de service"
    assert _sync_all(changed) == SyncCounts(created=0, updated=1, unchanged=2)
    names = dict(Instrument.objects.filter(slug__startswith="test-").values_list("slug", "name_fr"))
    assert names == {
        "test-overleg": "Concertation",
        "test-nota": "Note de service",
        "test-charter": "Charte",
    }
    assert Instrument.objects.get(slug="test-nota").name_nl == "Nota"


def test_sync_rows_counts_and_keeps_records_the_rows_no_longer_name(db):
    records, counts = sync_rows(model=ObstacleType, key_field="slug", rows=ROWS)
    assert counts == SyncCounts(created=3, updated=0, unchanged=0)
    # The shipped types stay: a sync never deletes what the rows leave out.
    assert {"test-overleg", "test-nota", "test-charter", "juridisch"} <= set(records)
    assert records["test-charter"].name_nl == "Charter"

    changed = [ROWS[0], {**ROWS[2], "order": 9}]
    records, counts = sync_rows(model=ObstacleType, key_field="slug", rows=changed)
    assert counts == SyncCounts(created=0, updated=1, unchanged=1)
    assert ObstacleType.objects.get(slug="test-charter").order == 9
    assert ObstacleType.objects.filter(slug="test-nota").exists()


def test_a_changed_versioned_record_gets_one_new_version_and_one_history_row(db):
    pair = Pair.objects.get(municipality__refnis="44021")
    key = {"pair": pair, "kind": "coordination", "date": datetime.date(2023, 3, 1)}
    values = {"title_nl": "Overleg", "participants": "A, B"}
    meeting, outcome = sync_row(model=Meeting, key=key, values=values)
    assert (outcome, meeting.version, meeting.history.count()) == (Outcome.CREATED, 1, 1)

    stamp = Meeting.objects.get(pk=meeting.pk).updated_at
    _, outcome = sync_row(model=Meeting, key=key, values=values)
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (outcome, stored.version, stored.updated_at) == (Outcome.UNCHANGED, 1, stamp)
    assert meeting.history.count() == 1

    _, outcome = sync_row(model=Meeting, key=key, values={**values, "participants": "A, B, C"})
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (outcome, stored.version, stored.participants) == (Outcome.UPDATED, 2, "A, B, C")
    assert stored.updated_at > stamp
    assert stored.title_nl == "Overleg"
    assert meeting.history.count() == 2


def test_sync_m2m_writes_only_a_different_set(db):
    group = PeerGroup.objects.create(slug="test-group", name_nl="Test")
    gent, aalst = (Pair.objects.get(municipality__refnis=code) for code in ("44021", "41002"))
    assert sync_m2m(manager=group.pairs, wanted=[gent, aalst]) is True
    assert sync_m2m(manager=group.pairs, wanted=[aalst, gent]) is False
    assert sync_m2m(manager=group.pairs, wanted=[gent]) is True
    assert list(group.pairs.all()) == [gent]


def test_delete_absent_removes_only_what_is_not_kept(db):
    sync_rows(model=ObstacleType, key_field="slug", rows=ROWS)
    kept = list(ObstacleType.objects.filter(slug="test-nota").values_list("pk", flat=True))
    deleted = delete_absent(
        records=ObstacleType.objects.filter(slug__startswith="test-"), kept=kept
    )
    assert deleted == 2
    assert list(
        ObstacleType.objects.filter(slug__startswith="test-").values_list("slug", flat=True)
    ) == ["test-nota"]
    assert ObstacleType.objects.filter(slug="juridisch").exists()
