"""Loading a pair's synergy register transcribed from seed 004 (demo/data/*-synergies-*.yaml),
idempotently: each record is found again by its natural key and updated only where it differs."""

from pathlib import Path

import yaml
from django.db import transaction

from tandem.catalogue.models import SynergyDomain
from tandem.core.sync import Outcome, sync_row
from tandem.places.models import Pair
from tandem.synergies.models import FocusGroup, Measure, Meeting, ReportEdition, Synergy

REGISTER_FILES = ("molenbeek-synergies-2023.yaml",)


class RegisterDataError(Exception):
    """A register data file names something unknown or repeats a record."""


def _sync(model, lookup: dict, values: dict, counts: dict, label: str) -> None:
    # The register counts what it creates, not what it updates.
    _, outcome = sync_row(model=model, key=lookup, values=values)
    if outcome is Outcome.CREATED:
        counts[label] = counts.get(label, 0) + 1


def _texts(field: str, texts: dict | str | None) -> dict:
    if isinstance(texts, str) or texts is None:
        texts = {"nl": texts or ""}
    return {f"{field}_{lang}": (texts.get(lang) or "").strip() for lang in ("nl", "fr")}


@transaction.atomic
def load_registers(data_dir: Path, counts: dict) -> None:
    domains = {d.slug: d for d in SynergyDomain.objects.all()}
    for name in REGISTER_FILES:
        with open(data_dir / name, encoding="utf-8") as handle:
            _load_register(yaml.safe_load(handle), name, domains, counts)


def _domain(domains, slug, where):
    if slug not in domains:
        raise RegisterDataError(f"{where}: unknown synergy domain '{slug}'")
    return domains[slug]


def _unique(keys: set, key, where):
    if key in keys:
        raise RegisterDataError(f"{where}: repeats an earlier entry")
    keys.add(key)


def _load_register(data: dict, filename: str, domains: dict, counts: dict) -> None:
    pair = Pair.objects.filter(municipality__refnis=data["pair"]).first()
    if pair is None:
        raise RegisterDataError(f"{filename}: no pair {data['pair']}; run load-reference first")
    for edition in data.get("editions", []):
        values = _texts("introduction", edition.get("introduction"))
        values["source"] = edition.get("source", "")
        _sync(ReportEdition, {"pair": pair, "year": edition["year"]}, values, counts, "editions")
    seen = set()
    for entry in data.get("meetings", []):
        titles = _texts("title", entry["title"])
        where = f"{filename} meeting {entry['date']}"
        _unique(seen, (entry["date"], titles["title_nl"]), where)
        values = {
            "participants": entry.get("participants", ""),
            "source": entry.get("source", ""),
            **_texts("agenda", entry.get("agenda")),
            **_texts("decisions", entry.get("decisions")),
        }
        lookup = {"pair": pair, "kind": entry["kind"], "date": entry["date"], **titles}
        _sync(Meeting, lookup, values, counts, "meetings")
    for entry in data.get("focus_groups", []):
        service = entry["service"]["nl"]
        values = {
            "domain": _domain(domains, entry["domain"], f"{filename} focus group {service}"),
            "source": entry.get("source", ""),
        }
        _sync(FocusGroup, {"pair": pair, "service": service}, values, counts, "focus groups")
    for kind, model, label in (
        ("synergies", Synergy, "synergies"),
        ("measures", Measure, "measures"),
    ):
        seen = set()
        for order, entry in enumerate(data.get(kind, []), start=1):
            where = f"{filename} {kind} #{order} ({entry.get('source', '')})"
            titles = _texts("title", entry["title"])
            domain = _domain(domains, entry["domain"], where)
            _unique(seen, (domain.slug, titles["title_nl"]), where)
            values = {"order": order, "source": entry.get("source", "")}
            values |= _texts("description", entry.get("description"))
            if model is Synergy:
                values |= {
                    "status": entry["status"],
                    "start_year": entry.get("start_year"),
                    "partners": entry["partners"],
                    "partner_names": entry.get("partner_names", ""),
                }
            else:
                values |= {"status": entry["status"], "year": entry["year"]}
            lookup = {"pair": pair, "domain": domain, **titles}
            _sync(model, lookup, values, counts, label)
