"""A coordinator's writes on a campaign: pairs, rounds, the review of 'other' aspects, progress.

Seed 001's method (S001:35, 83): a first round, a feedback moment, then a confirmation round in
which every pair sees its answers again and answers the 'other' aspects some pairs named.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from tandem.catalogue.models import Aspect
from tandem.places.models import Pair

from .answering import aspects_by_domain, missing_in
from .models import (
    Campaign,
    CampaignAspect,
    CampaignPair,
    ProposedAspect,
    Response,
    ResponseDocument,
    Round,
    Submission,
)

FRENCH_REGION = "03000"  # REFNIS code of the Walloon Region: questionnaires in French


class CoordinationError(ValueError):
    """A step the campaign's state does not allow; the message says why."""


def default_language(pair: Pair) -> str:
    return "fr" if pair.municipality.region.refnis == FRENCH_REGION else "nl"


def _per_language(field: str, text) -> dict:
    """A text for the active language, or {language: text} for several."""
    if isinstance(text, dict):
        return {f"{field}_{code}": value for code, value in text.items() if value}
    return {field: text}


@transaction.atomic
def create_campaign(*, user, framework, slug, name, year, deadline=None, description=""):
    """A new campaign in draft with its first (inventory) round; the creator coordinates it.
    `name` and `description`: a text (in the active language) or {language: text}."""
    from tandem.accounts.models import CampaignRole

    campaign = Campaign.objects.create(
        slug=slug,
        framework=framework,
        year=year,
        deadline=deadline,
        created_by=user,
        **_per_language("name", name),
        **_per_language("description", description),
    )
    Round.objects.create(campaign=campaign, number=1, kind=Round.Kind.INVENTORY, closes_on=deadline)
    CampaignRole.objects.create(user=user, campaign=campaign)
    return campaign


@transaction.atomic
def set_pairs(campaign: Campaign, pairs, languages: dict | None = None) -> tuple[int, int]:
    """Add the given pairs (questionnaire language from their region unless given) and drop the
    pairs no longer chosen that have no answers yet. Returns (added, removed)."""
    languages = languages or {}
    chosen = {p.pk: p for p in pairs}
    current = {cp.pair_id: cp for cp in campaign.participations.all()}
    added = 0
    for pk, pair in chosen.items():
        if pk not in current:
            CampaignPair.objects.create(
                campaign=campaign, pair=pair, language=languages.get(pk, default_language(pair))
            )
            added += 1
        elif pk in languages and current[pk].language != languages[pk]:
            current[pk].language = languages[pk]
            current[pk].save(update_fields=["language"])
    answered = set(
        Response.objects.filter(round__campaign=campaign).values_list("pair_id", flat=True)
    )
    removed = 0
    for pk, participation in current.items():
        if pk not in chosen:
            if pk in answered:
                raise CoordinationError(
                    _("%(pair)s already answered and stays in the campaign.")
                    % {"pair": participation.pair}
                )
            participation.delete()
            removed += 1
    return added, removed


@transaction.atomic
def open_round(round_: Round) -> Round:
    if round_.status != Round.Status.PLANNED:
        raise CoordinationError(_("Only a planned round can be opened."))
    if round_.campaign.rounds.filter(status=Round.Status.OPEN).exists():
        raise CoordinationError(_("Another round of this campaign is open."))
    if not round_.campaign.participations.exists():
        raise CoordinationError(_("Choose the pairs before opening the round."))
    round_.status = Round.Status.OPEN
    round_.opens_on = round_.opens_on or timezone.localdate()
    round_.save(update_fields=["status", "opens_on"])
    campaign = round_.campaign
    if campaign.status == Campaign.Status.DRAFT:
        campaign.status = Campaign.Status.OPEN
        campaign.save(update_fields=["status"])
    return round_


@transaction.atomic
def close_round(round_: Round) -> Round:
    """Close a round: its submitted answers become what the matrices show."""
    if round_.status != Round.Status.OPEN:
        raise CoordinationError(_("Only an open round can be closed."))
    round_.status = Round.Status.CLOSED
    round_.closes_on = timezone.localdate()
    round_.save(update_fields=["status", "closes_on"])
    return round_


def _check_reviewable(proposals) -> None:
    for proposal in proposals:
        if proposal.round.status != Round.Status.CLOSED:
            raise CoordinationError(_("Review the 'other' aspects once their round is closed."))
        if proposal.status in (ProposedAspect.Status.PROMOTED, ProposedAspect.Status.MERGED):
            raise CoordinationError(
                _("'%(label)s' is already merged or promoted.") % {"label": proposal.label}
            )


@transaction.atomic
def merge_proposals(target: ProposedAspect, others, user) -> ProposedAspect:
    """Merge duplicates ('Winterdienst', 'sneeuwruimen') into one proposal."""
    others = [o for o in others if o.pk != target.pk]
    _check_reviewable([target, *others])
    pairs = Counter(p.pair_id for p in [target, *others])
    if any(n > 1 for n in pairs.values()):
        raise CoordinationError(_("Two of these were named by the same pair; keep them apart."))
    for other in others:
        if other.domain_id != target.domain_id:
            raise CoordinationError(_("Only aspects of the same domain can be merged."))
        other.status, other.merged_into = ProposedAspect.Status.MERGED, target
        other._history_user = user
        other.save()
    return target


def _unique_slug(domain, label: str) -> str:
    base = slugify(label)[:50] or "aspect"
    slug, n = base, 2
    while domain.aspects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def promote_proposal(proposal: ProposedAspect, *, labels: dict, short_labels: dict, user) -> Aspect:
    """Make a proposal (with the proposals merged into it) an aspect of the framework that the
    campaign's next round asks of every pair. The naming pairs' answers move to the new aspect,
    so the 'other' matrix shows them (seed 001's tables (2))."""
    _check_reviewable([proposal])
    if not labels.get("nl") and not labels.get("fr"):
        raise CoordinationError(_("Give the aspect a Dutch or French label."))
    domain = proposal.domain
    order = (domain.aspects.aggregate(m=Max("order"))["m"] or 0) + 1
    fields = {f"label_{lang}": text for lang, text in labels.items() if text}
    fields |= {f"short_label_{lang}": text for lang, text in short_labels.items() if text}
    fields.setdefault("short_label_nl", fields.get("label_nl", "")[:40])
    aspect = Aspect.objects.create(
        domain=domain,
        slug=_unique_slug(domain, labels.get("nl") or labels.get("fr")),
        order=order,
        origin=Aspect.Origin.CONFIRMATION,
        source_labels=[proposal.label, *(m.label for m in proposal.merged.all())],
        source=_("named in %(campaign)s") % {"campaign": proposal.campaign.slug},
        **fields,
    )
    CampaignAspect.objects.create(campaign=proposal.campaign, aspect=aspect, round=proposal.round)
    for item in [proposal, *proposal.merged.all()]:
        if item is not proposal:
            item.aspect = aspect
            item._history_user = user
            item.save()
        for response in item.responses.filter(aspect__isnull=True):
            response.aspect = aspect
            response._history_user = user
            response.save()
    proposal.status, proposal.aspect = ProposedAspect.Status.PROMOTED, aspect
    proposal._history_user = user
    proposal.save()
    return aspect


@transaction.atomic
def start_confirmation_round(campaign: Campaign, user, closes_on=None) -> Round:
    """Open the next round as a confirmation round: every pair finds its answers of the round
    before prefilled (as drafts, each linked to the answer it copies) and the promoted aspects."""
    previous = campaign.rounds.order_by("-number").first()
    if previous is None or previous.status != Round.Status.CLOSED:
        raise CoordinationError(_("Close the current round first."))
    if campaign.proposals.filter(round=previous, status=ProposedAspect.Status.PROPOSED).exists():
        raise CoordinationError(
            _("Review the 'other' aspects first: promote, merge or keep each one.")
        )
    round_ = Round.objects.create(
        campaign=campaign,
        number=previous.number + 1,
        kind=Round.Kind.CONFIRMATION,
        status=Round.Status.OPEN,
        opens_on=timezone.localdate(),
        closes_on=closes_on,
    )
    _prefill(previous, round_, user)
    return round_


def _prefill(previous: Round, round_: Round, user) -> None:
    originals = list(
        Response.objects.filter(round=previous, status=Response.Status.SUBMITTED).prefetch_related(
            "reason_clusters", "obstacle_types"
        )
    )
    copies = [
        Response(
            round=round_,
            pair_id=r.pair_id,
            aspect_id=r.aspect_id,
            proposal_id=r.proposal_id,
            respondent=r.respondent,
            degree=r.degree,
            reasons=r.reasons,
            regulation=r.regulation,
            instrument_id=r.instrument_id,
            regulation_link=r.regulation_link,
            desirable=r.desirable,
            desirable_reasons=r.desirable_reasons,
            formal_desirable=r.formal_desirable,
            formal_desirable_reasons=r.formal_desirable_reasons,
            obstacles=r.obstacles,
            previous_id=r.pk,
            status=Response.Status.DRAFT,
            version=1,
            updated_by=user,
        )
        for r in originals
    ]
    created = bulk_create_with_history(copies, Response, batch_size=500, default_user=user)
    by_previous = {c.previous_id: c for c in created}
    if any(c.pk is None for c in created):  # backends that do not return ids
        by_previous = {
            r.previous_id: r for r in Response.objects.filter(round=round_).only("pk", "previous")
        }
    clusters = Response.reason_clusters.through
    obstacles = Response.obstacle_types.through
    clusters.objects.bulk_create(
        clusters(response_id=by_previous[r.pk].pk, reasoncluster_id=c.pk)
        for r in originals
        for c in r.reason_clusters.all()
    )
    obstacles.objects.bulk_create(
        obstacles(response_id=by_previous[r.pk].pk, obstacletype_id=o.pk)
        for r in originals
        for o in r.obstacle_types.all()
    )
    _carry_documents(originals, by_previous, user)


def _carry_documents(originals, by_previous, user) -> None:
    """The documents of the round before stay with the prefilled answers: a record of its own per
    round pointing at the same stored file (stored files are never deleted)."""
    documents = ResponseDocument.objects.filter(response__in=[r.pk for r in originals])
    bulk_create_with_history(
        [
            ResponseDocument(
                response_id=by_previous[d.response_id].pk,
                file=d.file.name,
                original_name=d.original_name,
                content_type=d.content_type,
                size=d.size,
                sha256=d.sha256,
                uploaded_by_id=d.uploaded_by_id,
            )
            for d in documents
        ],
        ResponseDocument,
        batch_size=500,
        default_user=user,
    )


@dataclass
class PairProgress:
    """A pair's state in a round, per domain: 'not started', 'in progress', 'complete' (nothing
    required is missing, own rows included) or 'submitted'. The catalogue's aspects and the
    pair's own 'other' rows are counted apart, so a domain never reads '8 / 7'."""

    participation: CampaignPair
    respondent: str
    submission: Submission | None
    answered: dict  # domain id -> asked aspects with a degree
    asked: dict  # domain id -> number of aspects asked
    complete: dict = field(default_factory=dict)  # domain id -> asked aspects lacking nothing
    own: dict = field(default_factory=dict)  # domain id -> the pair's own rows
    own_complete: dict = field(default_factory=dict)  # domain id -> own rows lacking nothing

    def missing(self, domain_id) -> int:
        """Rows of the domain that still lack something required."""
        return (self.asked.get(domain_id, 0) - self.complete.get(domain_id, 0)) + (
            self.own.get(domain_id, 0) - self.own_complete.get(domain_id, 0)
        )

    def state(self, domain_id) -> str:
        if self.submission is not None and self.submission.is_submitted:
            return "submitted"
        if not self.missing(domain_id):
            return "complete"
        started = self.answered.get(domain_id) or self.own.get(domain_id)
        return "in_progress" if started else "not_started"

    @property
    def is_submitted(self) -> bool:
        return self.submission is not None and self.submission.is_submitted


ANSWER_STATE = (
    "pair_id",
    "respondent",
    "aspect_id",
    "aspect__domain_id",
    "proposal__domain_id",
    "degree",
    "desirable",
    "formal_desirable",
    "previous__degree",
    "change_reason",
)


def progress(round_: Round, pair=None, domains=None, participation=None) -> list[PairProgress]:
    """Every participating pair's progress in a round (one row per answering administration
    when the pair answers separately), or one pair's (`participation`, when already at hand,
    spares its query). Five queries whatever the number of pairs: completeness is judged from
    the answers' degree and follow-up columns (missing_in)."""
    campaign = round_.campaign
    if domains is None:
        domains = list(campaign.framework.domains.order_by("number"))
    asked_aspects = aspects_by_domain(round_, domains)
    asked = {pk: len(aspects) for pk, aspects in asked_aspects.items()}
    asked_ids = {a.pk for aspects in asked_aspects.values() for a in aspects}
    answered, complete, own, own_complete = Counter(), Counter(), Counter(), Counter()
    answers = Response.objects.filter(round=round_).order_by()
    submissions = round_.submissions.all()
    participations = campaign.participations.select_related("pair__municipality__region")
    if participation is not None:
        pair, participations = participation.pair, [participation]
    if pair is not None:
        answers = answers.filter(pair=pair)
        submissions = submissions.filter(pair=pair)
        if participation is None:
            participations = participations.filter(pair=pair)
    for pair_id, respondent, aspect_id, domain_id, own_domain_id, *values in answers.values_list(
        *ANSWER_STATE
    ):
        lacking = missing_in(*values)
        if aspect_id is None:
            key = (pair_id, respondent, own_domain_id)
            own[key] += 1
            own_complete[key] += not lacking
        elif aspect_id in asked_ids:
            key = (pair_id, respondent, domain_id)
            answered[key] += values[0] is not None
            complete[key] += not lacking
    submissions = {(s.pair_id, s.respondent): s for s in submissions}
    rows = []
    for participation in sorted(participations, key=lambda p: p.pair.municipality.name_nl):
        respondents = (
            [Response.Respondent.MUNICIPALITY, Response.Respondent.WELFARE_CENTRE]
            if participation.answer_mode == CampaignPair.AnswerMode.SEPARATE
            else [Response.Respondent.JOINT]
        )
        for respondent in respondents:
            key = (participation.pair_id, respondent)
            rows.append(
                PairProgress(
                    participation=participation,
                    respondent=respondent,
                    submission=submissions.get(key),
                    answered={d.pk: answered[(*key, d.pk)] for d in domains},
                    asked=asked,
                    complete={d.pk: complete[(*key, d.pk)] for d in domains},
                    own={d.pk: own[(*key, d.pk)] for d in domains},
                    own_complete={d.pk: own_complete[(*key, d.pk)] for d in domains},
                )
            )
    return rows
