"""A personal, single-use invitation link: its token, finding it, and accepting it.

The link carries a random token; the database keeps only its SHA-256, so a database dump does not
hold working links. Accepting sets the person's password and binds their account to the pair (a
respondent role for the invitation's campaign, or the editor or reader role for all the pair's
campaigns when the pair's editors invited). Who may be invited to what, and the mails, belong
to the app that invites (campaigns.services.invitations).
"""

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.history import record_actor

from .languages import choose_language
from .models import Invitation, PairRole

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class InvitationError(ValueError):
    """The link is unknown, used or expired; the message says which."""


def token_hash(token: str) -> str:
    """What the database keeps of a link's token."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A link's random token: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def find(token: str) -> Invitation:
    """The invitation of a link, if it can still be used."""
    invitation = (
        Invitation.objects.select_related("campaign", "pair__municipality")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."))
    if invitation.revoked_at is not None:
        raise InvitationError(
            _("This invitation was withdrawn. Ask the coordinator if you need it.")
        )
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation link was already used. Log in instead."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            _("This invitation link has expired. Ask the coordinator for a new one.")
        )
    return invitation


def mark_opened(*, invitation: Invitation) -> None:
    """A read receipt for the coordinator's overview (the first opening only)."""
    if invitation.opened_at is None:
        invitation.opened_at = timezone.now()
        invitation.save(update_fields=["opened_at"])


def is_addressee(invitation: Invitation, user: "User") -> bool:
    """Whether a logged-in account is the one the invitation was sent to (its e-mail address or
    user name, in any capitals): a link forwarded to, or opened by, anyone else binds nobody."""
    addresses = {(user.email or "").strip().lower(), (user.username or "").strip().lower()}
    return invitation.email in addresses


@transaction.atomic
def accept(*, token: str, password: str, user: "User | None" = None) -> "User":
    """Use the link: create the account (or take the logged-in one), give it the invitation's
    role for the pair (and campaign), and spend the invitation. Returns the user."""
    invitation = find(token)
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # a second tab accepted it meanwhile
        raise InvitationError(_("This invitation link was already used. Log in instead."))
    if user is not None and not is_addressee(invitation, user):
        raise InvitationError(
            _("This invitation was sent to %(email)s. Log out, then open the link again.")
            % {"email": invitation.email}
        )
    if user is None:
        users = get_user_model()
        user = users.objects.filter(username=invitation.email).first()
        if user is not None:
            raise InvitationError(
                _("An account with this e-mail address exists: log in, then open the link again.")
            )
        first, _sep, last = invitation.name.partition(" ")
        user = users(
            username=invitation.email, email=invitation.email, first_name=first, last_name=last
        )
        user.set_password(password)
        user.save()
        if invitation.language:
            # The language the person was invited in is their choice until they make another:
            # otherwise a pair's region would set the pages after a welcome in another language.
            choose_language(user=user, language=invitation.language)
    if not PairRole.objects.filter(
        user=user, pair=invitation.pair, role=invitation.role, campaign=invitation.campaign
    ).exists():
        given = PairRole(
            user=user,
            pair=invitation.pair,
            role=invitation.role,
            campaign=invitation.campaign,
            administration=invitation.administration,
        )
        # The role's history names who gave it: the person who invited.
        record_actor(given, invitation.created_by)
        given.save()
    invitation.accepted_at, invitation.user = timezone.now(), user
    invitation.opened_at = invitation.opened_at or invitation.accepted_at
    invitation.save(update_fields=["accepted_at", "user", "opened_at"])
    return user
