"""Which pairs a user may see or change, from their roles (campaigns.scoping decides the same
for campaigns and their answers, from these roles).

Views fetch pair-owned objects from these querysets, so anything outside a user's reach answers
404 (never 403, never data).
"""

from typing import TYPE_CHECKING, TypeAlias

from django.db.models import Exists, OuterRef, Q, QuerySet

from tandem.places.models import Pair

from .models import PairRole

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# Whoever asks: a logged-in person or an anonymous visitor (request.user).
Viewer: TypeAlias = "User | AnonymousUser"

ANSWERING_ROLES = (PairRole.Role.RESPONDENT, PairRole.Role.EDITOR)


def is_superuser(user) -> bool:
    return getattr(user, "is_superuser", False)


def is_authenticated(user) -> bool:
    return getattr(user, "is_authenticated", False)


def answering_roles(user, campaign_ref, pair_ref=None) -> QuerySet[PairRole]:
    """The user's roles to answer for a pair in a campaign (a reader never answers), bound to
    that campaign or to no campaign."""
    roles = PairRole.objects.filter(user=user, role__in=ANSWERING_ROLES).filter(
        Q(campaign__isnull=True) | Q(campaign=campaign_ref)
    )
    return roles.filter(pair=pair_ref) if pair_ref is not None else roles


def pairs_for(user) -> QuerySet[Pair]:
    """Pairs whose own (non-published) data the user may see: their own; all for a superuser."""
    if is_superuser(user):
        return Pair.objects.all()
    if not is_authenticated(user):
        return Pair.objects.none()
    return Pair.objects.filter(roles__user=user).distinct()


def register_pairs(user, *, editing: bool = False) -> QuerySet[Pair]:
    """Pairs whose synergy register, meetings, measures and reports the user may read: the
    pair's editors and readers (a coordinator or supervisor given read rights on that pair);
    with `editing`, only its editors. Roles bound to a campaign do not count: the register
    belongs to the pair, not to a campaign. All pairs for a superuser."""
    if is_superuser(user):
        return Pair.objects.all()
    if not is_authenticated(user):
        return Pair.objects.none()
    roles = [PairRole.Role.EDITOR] if editing else [PairRole.Role.EDITOR, PairRole.Role.READER]
    allowed = PairRole.objects.filter(
        user=user, pair=OuterRef("pk"), campaign__isnull=True, role__in=roles
    )
    return Pair.objects.filter(Exists(allowed))
