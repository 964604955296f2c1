"""A pair's editors manage who reaches their pair's register and reports (issue 16.1): they give
an existing account the editor or reader role for the pair (for all its campaigns), or take a
role back; never more than they hold, and never the pair's last editor. Every change is in the
role's history with who made it."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tandem.core.history import Actor, record_actor
from tandem.places.models import Pair

from .models import PairRole

# What a pair's editor may give: what they hold themselves, or less.
GRANTABLE = (PairRole.Role.EDITOR, PairRole.Role.READER)


class GrantError(ValueError):
    """A grant or withdrawal the pair's state does not allow; the message says why."""


@transaction.atomic
def grant(*, pair: Pair, email: str, role: str, administration: str, by: Actor) -> PairRole:
    if role not in GRANTABLE:
        raise GrantError(_("A pair's editor gives the editor or reader role only."))
    address = email.strip().lower()
    user = (
        get_user_model()
        .objects.filter(Q(email__iexact=address) | Q(username__iexact=address))
        .first()
    )
    if user is None:
        raise GrantError(
            _(
                "No account uses %(email)s yet: the person logs in to Tandem once (an invitation "
                "of a campaign creates the account), then you give the role."
            )
            % {"email": address}
        )
    if PairRole.objects.filter(user=user, pair=pair, role=role, campaign__isnull=True).exists():
        raise GrantError(_("%(email)s holds this role already.") % {"email": address})
    given = PairRole(user=user, pair=pair, role=role, administration=administration)
    record_actor(given, by)
    given.save()
    return given


@transaction.atomic
def take_back(*, role: PairRole, by: Actor) -> None:
    if role.campaign_id is not None:
        raise GrantError(_("This role belongs to a campaign: its coordinator manages it."))
    editors = PairRole.objects.select_for_update().filter(
        pair_id=role.pair_id, role=PairRole.Role.EDITOR, campaign__isnull=True
    )
    if role.role == PairRole.Role.EDITOR and editors.count() <= 1:
        raise GrantError(_("A pair keeps at least one editor: give the role to someone first."))
    record_actor(role, by)
    role.delete()
