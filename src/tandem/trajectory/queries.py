"""Reads of a pair's trajectory, always through the scoping helpers: the pair's editors run it,
its readers (a coordinator or consultant given a role on the pair) read it, and for anyone else
the pair and everything in its trajectory is not found (404)."""

from django.shortcuts import get_object_or_404

from tandem.accounts.scoping import Viewer, register_pairs
from tandem.places.models import Pair

from .models import Action, DossierDecision, Interview, Phase, TargetPicture, Trajectory


def trajectory_pair(user: Viewer, refnis: str, *, editing: bool = False) -> Pair:
    # The trajectory belongs to the pair as its register does: the same roles reach it.
    pairs = register_pairs(user, editing=editing).select_related("municipality__region")
    return get_object_or_404(pairs, municipality__refnis=refnis)


def may_edit(user: Viewer, pair: Pair) -> bool:
    return register_pairs(user, editing=True).filter(pk=pair.pk).exists()


def trajectory_of(pair: Pair) -> Trajectory | None:
    return Trajectory.objects.filter(pair=pair).first()


def interview_of(pair: Pair, pk: int) -> Interview:
    return get_object_or_404(Interview, trajectory__pair=pair, pk=pk)


def own_decision_of(pair: Pair, pk: int) -> DossierDecision:
    """A decision on a dossier the pair added itself."""
    return get_object_or_404(DossierDecision, trajectory__pair=pair, pk=pk, dossier__isnull=True)


def target_of(trajectory: Trajectory | None) -> TargetPicture | None:
    return TargetPicture.objects.filter(trajectory=trajectory).first() if trajectory else None


def phase_of(pair: Pair, pk: int) -> Phase:
    return get_object_or_404(Phase, trajectory__pair=pair, pk=pk)


def action_of(pair: Pair, pk: int) -> Action:
    return get_object_or_404(Action, phase__trajectory__pair=pair, pk=pk)
