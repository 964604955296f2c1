"""Which study report a campaign gets: seed 001's for a questionnaire campaign (assemble.py),
seed 000's for a grid campaign (grid.py). The page and the command line both ask here."""

from tandem.campaigns.models import Campaign
from tandem.core.history import Actor

from .assemble import StudyReport, assemble
from .grid import GridStudyReport, assemble_grid


def study_report(
    *, campaign: Campaign, language: str, user: Actor, annex: bool = True
) -> StudyReport | GridStudyReport:
    """Call inside translation.override(language)."""
    build = assemble_grid if campaign.is_grid else assemble
    return build(campaign, language, user, annex=annex)
