"""A coordinator's writes on a campaign: pairs, rounds, the review of 'other' aspects, progress.

Seed 001's method (S001:35, 83): a first round, a feedback moment, then a confirmation round in
which every pair sees its answers again and answers the 'other' aspects some pairs named.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tandem.catalogue.models import Aspect, Domain, Framework
from tandem.core.history import Actor, record_actor
from tandem.places.models import Pair

from ..models import (
    Campaign,
    CampaignAspect,
    CampaignPair,
    ProposedAspect,
    Response,
    Round,
)
from .errors import CoordinationError
from .pair_removal import pair_removal

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Raised by the services here; the views catch it as coordination.CoordinationError.
__all__ = ["CoordinationError"]

FRENCH_REGION = "03000"  # REFNIS code of the Walloon Region: questionnaires in French


def default_language(pair: Pair) -> str:
    return "fr" if pair.municipality.region.refnis == FRENCH_REGION else "nl"


def _per_language(field: str, text: str | dict[str, str]) -> dict[str, str]:
    """A text for the active language, or {language: text} for several."""
    if isinstance(text, dict):
        return {f"{field}_{code}": value for code, value in text.items() if value}
    return {field: text}


@transaction.atomic
def create_campaign(
    *,
    user: "User",
    framework: Framework,
    slug: str,
    name: str | dict[str, str],
    year: int,
    deadline: date | None = None,
    description: str | dict[str, str] = "",
) -> Campaign:
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
def add_pairs(*, campaign: Campaign, pairs: Iterable[Pair]) -> int:
    """Add the pairs the campaign does not have yet, each with the questionnaire language of its
    region. Returns how many were added."""
    have = set(campaign.participations.values_list("pair_id", flat=True))
    new = {p.pk: p for p in pairs if p.pk not in have}
    CampaignPair.objects.bulk_create(
        CampaignPair(campaign=campaign, pair=pair, language=default_language(pair))
        for pair in new.values()
    )
    return len(new)


@transaction.atomic
def set_pairs(
    *,
    campaign: Campaign,
    pairs: Iterable[Pair],
    languages: Mapping[int, str] | None = None,
    answer_modes: Mapping[int, str] | None = None,
) -> tuple[int, int]:
    """Add the given pairs (questionnaire language from their region unless given) and drop the
    pairs no longer chosen that have no answers yet; set the answer modes given (pair id →
    mode) of pairs that have no answers yet. All or nothing. Returns (added, removed)."""
    languages = languages or {}
    answer_modes = answer_modes or {}
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
            if pair_removal(participation=participation).loses_data:
                # Answers, grid entries, invitations…: only the removal page, which says first
                # what goes with the pair, deletes them.
                raise CoordinationError(
                    _(
                        "%(pair)s has answers or other data in the campaign, so it stays. To "
                        "remove it, use 'Remove with its answers…' on its row: that page says "
                        "first what is deleted. Nothing was changed."
                    )
                    % {"pair": participation.pair}
                )
            participation.delete()
            removed += 1
    for participation in campaign.participations.filter(pair_id__in=answer_modes):
        mode = answer_modes[participation.pair_id]
        if mode == participation.answer_mode:
            continue
        if participation.pair_id in answered:
            # Joint and separate answers are different rows: switching would hide the given
            # answers from the pair and from the matrices.
            raise CoordinationError(
                _(
                    "%(pair)s has answers already, so its way of answering stays: %(mode)s. "
                    "Nothing was changed."
                )
                % {"pair": participation.pair, "mode": participation.get_answer_mode_display()}
            )
        participation.answer_mode = mode
        participation.save(update_fields=["answer_mode"])
    return added, removed


def _check_reviewable(proposals: Iterable[ProposedAspect]) -> None:
    for proposal in proposals:
        if proposal.round.status != Round.Status.CLOSED:
            raise CoordinationError(_("Review the 'other' aspects once their round is closed."))
        if proposal.status in (ProposedAspect.Status.PROMOTED, ProposedAspect.Status.MERGED):
            raise CoordinationError(
                _("'%(label)s' is already merged or promoted.") % {"label": proposal.label}
            )


@transaction.atomic
def merge_proposals(
    *, target: ProposedAspect, others: Iterable[ProposedAspect], user: Actor
) -> ProposedAspect:
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
        record_actor(other, user)
        other.save()
    return target


def keep_proposal(*, proposal: ProposedAspect, user: Actor) -> ProposedAspect:
    """Keep an 'other' aspect as the pair's own: it is reviewed, and not promoted."""
    proposal.status = ProposedAspect.Status.KEPT
    record_actor(proposal, user)
    proposal.save()
    return proposal


def _unique_slug(domain: Domain, label: str) -> str:
    base = slugify(label)[:50] or "aspect"
    slug, n = base, 2
    while domain.aspects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def promote_proposal(
    *,
    proposal: ProposedAspect,
    labels: Mapping[str, str],
    short_labels: Mapping[str, str],
    user: Actor,
) -> Aspect:
    """Make a proposal (with the proposals merged into it) an aspect of the framework that the
    campaign's next round asks of every pair. The naming pairs' answers move to the new aspect,
    so the 'other' matrix shows them (seed 001's tables (2))."""
    _check_reviewable([proposal])
    label = labels.get("nl") or labels.get("fr")
    if not label:
        raise CoordinationError(_("Give the aspect a Dutch or French label."))
    domain = proposal.domain
    order = (domain.aspects.aggregate(m=Max("order"))["m"] or 0) + 1
    fields = {f"label_{lang}": text for lang, text in labels.items() if text}
    fields |= {f"short_label_{lang}": text for lang, text in short_labels.items() if text}
    fields.setdefault("short_label_nl", fields.get("label_nl", "")[:40])
    aspect = Aspect.objects.create(
        domain=domain,
        slug=_unique_slug(domain, label),
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
            record_actor(item, user)
            item.save()
        for response in item.responses.filter(aspect__isnull=True):
            response.aspect = aspect
            record_actor(response, user)
            response.save()
    proposal.status, proposal.aspect = ProposedAspect.Status.PROMOTED, aspect
    record_actor(proposal, user)
    proposal.save()
    return aspect
