"""The demo's integrity check (core.integrity): the score tables loaded from seed 001 must add up
to the totals the seed prints (kept in the data files beside the cells)."""

import yaml

from tandem.campaigns.models import Campaign
from tandem.campaigns.queries import domain_matrix
from tandem.core.integrity import Finding, register
from tandem.places.models import Municipality

from .services import CAMPAIGN_FILES, DATA_DIR


@register
def printed_totals() -> list[Finding]:
    """Demo campaigns: TOT STAD and TOT ASPECT computed from the database must equal the totals
    printed in the source (kept in the demo data file beside the cells)."""
    findings = []
    for name in CAMPAIGN_FILES:
        with open(DATA_DIR / name, encoding="utf-8") as handle:
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
