"""The report's fixed texts that depend on the pair's region: its title and its legal basis.

Brussels quotes art. 26bis §5 of the organic law of 8 July 1976 (the Dutch text as seed 004
prints it, S004:3-13); Wallonia has the joint report of both directors-general; Flanders, where
municipality and OCMW are integrated since 2019, uses the register as an integration status.
Callers activate the report's language first."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

FLANDERS, WALLONIA, BRUSSELS = "02000", "03000", "04000"


@dataclass(frozen=True)
class LegalBasis:
    title: str
    lead: str  # the sentence before the quoted rule ("" when the rule is paraphrased)
    rule: str  # the rule itself, quoted when `lead` is given
    quoted: bool


def legal_basis(region_refnis: str) -> LegalBasis:
    if region_refnis == BRUSSELS:
        return LegalBasis(
            title=_("Annual report on economies of scale and removed overlaps"),
            lead=_(
                "Article 26 bis of the organic law of 8/7/1976 on the OCMWs states in "
                "paragraph 5 that:"
            ),
            rule=_(
                "The consultation committee ensures that every year a report is drawn up "
                "on economies of scale and on removing overlaps or duplicated activities of "
                "the OCMW and the municipality. This report is attached to the budget of the "
                "centre and to the budget of the municipality."
            ),
            quoted=True,
        )
    if region_refnis == WALLONIA:
        return LegalBasis(
            title=_("Annual report on existing synergies and those to be developed"),
            lead="",
            rule=_(
                "Under article 26bis, §5, of the organic law of 8 July 1976 on the OCMWs, "
                "the directors-general of the municipality and of the OCMW jointly draw up "
                "every year a report on all existing synergies and those to be developed "
                "between the municipality and the OCMW. The report is presented at the "
                "joint public meeting of the municipal council and the OCMW council."
            ),
            quoted=False,
        )
    return LegalBasis(
        title=_("Integration status of the municipality and the OCMW"),
        lead="",
        rule=_(
            "Since 1 January 2019 the municipality and the OCMW have one council, one "
            "executive board and one management, under the Local Government Decree of 22 "
            "December 2017. This report gives the state of their integration: what the two "
            "legal persons already do together and what they plan to do."
        ),
        quoted=False,
    )
