"""Roles: what a user may do for a pair (respondent, pair editor) or a campaign (coordinator)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.campaigns.models import Campaign
from tandem.places.models import Administration, Pair


class PairRole(models.Model):
    class Role(models.TextChoices):
        RESPONDENT = "respondent", _("respondent")
        EDITOR = "editor", _("pair editor")

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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "pair", "role"], name="one_pair_role_per_kind"),
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
        Campaign, on_delete=models.CASCADE, related_name="roles", verbose_name=_("campaign")
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.COORDINATOR
    )

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
