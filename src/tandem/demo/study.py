"""Loading the coordinator's texts of a demo campaign's study report (demo/data/*-study.yaml;
seed 001's own texts, issue 17.5; seed 000's for the grid campaign, issue 17.6), idempotently: a
text is found again by its campaign, domain or focus, part and language and updated only where
it differs."""

from pathlib import Path

import yaml
from django.db import transaction

from tandem.campaigns.models import Campaign, StudyText
from tandem.catalogue.models import CooperationFocus
from tandem.core.sync import Outcome, sync_row

STUDY_FILES = ("centrumsteden-2010-study.yaml", "financieel-2012-study.yaml")
LANGUAGES = ("nl", "fr")


class StudyDataError(Exception):
    """A study text file names an unknown campaign, domain, focus or part, or repeats a text."""


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
    foci = {f.slug: f for f in CooperationFocus.objects.all()}
    seen = set()
    for index, entry in enumerate(data["texts"], start=1):
        where = f"{filename}, text {index}"
        number, slug, part = entry.get("domain"), entry.get("focus"), entry["part"]
        domain = domains.get(number) if number is not None else None
        focus = foci.get(slug) if slug is not None else None
        if number is not None and domain is None:
            raise StudyDataError(f"{where}: the framework has no domain {number}")
        if slug is not None and focus is None:
            raise StudyDataError(f"{where}: there is no focus {slug}")
        if domain:
            wanted, scope = StudyText.domain_parts(campaign), "a domain"
        elif focus:
            wanted, scope = StudyText.FOCUS_PARTS, "a focus group"
        else:
            wanted, scope = StudyText.STUDY_PARTS, "the study"
        if part not in wanted:
            raise StudyDataError(f"{where}: '{part}' is not a part of {scope}")
        if (number, slug, part) in seen:
            raise StudyDataError(f"{where}: domain {number or slug}, part {part} comes twice")
        seen.add((number, slug, part))
        for language in LANGUAGES:
            _, outcome = sync_row(
                model=StudyText,
                key={
                    "campaign": campaign,
                    "domain": domain,
                    "focus": focus,
                    "part": part,
                    "language": language,
                },
                values={"text": entry[language].strip(), "source": entry["source"]},
            )
            if outcome is Outcome.CREATED:
                counts["study texts"] = counts.get("study texts", 0) + 1
