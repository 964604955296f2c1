"""Removing a pair from a campaign once it has answered (issue 16.6): the coordinator first sees
what goes with it, counted per kind, then removes it. Removing deletes what the pair gave the
campaign (answers and their documents, submissions, 'other' aspects, contact persons, the
campaign's invitations and roles for the pair) and whatever other apps keep per participating
pair (a grid campaign's synthesis table and factor values). The history tables keep each deleted
answer's last version, with who removed it.

What goes with it is counted by Django's own deletion collector (the one the admin's delete
page uses), so a model that later hangs off a participation is counted without a change here."""

from dataclasses import dataclass
from typing import Any, cast

from django.contrib.admin.utils import NestedObjects
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import ForeignObjectRel, Model, QuerySet
from django.utils.translation import gettext as _

from tandem.accounts.models import Invitation, PairRole

from ..models import Campaign, CampaignPair, ContactPerson, ProposedAspect, Response, Submission
from .errors import CoordinationError


@dataclass(frozen=True)
class Removal:
    """What removing one pair from its campaign deletes."""

    participation: CampaignPair
    # (the kind's plural name, how many), largest first; the participation itself left out
    counts: list[tuple[str, int]]

    @property
    def loses_data(self) -> bool:
        return bool(self.counts)


def _given_in(campaign_id: int) -> list[QuerySet]:
    """What pairs gave the campaign that is not deleted with a participation by itself (these
    rows point at the pair and the campaign, not at the participation)."""
    return [
        Response.objects.filter(round__campaign_id=campaign_id),
        Submission.objects.filter(round__campaign_id=campaign_id),
        ProposedAspect.objects.filter(campaign_id=campaign_id),
        ContactPerson.objects.filter(campaign_id=campaign_id),
        Invitation.objects.filter(campaign_id=campaign_id),
        PairRole.objects.filter(campaign_id=campaign_id),
    ]


def _given(participation: CampaignPair) -> list[QuerySet]:
    return [
        rows.filter(pair_id=participation.pair_id) for rows in _given_in(participation.campaign_id)
    ]


def _held_per_participation() -> list[ForeignObjectRel]:
    """Other apps' relations to a participation (a grid's synthesis table, factor columns),
    hidden ones included; not the history tables, which keep deleted rows on purpose."""
    return [
        field
        for field in CampaignPair._meta.get_fields(include_hidden=True)
        if isinstance(field, ForeignObjectRel)
        and field.auto_created
        and not field.concrete
        and (field.one_to_many or field.one_to_one)
        and not _is_history(field.related_model)
    ]


def pairs_with_data(*, campaign: Campaign) -> set[int]:
    """The ids of the campaign's pairs that removing would cost something, in one query (a
    union over every kind), for the pairs page to offer the removal page on their rows."""
    kinds = [rows.order_by().values_list("pair_id", flat=True) for rows in _given_in(campaign.pk)]
    for relation in _held_per_participation():
        name, model = relation.field.name, cast(type[Model], relation.related_model)
        kinds.append(
            model._default_manager.filter(**{f"{name}__campaign": campaign})
            .order_by()
            .values_list(f"{name}__pair_id", flat=True)
        )
    first, *others = kinds
    return set(first.union(*others))


def _collected(participation: CampaignPair) -> NestedObjects:
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    for rows in _given(participation):
        collector.collect(list(rows))
    collector.collect([participation])
    return collector


def pair_removal(*, participation: CampaignPair) -> Removal:
    """Count, per kind, what removing the pair from its campaign would delete."""
    collector = _collected(participation)
    counts = [
        (
            str(model._meta.verbose_name if len(rows) == 1 else model._meta.verbose_name_plural),
            len(rows),
        )
        for model, rows in cast(dict[type[Model], set[Model]], collector.model_objs).items()
        if model is not CampaignPair and rows and not _is_history(model)
    ]
    counts.sort(key=lambda kind: (-kind[1], kind[0]))
    return Removal(participation=participation, counts=counts)


def _is_history(model: Any) -> bool:
    return getattr(model, "__name__", "").startswith("Historical")


@transaction.atomic
def remove_pair(*, participation: CampaignPair) -> Removal:
    """Remove the pair and everything it gave the campaign; all or nothing. Returns what was
    deleted (the same counts the confirmation showed, unless someone answered meanwhile)."""
    participation = CampaignPair.objects.select_for_update().get(pk=participation.pk)
    removal = pair_removal(participation=participation)
    collector = _collected(participation)
    if collector.protected:
        raise CoordinationError(
            _("%(pair)s cannot be removed: other records still refer to what it answered.")
            % {"pair": participation.pair}
        )
    for rows in _given(participation):
        rows.delete()
    participation.delete()
    return removal
