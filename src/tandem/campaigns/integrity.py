"""`tandem check-integrity`: find orphans and inconsistencies the database constraints cannot."""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db.models import F

from tandem.places.models import Municipality, MunicipalityCode

from .models import Campaign, CampaignPair, Response
from .queries import domain_matrix


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str

    def __str__(self):
        return f"[{self.kind}] {self.message}"


def check_integrity(demo_dir: Path | None = None) -> list[Finding]:
    findings: list[Finding] = []
    findings += _responses_outside_framework()
    findings += _responses_of_non_participants()
    findings += _pairs_of_former_municipalities()
    findings += _printed_totals(demo_dir)
    return findings


def _responses_outside_framework() -> list[Finding]:
    """Answers to an aspect that is not in the campaign's framework."""
    wrong = (
        Response.objects.filter(aspect__isnull=False)
        .exclude(aspect__domain__framework=F("round__campaign__framework"))
        .select_related("round__campaign", "aspect", "pair__municipality")
    )
    return [
        Finding(
            "aspect-outside-framework",
            f"response {r.pk} ({r.round.campaign.slug}, {r.pair}) answers aspect "
            f"'{r.aspect.slug}', which is not in framework {r.round.campaign.framework_id}",
        )
        for r in wrong
    ]


def _responses_of_non_participants() -> list[Finding]:
    participations = set(CampaignPair.objects.values_list("campaign_id", "pair_id"))
    findings = []
    for pk, campaign_id, pair_id, slug in Response.objects.values_list(
        "pk", "round__campaign_id", "pair_id", "round__campaign__slug"
    ):
        if (campaign_id, pair_id) not in participations:
            findings.append(
                Finding(
                    "pair-not-in-campaign",
                    f"response {pk}: pair {pair_id} does not take part in {slug}",
                )
            )
    return findings


def _pairs_of_former_municipalities() -> list[Finding]:
    findings = [
        Finding(
            "former-municipality",
            f"{m.refnis} {m.name_nl} is no longer current but still has a pair",
        )
        for m in Municipality.objects.filter(valid_to__isnull=False)
    ]
    findings += [
        Finding(
            "former-code-to-former-municipality",
            f"former code {c.code} points to {c.municipality.refnis}, itself not current",
        )
        for c in MunicipalityCode.objects.filter(municipality__valid_to__isnull=False)
    ]
    return findings


def _printed_totals(demo_dir: Path | None) -> list[Finding]:
    """Demo campaigns: TOT STAD and TOT ASPECT computed from the database must equal the totals
    printed in the source (kept in the demo data file beside the cells)."""
    from tandem.demo.services import CAMPAIGN_FILES, DATA_DIR

    findings = []
    for name in CAMPAIGN_FILES:
        with open((demo_dir or DATA_DIR) / name, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        campaign = Campaign.objects.filter(slug=data["campaign"]["slug"]).first()
        if campaign is None:
            continue
        labels = data["pairs"]
        for table in data["tables"]:
            if "printed_tot_stad" not in table:
                continue
            domain = campaign.framework.domains.get(slug=table["domain"])
            result = domain_matrix(campaign, domain, "predefined", language="nl")
            by_code = {row.header.code: row for row in result.matrix.rows}
            expected_columns = [a.slug for a in result.aspects]
            if expected_columns != table["columns"]:
                findings.append(
                    Finding(
                        "columns-differ",
                        f"{campaign.slug}/{domain.slug}: "
                        f"aspects {expected_columns} vs source {table['columns']}",
                    )
                )
                continue
            for label, printed in table["printed_tot_stad"].items():
                municipality = Municipality.objects.by_code(labels[label]).first()
                row = by_code.get(municipality.refnis) if municipality else None
                if row is None or row.total != printed:
                    findings.append(
                        Finding(
                            "tot-stad-differs",
                            f"{campaign.slug}/{domain.slug}/{label}: "
                            f"{row.total if row else 'missing'} vs printed {printed}",
                        )
                    )
            if result.matrix.column_totals != table["printed_tot_aspect"]:
                findings.append(
                    Finding(
                        "tot-aspect-differs",
                        f"{campaign.slug}/{domain.slug}: "
                        f"{result.matrix.column_totals} vs printed "
                        f"{table['printed_tot_aspect']}",
                    )
                )
    return findings


__all__ = ["Finding", "check_integrity"]
