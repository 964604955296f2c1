"""Every change to a pair's trajectory (R6): who, when, which record, each field's old and new
value, newest first, read from the history tables of django-simple-history."""

from tandem.web.history import Change, changes_from

from .models import (
    Action,
    DossierDecision,
    Interview,
    Phase,
    ScanPicture,
    TargetPicture,
    Trajectory,
)


def trajectory_history(pair, limit: int = 300) -> list[Change]:
    return changes_from(
        [
            (Trajectory, Trajectory.history.filter(pair_id=pair.pk)),
            (Interview, Interview.history.filter(trajectory__pair=pair)),
            (ScanPicture, ScanPicture.history.filter(trajectory__pair=pair)),
            (DossierDecision, DossierDecision.history.filter(trajectory__pair=pair)),
            (TargetPicture, TargetPicture.history.filter(trajectory__pair=pair)),
            (Phase, Phase.history.filter(trajectory__pair=pair)),
            (Action, Action.history.filter(phase__trajectory__pair=pair)),
        ],
        limit,
    )
