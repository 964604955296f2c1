"""Every write to a pair's trajectory: the trajectory itself is made with its first record;
each save checks for edit conflicts (R5, core.versioning) and leaves a history record naming the
actor (R6)."""

from django.db import transaction

from tandem.core.history import Actor, record_actor
from tandem.core.versioning import EditConflict, save_versioned
from tandem.places.models import Pair

from .models import (
    Action,
    DossierDecision,
    Interview,
    Phase,
    ScanPicture,
    TargetPicture,
    Trajectory,
)

__all__ = [
    "EditConflict",
    "delete_interview",
    "save_decision",
    "save_interview",
    "save_picture",
    "save_settings",
    "save_target",
    "save_phase",
    "save_action",
]


def _trajectory(pair: Pair, user: Actor) -> Trajectory:
    trajectory = Trajectory.objects.filter(pair=pair).first()
    if trajectory is None:
        trajectory = Trajectory(pair=pair)
        record_actor(trajectory, user)
        trajectory.save()
    return trajectory


@transaction.atomic
def save_settings(
    *, pair: Pair, with_patrimony: bool, opened_version: int | None, user: Actor
) -> Trajectory:
    trajectory = Trajectory.objects.filter(pair=pair).first() or Trajectory(pair=pair)
    trajectory.with_patrimony = with_patrimony
    return save_versioned(record=trajectory, opened_version=opened_version, user=user)


@transaction.atomic
def save_interview(
    *, pair: Pair, interview: Interview, opened_version: int | None, user: Actor
) -> Interview:
    """Save a new or changed interview (the form's unsaved instance)."""
    if interview.pk is None:
        interview.trajectory = _trajectory(pair, user)
    return save_versioned(record=interview, opened_version=opened_version, user=user)


@transaction.atomic
def save_picture(
    *, pair: Pair, perspective: str, text: str, opened_version: int | None, user: Actor
) -> ScanPicture:
    """Save the scan's picture of one perspective; the first save of a perspective creates it.
    A first save (no version opened) over a picture someone created meanwhile is a conflict."""
    trajectory = _trajectory(pair, user)
    picture = ScanPicture.objects.filter(
        trajectory=trajectory, perspective=perspective
    ).first() or ScanPicture(trajectory=trajectory, perspective=perspective)
    picture.text = text
    return save_versioned(record=picture, opened_version=opened_version, user=user)


@transaction.atomic
def delete_interview(*, interview: Interview, user: Actor) -> None:
    """Delete an interview; its history keeps what it held, with who deleted it."""
    record_actor(interview, user)
    interview.delete()


@transaction.atomic
def save_decision(
    *, pair: Pair, decision: DossierDecision, opened_version: int | None, user: Actor
) -> DossierDecision:
    """Save a new or changed "samenwerken, tenzij…" decision (the form's unsaved instance). A
    first decision on a listed dossier that someone recorded meanwhile is a conflict."""
    if decision.pk is None:
        decision.trajectory = _trajectory(pair, user)
        if decision.dossier_id is not None:
            stored = DossierDecision.objects.filter(
                trajectory=decision.trajectory, dossier_id=decision.dossier_id
            ).first()
            if stored is not None:
                raise EditConflict(stored)
    return save_versioned(record=decision, opened_version=opened_version, user=user)


@transaction.atomic
def save_target(
    *, pair: Pair, values: dict[str, str], opened_version: int | None, user: Actor
) -> TargetPicture:
    """Save step 2's target picture; the first save creates it. A first save over a picture
    someone created meanwhile (no version opened) is a conflict."""
    trajectory = _trajectory(pair, user)
    target = TargetPicture.objects.filter(trajectory=trajectory).first() or TargetPicture(
        trajectory=trajectory
    )
    for name, value in values.items():
        setattr(target, name, value)
    return save_versioned(record=target, opened_version=opened_version, user=user)


@transaction.atomic
def save_phase(*, pair: Pair, phase: Phase, opened_version: int | None, user: Actor) -> Phase:
    """Save a new or changed phase of the action plan (the form's unsaved instance)."""
    if phase.pk is None:
        phase.trajectory = _trajectory(pair, user)
    return save_versioned(record=phase, opened_version=opened_version, user=user)


@transaction.atomic
def save_action(*, action: Action, opened_version: int | None, user: Actor) -> Action:
    """Save a new or changed action (its phase, of the same pair's plan, chosen in the form)."""
    return save_versioned(record=action, opened_version=opened_version, user=user)
