"""Roles: what a user may do for a pair (respondent, pair editor) or a campaign (coordinator)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tandem.core.fields import actor_field
from tandem.places.models import Administration, Pair


class PairRole(models.Model):
    """A user's role for a pair: answers its questionnaires (respondent), also keeps its
    registers and reports (pair editor), or reads the registers and reports without changing
    them (reader: a coordinator or a supervisor given read rights on the pair). Bound to one
    campaign when given through an invitation; without a campaign it holds for all the pair's
    campaigns, and only such a role opens the pair's synergy register."""

    class Role(models.TextChoices):
        RESPONDENT = "respondent", _("respondent")
        EDITOR = "editor", _("pair editor")
        READER = "reader", _("reader (coordinator or supervisor)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pair_roles",
        verbose_name=_("user"),
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="roles", verbose_name=_("pair")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    administration = models.CharField(
        _("administration"), max_length=10, blank=True, choices=Administration.Kind.choices
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pair_roles",
        verbose_name=_("campaign"),
        help_text=_("Empty: the role holds for every campaign of the pair."),
    )
    # Every grant, change and revocation, with who did it (issue 16.1).
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "pair", "role"],
                condition=Q(campaign__isnull=True),
                name="one_pair_role_per_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "pair", "role", "campaign"],
                condition=Q(campaign__isnull=False),
                name="one_pair_role_per_kind_and_campaign",
            ),
        ]
        verbose_name = _("pair role")
        verbose_name_plural = _("pair roles")

    def __str__(self):
        return f"{self.user} · {self.pair} · {self.get_role_display()}"


class CampaignRole(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="campaign_roles",
        verbose_name=_("user"),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("campaign"),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.COORDINATOR
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "campaign", "role"], name="one_campaign_role_per_kind"
            ),
        ]
        verbose_name = _("campaign role")
        verbose_name_plural = _("campaign roles")

    def __str__(self):
        return f"{self.user} · {self.campaign} · {self.get_role_display()}"


class InvitationQuerySet(models.QuerySet):
    def of_pair_itself(self, pair) -> "InvitationQuerySet":
        """The pair's own invitations (by its editors, for all its campaigns)."""
        return self.filter(pair=pair, campaign__isnull=True)

    def pending(self) -> "InvitationQuerySet":
        """Neither used nor withdrawn (an expired one still counts: it can be sent again)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """A personal, single-use invitation for one pair: to answer a campaign's questionnaire
    (a campaign's invitation, role respondent), or to keep or read the pair's register and
    reports for all its campaigns (a pair's invitation, without a campaign, sent by one of its
    editors to someone without an account).

    Only a hash of the token is stored: the link in the e-mail is the one copy of the secret.
    Accepting it sets the person's password and gives their account the invitation's role for
    that pair (and campaign).
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("campaign"),
        help_text=_("Empty: an invitation of the pair's editors, for all its campaigns."),
    )
    role = models.CharField(
        _("role"), max_length=12, choices=PairRole.Role.choices, default=PairRole.Role.RESPONDENT
    )
    pair = models.ForeignKey(
        Pair, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("pair")
    )
    # Empty only on a pair's invitation that names no administration.
    administration = models.CharField(
        _("administration"), max_length=10, choices=Administration.Kind.choices, blank=True
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"))
    # The mail's language when the person asked for one; empty: the pair's questionnaire's.
    language = models.CharField(_("language"), max_length=5, blank=True, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    created_by = actor_field(_("invited by"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    user = actor_field(_("account"), related_name="invitations")
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = actor_field(_("revoked by"))

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "pair__municipality__name_nl", "administration", "email"]
        constraints = [
            # A campaign invites respondents; a pair's editors invite editors and readers.
            models.CheckConstraint(
                condition=(Q(campaign__isnull=False) & Q(role="respondent"))
                | (Q(campaign__isnull=True) & Q(role__in=["editor", "reader"])),
                name="invitation_role_fits_its_scope",
            )
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.name} <{self.email}> · {self.pair} · {self.campaign or self.role}"


class AccountPreferences(models.Model):
    """What a person chose for their own account. `language` empty: no choice made, so pages
    follow the questionnaire's language, then the browser's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preferences",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=5, blank=True, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("account preferences")
        verbose_name_plural = _("account preferences")

    def __str__(self):
        return f"{self.user} · {self.language or '—'}"


class PasswordResetRequest(models.Model):
    """A request for a password-reset mail, kept a day to limit how many one address or one
    device may ask for (the database, not a process's memory: several app servers share it)."""

    email_hash = models.CharField(max_length=64, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M} · {self.address or '—'}"
