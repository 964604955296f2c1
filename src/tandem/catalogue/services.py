"""Loading the shipped catalogue (catalogue/data/*.yaml) into the database, idempotently."""

from pathlib import Path

import yaml
from django.db import transaction
from django.utils import translation

from .grid_catalogue import load_grid_vocabulary
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

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("nl", "fr", "en")


class CatalogueError(Exception):
    """A catalogue data file is malformed; the message names the file and the entry."""


def _translated(field: str, texts: dict | None, where: str) -> dict:
    """{'nl': .., 'fr': .., 'en': ..} -> {'field_nl': .., ...}; Dutch is required."""
    texts = texts or {}
    if field in {"name", "label", "short_label"} and not texts.get("nl"):
        raise CatalogueError(f"{where}: '{field}' needs a Dutch text")
    return {f"{field}_{lang}": texts.get(lang, "") or "" for lang in LANGUAGES}


def _sync(model, lookup: dict, values: dict) -> tuple[object, bool, bool]:
    """get_or_create by lookup, then write the fields that differ: (obj, created, updated)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True, False
    changed = [f for f, v in values.items() if getattr(obj, f) != v]
    for f in changed:
        setattr(obj, f, values[f])
    if changed:
        obj.save(update_fields=changed)
    return obj, False, bool(changed)


class Counter(dict):
    def add(self, label: str, created: bool, updated: bool) -> None:
        entry = self.setdefault(label, [0, 0])
        entry[0] += int(created)
        entry[1] += int(updated)

    def summary(self) -> str:
        return "; ".join(f"{k}: {c} new, {u} updated" for k, (c, u) in self.items())

    def changed(self) -> bool:
        return any(c or u for c, u in self.values())


def _load(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
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
    load_grid_vocabulary(
        _load(data_dir / "grid.yaml"), counter, (_sync, _translated, CatalogueError)
    )
    return counter


def _load_synergy_domains(data: dict, counter: Counter) -> None:
    """The report's domains in their order; a sub-theme follows its parent in the numbering."""
    order = 0
    for entry in data["domains"]:
        order += 1
        section = entry.get("section", SynergyDomain.Section.LOCAL)
        parent = _sync_synergy_domain(entry, order, None, section, counter)
        for theme in entry.get("themes", []):
            order += 1
            _sync_synergy_domain(theme, order, parent, section, counter)


def _sync_synergy_domain(entry, order, parent, section, counter) -> SynergyDomain:
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
    domain, c, u = _sync(SynergyDomain, {"slug": entry["slug"]}, values)
    counter.add("synergy domains", c, u)
    return domain


def _load_vocabulary(data: dict, counter: Counter) -> None:
    for entry in data["degrees"]:
        values = _translated("label", entry["label"], f"degree {entry['value']}")
        values |= {
            "code": entry["code"],
            "colour": entry["colour"],
            "text_colour": entry["text_colour"],
            "symbol": entry.get("symbol", ""),
        }
        _, c, u = _sync(DegreeLevel, {"value": entry["value"]}, values)
        counter.add("degrees", c, u)
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
            _, c, u = _sync(model, {"slug": entry["slug"]}, values)
            counter.add(key.replace("_", " "), c, u)


def load_framework(data: dict, filename: str, counter: Counter) -> Framework:
    values = _translated("name", data["name"], filename)
    values |= _translated("description", data.get("description"), filename)
    values |= {
        "version": data["version"],
        "source": data.get("source", ""),
        "method": data.get("method", Framework.Method.QUESTIONNAIRE),
    }
    if values["method"] not in Framework.Method.values:
        raise CatalogueError(f"{filename}: unknown method '{values['method']}'")
    framework, c, u = _sync(Framework, {"slug": data["slug"]}, values)
    counter.add("frameworks", c, u)

    for entry in data["domains"]:
        where = f"{filename} domain {entry.get('slug')}"
        values = _translated("name", entry["name"], where)
        values |= _translated("field_phrase", entry.get("field_phrase"), where)
        values |= {"number": entry["number"], "questionnaire_heading": entry.get("heading", "")}
        domain, c, u = _sync(Domain, {"framework": framework, "slug": entry["slug"]}, values)
        counter.add("domains", c, u)
        aspects = [(a, Aspect.Origin.PREDEFINED) for a in entry.get("aspects", [])]
        aspects += [(a, Aspect.Origin.CONFIRMATION) for a in entry.get("confirmation_aspects", [])]
        seen = set()
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
            _, c, u = _sync(Aspect, {"domain": domain, "slug": aspect["slug"]}, values)
            counter.add("aspects", c, u)

    for order, entry in enumerate(data.get("contact_domains", []), start=1):
        values = _translated("name", entry["name"], f"{filename} contact domain {entry['slug']}")
        values["order"] = order
        _, c, u = _sync(ContactDomain, {"framework": framework, "slug": entry["slug"]}, values)
        counter.add("contact domains", c, u)
    return framework
