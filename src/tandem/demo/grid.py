"""Loading the demo grid campaign of seed 000 (demo/data/financieel-2012/): the campaign, its 13
synthesis tables and the focus groups' factor matrices, idempotently. Entries are found again by
(table, sub-domain, stage, position), obstacles by (entry, position); a record is saved only
where it differs, so a second run changes nothing and leaves no history rows."""

from pathlib import Path
from types import SimpleNamespace

import yaml

from tandem.catalogue.models import (
    Aspect,
    CooperationFocus,
    Domain,
    Factor,
    ObstacleType,
    TypologyValue,
)
from tandem.core.sync import Outcome, delete_absent, sync_m2m, sync_row
from tandem.grid.models import (
    FactorColumn,
    FactorMatrix,
    FactorRow,
    FactorValue,
    GridEntry,
    GridObstacle,
    PracticeNote,
    SynthesisTable,
)

GRID_DIR = "financieel-2012"
STAGES = ("current", "desirable")


class GridDataError(Exception):
    """A grid data file names something unknown."""


def _read(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _sync(model, lookup: dict, values: dict, counts: dict, label: str):
    record, outcome = sync_row(model=model, key=lookup, values=values)
    counted = {Outcome.CREATED: label, Outcome.UPDATED: f"{label} updated"}.get(outcome)
    if counted:
        counts[counted] = counts.get(counted, 0) + 1
    return record


def load_grid_campaign(data_dir: Path, campaign_loader, counts: dict) -> None:
    """Load campaign.yaml (through the campaign loader shared with the 2010 campaign), the city
    files and factors.yaml."""
    directory = data_dir / GRID_DIR
    spec = _read(directory / "campaign.yaml")
    labels = {entry["city"]: entry["refnis"] for entry in spec["pairs"]}
    campaign, participations = campaign_loader(spec, labels, f"{GRID_DIR}/campaign.yaml")
    vocabulary = _vocabulary(campaign.framework)
    for entry in spec["pairs"]:
        participation = participations[entry["city"]]
        where = f"{GRID_DIR}/{entry['file']}"
        table = _sync(
            SynthesisTable,
            {"participation": participation},
            {
                "attitude": entry.get("attitude", ""),
                "intake_on": entry["intake"]["date"],
                "intake_participants": entry["intake"]["participants"],
                "source": f"S000:{_read(directory / entry['file'])['lines']}",
            },
            counts,
            "synthesis tables",
        )
        _load_table(table, _read(directory / entry["file"]), vocabulary, where, counts)
    _load_matrices(campaign, participations, _read(directory / "factors.yaml"), vocabulary, counts)
    notes = _read(directory / "practice-notes.yaml")
    _load_notes(campaign, participations, notes, f"{GRID_DIR}/practice-notes.yaml", counts)


def _load_notes(campaign, participations, data: dict, where: str, counts: dict) -> None:
    """Seed 000's case boxes («Kader») as good-practice notes of the pairs they describe; a box
    about several cities becomes a note of each."""
    by_refnis = {p.pair.municipality.refnis: p for p in participations.values()}
    domains = {d.slug: d for d in campaign.framework.domains.all()}
    for note in data["notes"]:
        at = f"{where} Kader {note['number']}"
        domain = domains.get(note["domain"])
        if domain is None:
            raise GridDataError(f"{at}: no sub-domain '{note['domain']}'")
        components = list(domain.aspects.filter(slug__in=note.get("components", [])))
        if len(components) != len(note.get("components", [])):
            raise GridDataError(f"{at}: unknown component in {note['components']}")
        for refnis in note["refnis"]:
            if refnis not in by_refnis:
                raise GridDataError(f"{at}: no pair {refnis} in the campaign")
            record = _sync(
                PracticeNote,
                {"participation": by_refnis[refnis], "source": note["source"]},
                {
                    "domain": domain,
                    "stage": note["stage"],
                    "title_nl": note["title"]["nl"],
                    "title_fr": note["title"]["fr"],
                    "text_nl": note["text"]["nl"],
                    "text_fr": note["text"]["fr"],
                },
                counts,
                "good-practice notes",
            )
            if {c.pk for c in record.components.all()} != {c.pk for c in components}:
                record.components.set(components)


def _vocabulary(framework) -> SimpleNamespace:
    """The catalogue terms the grid files refer to, read once; factors by their slug path."""
    vocabulary = SimpleNamespace()
    vocabulary.domains = {d.number: d for d in Domain.objects.filter(framework=framework)}
    vocabulary.components = {
        (a.domain_id, a.slug): a for a in Aspect.objects.filter(domain__framework=framework)
    }
    vocabulary.typology = {(v.dimension, v.slug): v for v in TypologyValue.objects.all()}
    vocabulary.obstacle_types = {t.slug: t for t in ObstacleType.objects.all()}
    vocabulary.foci = {f.slug: f for f in CooperationFocus.objects.all()}
    factors = {f.pk: f for f in Factor.objects.all()}

    def path(factor):
        if factor.parent_id is None:
            return factor.slug
        return f"{path(factors[factor.parent_id])}/{factor.slug}"

    vocabulary.factors = {path(f): f for f in factors.values()}
    return vocabulary


def _load_table(table, data: dict, vocabulary, where: str, counts: dict) -> None:
    kept = []
    for block in data["subdomains"]:
        domain = vocabulary.domains.get(block["number"])
        if domain is None:
            raise GridDataError(f"{where}: unknown sub-domain {block['number']}")
        for stage in STAGES:
            for order, item in enumerate(block.get(stage) or [], start=1):
                place = f"{where} sub-domain {block['number']} {stage} #{order}"
                entry = _load_entry(table, domain, stage, order, item, vocabulary, place, counts)
                kept.append(entry.pk)
    delete_absent(records=table.entries.all(), kept=kept)


def _typology(item: dict, vocabulary, where: str) -> dict:
    values = {}
    for dimension in GridEntry.TYPOLOGY:
        slug = (item.get("typology") or {}).get(dimension)
        if slug is None:
            values[dimension] = None
            continue
        value = vocabulary.typology.get((dimension, slug))
        if value is None:
            raise GridDataError(f"{where}: unknown {dimension} '{slug}'")
        values[dimension] = value
    return values


def _load_entry(table, domain, stage, order, item, vocabulary, where, counts) -> GridEntry:
    obstacles = item.get("obstacles") or {}
    values = {
        "is_none": bool(item.get("none", False)),
        "label": item.get("label", "").strip(),
        "way": (item.get("way") or "").strip(),
        "possible": _possible(item.get("possible", "")),
        "obstacle_answer": obstacles.get("answer", ""),
        "note": (item.get("note") or "").strip(),
        "source": f"S000:{item['lines']}" if item.get("lines") else "",
        **_typology(item, vocabulary, where),
    }
    if values["possible"] not in ("", *GridEntry.Possible.values):
        raise GridDataError(f"{where}: unknown 'possible' value '{values['possible']}'")
    lookup = {"table": table, "domain": domain, "stage": stage, "order": order}
    entry = _sync(GridEntry, lookup, values, counts, "grid entries")
    components = []
    for slug in item.get("components") or []:
        component = vocabulary.components.get((domain.pk, slug))
        if component is None:
            raise GridDataError(f"{where}: unknown component '{slug}' in {domain.slug}")
        components.append(component)
    if not components and not values["is_none"]:
        raise GridDataError(f"{where}: an entry needs a component or 'none: true'")
    sync_m2m(manager=entry.components, wanted=components)
    kept = []
    for position, obstacle in enumerate(obstacles.get("items") or [], start=1):
        record = _sync(
            GridObstacle,
            {"entry": entry, "order": position},
            {
                "label": (obstacle.get("label") or "").strip(),
                "text": (obstacle.get("text") or "").strip(),
                "source": f"S000:{obstacle['lines']}" if obstacle.get("lines") else "",
            },
            counts,
            "obstacles",
        )
        types = []
        for slug in obstacle.get("types") or []:
            if slug not in vocabulary.obstacle_types:
                raise GridDataError(f"{where}: unknown obstacle type '{slug}'")
            types.append(vocabulary.obstacle_types[slug])
        sync_m2m(manager=record.types, wanted=types)
        kept.append(record.pk)
    delete_absent(records=entry.obstacles.all(), kept=kept)
    return entry


def _possible(value) -> str:
    # YAML 1.1 reads an unquoted yes/no as a boolean.
    if isinstance(value, bool):
        return GridEntry.Possible.YES if value else GridEntry.Possible.NO
    return value or ""


def _load_matrices(campaign, participations, data, vocabulary, counts) -> None:
    by_label = {}
    for city, participation in participations.items():
        by_label[_column_key(city)] = participation
    for spec in data["matrices"]:
        where = f"{GRID_DIR}/factors.yaml {spec['focus']}"
        focus = vocabulary.foci.get(spec["focus"])
        if focus is None:
            raise GridDataError(f"{where}: unknown focus")
        matrix = _sync(
            FactorMatrix,
            {"campaign": campaign, "focus": focus},
            {
                "title": spec.get("title", ""),
                "held_on": spec.get("held_on"),
                "source": f"S000:{spec['lines']}",
            },
            counts,
            "factor matrices",
        )
        columns = []
        for order, printed in enumerate(spec["columns"], start=1):
            participation = by_label.get(_column_key(printed))
            if participation is None:
                raise GridDataError(f"{where}: column '{printed}' is no pair of the campaign")
            columns.append(
                _sync(
                    FactorColumn,
                    {"matrix": matrix, "participation": participation},
                    {"order": order, "printed": printed},
                    counts,
                    "matrix columns",
                )
            )
        explanations = {
            (e["factor"], _column_key(e["column"])): e for e in spec.get("explanations") or []
        }
        for order, row_spec in enumerate(spec["rows"], start=1):
            factor = vocabulary.factors.get(row_spec["factor"])
            if factor is None:
                raise GridDataError(f"{where}: unknown factor '{row_spec['factor']}'")
            row = _sync(
                FactorRow,
                {"matrix": matrix, "factor": factor},
                {"order": order, "printed": row_spec.get("printed", "")},
                counts,
                "matrix rows",
            )
            cells = spec["cells"][row_spec["factor"]]
            if len(cells) != len(columns):
                raise GridDataError(f"{where}: {row_spec['factor']} has {len(cells)} values")
            for column, symbol in zip(columns, cells, strict=True):
                if symbol not in ("", *FactorValue.Symbol.values):
                    raise GridDataError(f"{where}: unknown symbol '{symbol}'")
                explained = explanations.get((row_spec["factor"], _column_key(column.printed)))
                _sync(
                    FactorValue,
                    {"row": row, "column": column},
                    {
                        "symbol": symbol,
                        "explanation": (explained or {}).get("text", "").strip(),
                        "source": f"S000:{explained['lines']}" if explained else "",
                    },
                    counts,
                    "factor values",
                )


def _column_key(label: str) -> str:
    """Match a matrix heading (ANTWERPEN, ST-NIKLAAS) to a city (Antwerpen, Sint-Niklaas)."""
    key = label.upper().replace("SINT-", "ST-").replace(" ", "")
    return key
