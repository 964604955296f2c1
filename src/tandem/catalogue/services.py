"""Loading the shipped catalogue (catalogue/data/*.yaml) into the database, idempotently."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import translation

from tandem.core.sync import Outcome, SyncCounts, sync_row

from .grid_catalogue import load_grid_vocabulary
from .guides import load_guides
from .models import (
    Aspect,
    ContactDomain,
    DegreeLevel,
    Domain,
    Framework,
    Instrument,
    ObstacleType,
    ReasonCluster,
    SynergyDomain,
)
from .subjects import load_product_dossiers, load_subjects

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("nl", "fr", "en")


class CatalogueError(Exception):
    """A catalogue data file is malformed; the message names the file and the entry."""


def _translated(field: str, texts: Mapping[str, str] | None, where: str) -> dict[str, object]:
    """{'nl': .., 'fr': .., 'en': ..} -> {'field_nl': .., ...}; Dutch is required."""
    texts = texts or {}
    if field in {"name", "label", "short_label"} and not texts.get("nl"):
        raise CatalogueError(f"{where}: '{field}' needs a Dutch text")
    return {f"{field}_{lang}": texts.get(lang, "") or "" for lang in LANGUAGES}


class Counter(dict[str, SyncCounts]):
    """What a load did, per kind of record, in the order the kinds were first met."""

    def add(self, label: str, outcome: Outcome) -> None:
        self.setdefault(label, SyncCounts()).add(outcome)

    def summary(self) -> str:
        return "; ".join(f"{k}: {c.created} new, {c.updated} updated" for k, c in self.items())

    def changed(self) -> bool:
        return any(counts.changed for counts in self.values())


def _load(path: Path) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            data: dict[str, Any] = yaml.safe_load(handle)
            return data
    except yaml.YAMLError as error:
        raise CatalogueError(f"{path.name}: not valid YAML: {error}") from error


@transaction.atomic
@translation.override("nl")
def load_catalogue(data_dir: Path = DATA_DIR) -> Counter:
    """Load the vocabularies and every framework file. Running it twice changes nothing."""
    counter = Counter()
    _load_vocabulary(_load(data_dir / "vocabulary.yaml"), counter)
    for path in sorted((data_dir / "frameworks").glob("*.yaml")):
        load_framework(_load(path), path.name, counter)
    _load_synergy_domains(_load(data_dir / "synergy_domains.yaml"), counter)
    load_grid_vocabulary(_load(data_dir / "grid.yaml"), counter, (_translated, CatalogueError))
    load_subjects(_load(data_dir / "subjects.yaml"), counter, _translated, CatalogueError)
    load_product_dossiers(_load(data_dir / "product_dossiers.yaml"), counter, _translated)
    load_guides(data_dir / "guides", _load, counter, _translated, CatalogueError)
    return counter


def _load_synergy_domains(data: dict[str, Any], counter: Counter) -> None:
    """The report's domains in their order; a sub-theme follows its parent in the numbering."""
    order = 0
    for entry in data["domains"]:
        order += 1
        section = entry.get("section", SynergyDomain.Section.LOCAL)
        parent = _sync_synergy_domain(entry, order, None, section, counter)
        for theme in entry.get("themes", []):
            order += 1
            _sync_synergy_domain(theme, order, parent, section, counter)


def _sync_synergy_domain(
    entry: dict[str, Any],
    order: int,
    parent: SynergyDomain | None,
    section: str,
    counter: Counter,
) -> SynergyDomain:
    where = f"synergy_domains.yaml {entry.get('slug')}"
    if section not in SynergyDomain.Section.values:
        raise CatalogueError(f"{where}: unknown section '{section}'")
    values = _translated("name", entry.get("name"), where)
    values |= {
        "order": order,
        "parent": parent,
        "section": section,
        "source": entry.get("source", ""),
    }
    domain, outcome = sync_row(model=SynergyDomain, key={"slug": entry["slug"]}, values=values)
    counter.add("synergy domains", outcome)
    return domain


def _load_vocabulary(data: dict[str, Any], counter: Counter) -> None:
    for entry in data["degrees"]:
        values = _translated("label", entry["label"], f"degree {entry['value']}")
        values |= {
            "code": entry["code"],
            "colour": entry["colour"],
            "text_colour": entry["text_colour"],
            "symbol": entry.get("symbol", ""),
        }
        _, outcome = sync_row(model=DegreeLevel, key={"value": entry["value"]}, values=values)
        counter.add("degrees", outcome)
    for key, model in (
        ("reason_clusters", ReasonCluster),
        ("obstacle_types", ObstacleType),
        ("instruments", Instrument),
    ):
        for order, entry in enumerate(data[key], start=1):
            where = f"vocabulary.yaml {key} {entry.get('slug')}"
            values = _translated("name", entry.get("name"), where)
            values |= _translated("description", entry.get("description"), where)
            values |= {"order": order, "source": entry.get("source", "")}
            if model is Instrument:
                values["formal"] = bool(entry.get("formal", True))
            _, outcome = sync_row(model=model, key={"slug": entry["slug"]}, values=values)
            counter.add(key.replace("_", " "), outcome)


def load_framework(data: dict[str, Any], filename: str, counter: Counter) -> Framework:
    values = _translated("name", data["name"], filename)
    values |= _translated("description", data.get("description"), filename)
    values |= {
        "version": data["version"],
        "source": data.get("source", ""),
        "method": data.get("method", Framework.Method.QUESTIONNAIRE),
    }
    if values["method"] not in Framework.Method.values:
        raise CatalogueError(f"{filename}: unknown method '{values['method']}'")
    framework, outcome = sync_row(model=Framework, key={"slug": data["slug"]}, values=values)
    counter.add("frameworks", outcome)

    for entry in data["domains"]:
        where = f"{filename} domain {entry.get('slug')}"
        values = _translated("name", entry["name"], where)
        values |= _translated("field_phrase", entry.get("field_phrase"), where)
        values |= {"number": entry["number"], "questionnaire_heading": entry.get("heading", "")}
        domain, outcome = sync_row(
            model=Domain, key={"framework": framework, "slug": entry["slug"]}, values=values
        )
        counter.add("domains", outcome)
        aspects = [(a, Aspect.Origin.PREDEFINED) for a in entry.get("aspects", [])]
        aspects += [(a, Aspect.Origin.CONFIRMATION) for a in entry.get("confirmation_aspects", [])]
        seen: set[str] = set()
        for order, (aspect, origin) in enumerate(aspects, start=1):
            where_aspect = f"{where} aspect {aspect.get('slug')}"
            if aspect["slug"] in seen:
                raise CatalogueError(f"{where_aspect}: duplicate slug")
            seen.add(aspect["slug"])
            values = _translated("short_label", aspect["short"], where_aspect)
            values |= _translated("label", aspect["label"], where_aspect)
            values |= _translated("gloss", aspect.get("gloss"), where_aspect)
            values |= {
                "order": order,
                "origin": origin,
                "source": aspect.get("source", ""),
                "source_labels": list(aspect.get("source_labels", [])),
            }
            # Free the order slot first if another aspect holds it (reordering in a new version).
            Aspect.objects.filter(domain=domain, order=order).exclude(slug=aspect["slug"]).update(
                order=1000 + order
            )
            _, outcome = sync_row(
                model=Aspect, key={"domain": domain, "slug": aspect["slug"]}, values=values
            )
            counter.add("aspects", outcome)

    for order, entry in enumerate(data.get("contact_domains", []), start=1):
        values = _translated("name", entry["name"], f"{filename} contact domain {entry['slug']}")
        values["order"] = order
        _, outcome = sync_row(
            model=ContactDomain, key={"framework": framework, "slug": entry["slug"]}, values=values
        )
        counter.add("contact domains", outcome)
    return framework
