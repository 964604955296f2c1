"""A campaign's study report as plain data (issue 17.4; seed 001's structure, S001:95-634): its
cover, the method with the rounds and how many questionnaires each received, per domain the
score matrix (with totals and counts), what the findings count and the coordinator's synthesis,
the conclusions and recommendations, and an annex with each pair's answers. Renderers (HTML, PDF,
DOCX) lay it out; nothing here is markup, and the coordinator's text is cut into plain blocks
(reports.blocks)."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.analysis.findings import DomainFindings, domain_findings
from tandem.analysis.matrix import Matrix
from tandem.campaigns.findings import domain_answers
from tandem.campaigns.models import Campaign, Response, StudyText, Submission
from tandem.campaigns.queries import domain_matrix
from tandem.catalogue.cache import domains_of
from tandem.core.history import Actor

from ..blocks import Block, text_blocks
from .annex import PairAnnex, pair_annex


@dataclass(frozen=True)
class RoundLine:
    number: int
    kind: str
    status: str
    closes_on: date | None
    submitted: int  # questionnaires submitted in the round
    answers: int  # answers with a degree, submitted


def round_headings() -> list[str]:
    """The method's table of rounds, its column headings (in the active language)."""
    return [
        _("Round"),
        _("Kind"),
        _("Status"),
        _("Closes on"),
        _("Questionnaires submitted"),
        _("Answers counted"),
    ]


@dataclass(frozen=True)
class StudyMatrix:
    """One of a domain's score tables: seed 001 prints the predefined aspects (1), then the
    'other' aspects a confirmation round put to every city (2)."""

    number: int
    aspects: str  # "predefined" or "other"
    matrix: Matrix


@dataclass
class StudyDomain:
    number: int
    name: str
    matrices: list[StudyMatrix]
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
    annex: list[PairAnnex]  # each pair's answers, for the pairs whose texts the reader may read
    with_annex: bool
    made_on: date
    is_grid: bool = False  # the templates tell the two kinds of report apart (grid.py's is True)


def assemble(campaign: Campaign, language: str, user: Actor, *, annex: bool = True) -> StudyReport:
    """The report as `user` may read it (the campaign's coordinators: every pair and text),
    with or without the annex of each pair's answers; call inside
    translation.override(language)."""
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
    domains, answered = [], []
    for domain in domains_of(campaign.framework_id):
        matrices = [
            StudyMatrix(index, aspects, table.matrix)
            for index, aspects in enumerate(("predefined", "other"), start=1)
            if (table := domain_matrix(campaign, domain, aspects, language=language)).aspects
        ]
        found = domain_answers(user=user, campaign=campaign, domain=domain)
        findings = domain_findings(found.answers, found.aspects, found.other)
        answered.append((f"{domain.number}. {domain.name}", found.aspects, found.answers))
        domains.append(
            StudyDomain(
                number=domain.number,
                name=domain.name,
                matrices=matrices,
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
        annex=pair_annex(answered) if annex else [],
        with_annex=annex,
        made_on=timezone.localdate(),
    )
