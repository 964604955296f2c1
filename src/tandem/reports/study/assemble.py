"""A campaign's study report as plain data (issue 17.4; seed 001's structure, S001:95-634): its
cover, the method with the rounds and how many questionnaires each received, per domain the
score matrix (with totals and counts), what the findings count and the coordinator's synthesis,
then the conclusions and recommendations. Renderers (HTML, PDF) lay it out; nothing here is
markup, and the coordinator's text is cut into plain blocks (reports.blocks)."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from tandem.analysis.findings import DomainFindings
from tandem.analysis.matrix import Matrix
from tandem.campaigns.findings import findings_for
from tandem.campaigns.models import Campaign, Response, StudyText, Submission
from tandem.campaigns.queries import domain_matrix
from tandem.catalogue.cache import domains_of
from tandem.core.history import Actor

from ..blocks import Block, text_blocks


@dataclass(frozen=True)
class RoundLine:
    number: int
    kind: str
    status: str
    closes_on: date | None
    submitted: int  # questionnaires submitted in the round
    answers: int  # answers with a degree, submitted


@dataclass
class StudyDomain:
    number: int
    name: str
    matrix: Matrix
    findings: DomainFindings
    texts: dict[str, list[Block]] = field(default_factory=dict)  # part → blocks


@dataclass
class StudyReport:
    language: str
    campaign: str
    year: int
    pairs: int
    rounds: list[RoundLine]
    parts: dict[str, list[Block]]  # introduction, method, conclusions, recommendations
    domains: list[StudyDomain]
    made_on: date


def assemble(campaign: Campaign, language: str, user: Actor) -> StudyReport:
    """The report as `user` may read it (the campaign's coordinators: every pair and text);
    call inside translation.override(language)."""
    texts: dict[tuple[int | None, str], list[Block]] = {
        (t.domain_id, t.part): text_blocks(t.text)
        for t in StudyText.objects.filter(campaign=campaign, language=language)
        if t.text
    }
    rounds = [
        RoundLine(
            number=r.number,
            kind=r.get_kind_display(),
            status=r.get_status_display(),
            closes_on=r.closes_on,
            submitted=Submission.objects.filter(
                round=r, status=Submission.Status.SUBMITTED
            ).count(),
            answers=Response.objects.scored().filter(round=r).count(),
        )
        for r in campaign.rounds.order_by("number")
    ]
    domains = []
    for domain in domains_of(campaign.framework_id):
        matrix = domain_matrix(campaign, domain, "all", language=language).matrix
        _round, findings = findings_for(user=user, campaign=campaign, domain=domain)
        domains.append(
            StudyDomain(
                number=domain.number,
                name=domain.name,
                matrix=matrix,
                findings=findings,
                texts={part: texts.get((domain.pk, part), []) for part in StudyText.DOMAIN_PARTS},
            )
        )
    return StudyReport(
        language=language,
        campaign=campaign.name,
        year=campaign.year,
        pairs=campaign.participations.count(),
        rounds=rounds,
        parts={part: texts.get((None, part), []) for part in StudyText.STUDY_PARTS},
        domains=domains,
        made_on=timezone.localdate(),
    )
