"""Loading the demo's integration trajectory (demo/data/genk-trajectory.yaml; the method of
seed 003, its content an illustration, issue 18.8), idempotently: the trajectory is found again
by its pair, an interview by its date and witness, a picture by its perspective, a "we cooperate,
unless…" decision by its dossier, and each is changed only where it differs."""

from datetime import date
from pathlib import Path

import yaml
from django.db import transaction

from tandem.catalogue.models import ProductDossier
from tandem.core.sync import Outcome, sync_row
from tandem.places.models import Pair
from tandem.trajectory.models import (
    SCAN_QUESTIONS,
    DossierDecision,
    Interview,
    Perspective,
    ScanPicture,
    Trajectory,
)

TRAJECTORY_FILES = ("genk-trajectory.yaml",)
QUESTIONS = tuple(name for name, _label in SCAN_QUESTIONS)


class TrajectoryDataError(Exception):
    """A trajectory file names an unknown pair, perspective or administration."""


@transaction.atomic
def load_trajectories(data_dir: Path, counts: dict) -> None:
    for name in TRAJECTORY_FILES:
        with open(data_dir / name, encoding="utf-8") as handle:
            _load(yaml.safe_load(handle), name, counts)


def _count(counts: dict, key: str, outcome: Outcome) -> None:
    if outcome is Outcome.CREATED:
        counts[key] = counts.get(key, 0) + 1


def _perspectives(values: list, where: str) -> list[str]:
    unknown = set(values) - set(Perspective.values)
    if unknown:
        raise TrajectoryDataError(f"{where}: unknown perspective {', '.join(sorted(unknown))}")
    return [p for p in Perspective.values if p in values]


def _load(data: dict, filename: str, counts: dict) -> None:
    pair = Pair.objects.filter(municipality__refnis=data["pair"]).first()
    if pair is None:
        raise TrajectoryDataError(f"{filename}: no pair {data['pair']}")
    trajectory, outcome = sync_row(
        model=Trajectory, key={"pair": pair}, values={"with_patrimony": data["with_patrimony"]}
    )
    _count(counts, "trajectories", outcome)
    for index, entry in enumerate(data["interviews"], start=1):
        where = f"{filename}, interview {index}"
        if entry["administration"] not in Interview.Administration.values:
            raise TrajectoryDataError(f"{where}: unknown administration {entry['administration']}")
        held_on = entry["held_on"]
        _, outcome = sync_row(
            model=Interview,
            key={
                "trajectory": trajectory,
                "held_on": held_on if isinstance(held_on, date) else date.fromisoformat(held_on),
                "witness": entry["witness"],
            },
            values={
                "administration": entry["administration"],
                "role": entry["role"],
                "perspectives": _perspectives(entry["perspectives"], where),
                **{name: (entry.get(name) or "").strip() for name in QUESTIONS},
            },
        )
        _count(counts, "interviews", outcome)
    for index, entry in enumerate(data["pictures"], start=1):
        where = f"{filename}, picture {index}"
        perspective = _perspectives([entry["perspective"]], where)[0]
        _, outcome = sync_row(
            model=ScanPicture,
            key={"trajectory": trajectory, "perspective": perspective},
            values={"text": entry["text"].strip()},
        )
        _count(counts, "scan pictures", outcome)
    for index, entry in enumerate(data.get("dossiers") or [], start=1):
        dossier = ProductDossier.objects.filter(slug=entry["dossier"]).first()
        if dossier is None:
            raise TrajectoryDataError(f"{filename}, dossier {index}: no dossier {entry['dossier']}")
        decided_on = entry["decided_on"]
        _, outcome = sync_row(
            model=DossierDecision,
            key={"trajectory": trajectory, "dossier": dossier},
            values={
                "cooperates": entry["cooperates"],
                "motivation": (entry.get("motivation") or "").strip(),
                "decided_on": (
                    decided_on if isinstance(decided_on, date) else date.fromisoformat(decided_on)
                ),
            },
        )
        _count(counts, "dossier decisions", outcome)
