"""Loading the demo campaigns transcribed from the seeds (demo/data/*.yaml), idempotently."""

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import translation
from simple_history.utils import bulk_create_with_history

from tandem.analysis.matrix import Column, RowHeader, build_matrix
from tandem.campaigns.models import Campaign, CampaignAspect, CampaignPair, Response, Round
from tandem.catalogue.models import Aspect, Framework
from tandem.core.sync import Outcome, sync_row
from tandem.places.models import Pair
from tandem.places.services import municipality_for_code

from .grid import GridDataError, load_grid_campaign
from .study import StudyDataError, load_study_texts
from .synergies import RegisterDataError, load_registers
from .trajectory import TrajectoryDataError, load_trajectories

DATA_DIR = Path(__file__).resolve().parent / "data"
CAMPAIGN_FILES = ("centrumsteden-2010.yaml",)


class DemoDataError(Exception):
    """A demo data file disagrees with itself or with the reference data."""


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@transaction.atomic
@translation.override("nl")
def load_demo(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Load every demo campaign; returns counts of what was created or changed."""
    counts = {
        "campaigns": 0,
        "pairs": 0,
        "rounds": 0,
        "responses created": 0,
        "responses updated": 0,
    }
    for name in CAMPAIGN_FILES:
        with open(data_dir / name, encoding="utf-8") as handle:
            _load_campaign(yaml.safe_load(handle), name, counts)
    try:
        load_grid_campaign(
            data_dir,
            lambda spec, labels, name: _grid_campaign(spec, labels, name, counts),
            counts,
        )
        load_registers(data_dir, counts)
        load_study_texts(data_dir, counts)
        load_trajectories(data_dir, counts)
    except (RegisterDataError, GridDataError, StudyDataError, TrajectoryDataError) as error:
        raise DemoDataError(str(error)) from error
    return counts


def _load_campaign(data: dict[str, Any], filename: str, counts: dict[str, int]) -> Campaign:
    campaign, rounds = _campaign_and_rounds(data["campaign"], filename, counts)
    results_round = rounds[data["campaign"]["results_round"]]
    pairs = _participations(campaign, data["pairs"], filename, counts)
    _load_tables(data["tables"], campaign.framework, results_round, pairs, filename, counts)
    _link_added_aspects(campaign, rounds[1], data["tables"], campaign.framework)
    return campaign


def _grid_campaign(
    data: dict[str, Any], labels: dict[str, Any], filename: str, counts: dict[str, int]
) -> tuple[Campaign, dict[str, CampaignPair]]:
    """The campaign of a grid data file and its participations by the file's city label."""
    campaign, _ = _campaign_and_rounds(data["campaign"], filename, counts)
    pairs = _participations(campaign, labels, filename, counts)
    participations = {p.pair_id: p for p in CampaignPair.objects.filter(campaign=campaign)}
    return campaign, {label: participations[pair.pk] for label, pair in pairs.items()}


def _campaign_and_rounds(
    spec: dict[str, Any], filename: str, counts: dict[str, int]
) -> tuple[Campaign, dict[int, Round]]:
    framework = Framework.objects.filter(slug=spec["framework"]).first()
    if framework is None:
        raise DemoDataError(
            f"{filename}: framework '{spec['framework']}' is not loaded; "
            "run `tandem load-catalogue` first"
        )
    fields = {f"name_{lang}": text for lang, text in spec["name"].items()}
    fields |= {f"description_{lang}": text for lang, text in spec["description"].items()}
    fields |= {
        "framework": framework,
        "year": spec["year"],
        "organiser": spec["organiser"],
        "source": spec["source"],
        "status": spec["status"],
        "is_public": spec["is_public"],
    }
    campaign, outcome = sync_row(model=Campaign, key={"slug": spec["slug"]}, values=fields)
    counts["campaigns"] += int(outcome is Outcome.CREATED)

    rounds: dict[int, Round] = {}
    for entry in spec["rounds"]:
        values = {
            "kind": entry["kind"],
            "status": entry["status"],
            "note": entry.get("note", ""),
            "opens_on": _as_date(entry.get("opens_on")),
            "closes_on": _as_date(entry.get("closes_on")),
        }
        round_, outcome = sync_row(
            model=Round, key={"campaign": campaign, "number": entry["number"]}, values=values
        )
        counts["rounds"] += int(outcome is Outcome.CREATED)
        rounds[entry["number"]] = round_
    return campaign, rounds


def _link_added_aspects(
    campaign: Campaign, round_: Round, tables: list[dict[str, Any]], framework: Framework
) -> None:
    """The 'other' aspects of the seed's tables (2) were named by some cities in round 1 and put
    to every city in the confirmation round: record them as aspects this campaign added
    (S001:35, 83)."""
    slugs = {(t["domain"], slug) for t in tables for slug in t["columns"]}
    for aspect in Aspect.objects.filter(domain__framework=framework).exclude(
        origin=Aspect.Origin.PREDEFINED
    ):
        if (aspect.domain.slug, aspect.slug) in slugs:
            CampaignAspect.objects.get_or_create(
                campaign=campaign, aspect=aspect, defaults={"round": round_}
            )


def _participations(
    campaign: Campaign, labels: dict[str, Any], filename: str, counts: dict[str, int]
) -> dict[str, Pair]:
    """Resolve each source label to today's pair (former codes included)."""
    by_code: dict[str, list[str]] = {}
    for label, code in labels.items():
        by_code.setdefault(str(code), []).append(label)
    pairs: dict[str, Pair] = {}
    for code, source_labels in by_code.items():
        municipality = municipality_for_code(code)
        if municipality is None:
            raise DemoDataError(f"{filename}: REFNIS code {code} ({source_labels[0]}) is unknown")
        source_label = " / ".join(source_labels)
        _participation, outcome = sync_row(
            model=CampaignPair,
            key={"campaign": campaign, "pair": municipality.pair},
            values={"source_label": source_label},
        )
        counts["pairs"] += int(outcome is Outcome.CREATED)
        for label in source_labels:
            pairs[label] = municipality.pair
    return pairs


def _load_tables(
    tables: list[dict[str, Any]],
    framework: Framework,
    round_: Round,
    pairs: dict[str, Pair],
    filename: str,
    counts: dict[str, int],
) -> None:
    aspects = {
        (a.domain.slug, a.slug): a
        for a in Aspect.objects.filter(domain__framework=framework).select_related("domain")
    }
    existing = {
        (r.pair_id, r.aspect_id): r
        for r in Response.objects.filter(round=round_, respondent=Response.Respondent.JOINT)
    }
    to_create: list[Response] = []
    for table in tables:
        where = f"{filename} table {table['domain']}/{table['aspects']} ({table['source']})"
        columns = []
        for slug in table["columns"]:
            aspect = aspects.get((table["domain"], slug))
            if aspect is None:
                raise DemoDataError(f"{where}: unknown aspect '{slug}'")
            columns.append(aspect)
        for label, cells in table["rows"].items():
            if label not in pairs:
                raise DemoDataError(f"{where}: city label '{label}' is not in `pairs`")
            if len(cells) != len(columns):
                raise DemoDataError(
                    f"{where}, row {label}: {len(cells)} cells for {len(columns)} columns"
                )
            pair = pairs[label]
            for aspect, degree in zip(columns, cells, strict=True):
                note = (
                    table["source"]
                    if degree is not None
                    else f"{table['source']}: blank in the source"
                )
                response = existing.get((pair.pk, aspect.pk))
                if response is None:
                    to_create.append(
                        Response(
                            round=round_,
                            pair=pair,
                            aspect=aspect,
                            degree=degree,
                            respondent=Response.Respondent.JOINT,
                            status=Response.Status.SUBMITTED,
                            source_note=note,
                        )
                    )
                elif (
                    response.degree != degree
                    or response.source_note != note
                    or response.status != Response.Status.SUBMITTED
                ):
                    response.degree, response.source_note = degree, note
                    response.status = Response.Status.SUBMITTED
                    response.save()
                    counts["responses updated"] += 1
        _check_printed_totals(table, columns, pairs, where)
    bulk_create_with_history(to_create, Response, batch_size=500)
    counts["responses created"] += len(to_create)


def _check_printed_totals(
    table: dict[str, Any], columns: list[Aspect], pairs: dict[str, Pair], where: str
) -> None:
    """The seed prints TOT STAD and TOT ASPECT under the predefined tables: they must agree."""
    if "printed_tot_stad" not in table:
        return
    matrix = build_matrix(
        [Column(a.pk, a.slug, a.slug) for a in columns],
        [RowHeader(label, label) for label in table["rows"]],
        [
            (label, a.pk, v)
            for label, cells in table["rows"].items()
            for a, v in zip(columns, cells, strict=True)
        ],
    )
    for label, printed in table["printed_tot_stad"].items():
        row = matrix.row(label)
        total = row.total if row is not None else None
        if total != printed:
            raise DemoDataError(
                f"{where}: TOT STAD of {label} is {total}, the seed prints {printed}"
            )
    if matrix.column_totals != table["printed_tot_aspect"]:
        raise DemoDataError(
            f"{where}: TOT ASPECT {matrix.column_totals} differs from the "
            f"printed {table['printed_tot_aspect']}"
        )
