"""View models of the respondent's pages: the task list of domains with what each still needs,
and the facts of a submission (who submitted when, who may reopen), shared by the overview, the
domain pages and the print view."""

from dataclasses import dataclass

from tandem.catalogue.models import Domain

from .completeness import Missing, PairProgress, problems_of, progress
from .models import ContactPerson, Response, Submission
from .queries import aspects_by_domain


@dataclass
class DomainTask:
    """One line of the task list: a domain, its state and what it still needs."""

    domain: Domain
    state: str  # not_started, in_progress, complete, submitted
    complete: int
    asked: int
    own: int
    own_complete: int
    missing: list[Missing]


@dataclass
class Overview:
    tasks: list[DomainTask]
    missing: list[Missing]
    submission: Submission | None
    coordinators: list

    @property
    def missing_by_domain(self) -> list[tuple[Domain, list[Missing]]]:
        return [(task.domain, task.missing) for task in self.tasks if task.missing]


def coordinators_of(campaign) -> list:
    """The people who may reopen a submitted questionnaire: the campaign's coordinators."""
    from tandem.accounts.models import CampaignRole

    roles = CampaignRole.objects.filter(campaign=campaign, role=CampaignRole.Role.COORDINATOR)
    return [role.user for role in roles.select_related("user").order_by("user__last_name")]


def submission_facts(seat) -> Submission | None:
    """The seat's submission with who submitted and who reopened it (None: not submitted)."""
    return (
        Submission.objects.select_related("submitted_by", "reopened_by")
        .of_seat(seat.round, seat.pair, seat.respondent)
        .first()
    )


def overview(seat) -> Overview:
    """The task list: per domain its state, the rows complete out of those asked, the pair's own
    rows apart, and every missing answer (never cut)."""
    row: PairProgress = {p.respondent: p for p in progress(seat.round, seat.pair, seat.domains)}[
        seat.respondent
    ]
    missing = (
        problems_of(seat.round, seat.pair, seat.respondent, domains=seat.domains)
        if seat.editable
        else []
    )
    tasks = [
        DomainTask(
            domain=domain,
            state=row.state(domain.pk),
            complete=row.complete[domain.pk],
            asked=row.asked[domain.pk],
            own=row.own[domain.pk],
            own_complete=row.own_complete[domain.pk],
            missing=[m for m in missing if m.domain.pk == domain.pk],
        )
        for domain in seat.domains
    ]
    return Overview(
        tasks=tasks,
        missing=missing,
        submission=submission_facts(seat),
        coordinators=coordinators_of(seat.campaign),
    )


@dataclass
class AnswerLine:
    """One row of the print view: a catalogue aspect or the pair's own, with its answer (an
    unsaved Response when not answered)."""

    key: str
    label: str
    response: Response
    own: bool


def answers_by_domain(seat) -> list[tuple[Domain, list[AnswerLine]]]:
    """Every row of every domain with its answer, follow-ups, terms and documents, in
    questionnaire order: four queries whatever the number of answers."""
    asked = aspects_by_domain(seat.round, seat.domains)
    stored = list(
        Response.objects.of_seat(seat.round, seat.pair, seat.respondent)
        .select_related("instrument", "previous", "proposal")
        .prefetch_related("reason_clusters", "obstacle_types", "documents")
        .order_by("proposal__created_at", "pk")
    )
    by_aspect = {r.aspect_id: r for r in stored if r.aspect_id}
    sections = []
    for domain in seat.domains:
        lines = [
            AnswerLine(
                f"a{aspect.pk}",
                aspect.label,
                by_aspect.get(aspect.pk) or Response(aspect=aspect),
                own=False,
            )
            for aspect in asked[domain.pk]
        ]
        lines += [
            AnswerLine(f"o{r.proposal_id}", r.proposal.label, r, own=True)
            for r in stored
            if r.aspect_id is None and r.proposal.domain_id == domain.pk
        ]
        sections.append((domain, lines))
    return sections


def contacts_of(seat) -> list[ContactPerson]:
    return list(
        ContactPerson.objects.filter(campaign=seat.campaign, pair=seat.pair)
        .select_related("contact_domain")
        .order_by("contact_domain__order", "administration")
    )
