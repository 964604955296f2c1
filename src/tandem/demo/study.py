"""Loading the coordinator's texts of a demo campaign's study report (demo/data/*-study.yaml;
seed 001's own texts, issue 17.5), idempotently: a text is found again by its campaign, domain,
part and language and updated only where it differs."""

from pathlib import Path

import yaml
from django.db import transaction

from tandem.campaigns.models import Campaign, StudyText
from tandem.core.sync import Outcome, sync_row

STUDY_FILES = ("centrumsteden-2010-study.yaml",)
LANGUAGES = ("nl", "fr")


class StudyDataError(Exception):
    """A study text file names an unknown campaign, domain or part, or repeats a text."""


@transaction.atomic
def load_study_texts(data_dir: Path, counts: dict) -> None:
    for name in STUDY_FILES:
        with open(data_dir / name, encoding="utf-8") as handle:
            _load(yaml.safe_load(handle), name, counts)


def _load(data: dict, filename: str, counts: dict) -> None:
    campaign = Campaign.objects.filter(slug=data["campaign"]).first()
    if campaign is None:
        raise StudyDataError(f"{filename}: no campaign {data['campaign']}")
    domains = {d.number: d for d in campaign.framework.domains.all()}
    seen = set()
    for index, entry in enumerate(data["texts"], start=1):
        where = f"{filename}, text {index}"
        number, part = entry.get("domain"), entry["part"]
        domain = domains.get(number) if number is not None else None
        if number is not None and domain is None:
            raise StudyDataError(f"{where}: the framework has no domain {number}")
        wanted = StudyText.DOMAIN_PARTS if domain else StudyText.STUDY_PARTS
        if part not in wanted:
            raise StudyDataError(
                f"{where}: '{part}' is not a part of {'a domain' if domain else 'the study'}"
            )
        if (number, part) in seen:
            raise StudyDataError(f"{where}: domain {number}, part {part} comes twice")
        seen.add((number, part))
        for language in LANGUAGES:
            _, outcome = sync_row(
                model=StudyText,
                key={"campaign": campaign, "domain": domain, "part": part, "language": language},
                values={"text": entry[language].strip(), "source": entry["source"]},
            )
            if outcome is Outcome.CREATED:
                counts["study texts"] = counts.get("study texts", 0) + 1
