"""A campaign's outgoing mail: invitations and reminders, queued in the request and sent by the
worker (campaigns.mails). The row holds what to send and how it went, never the link's token:
the invitation mail gets a fresh token when it is sent, so the database holds no working link."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignMail(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("invitation")
        REMINDER = "reminder", _("reminder")
        ROUND_NOTICE = "round", _("round notice")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mails",
        verbose_name=_("campaign"),
        help_text=_("Empty: the mail of a pair's invitation."),
    )
    invitation = models.ForeignKey(
        "accounts.Invitation",
        on_delete=models.CASCADE,
        related_name="mails",
        verbose_name=_("invitation"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    # A scheduled reminder's day (`tandem remind`): one per person and day, even when the
    # command runs twice or catches up a missed day with --date.
    scheduled_for = models.DateField(_("scheduled for"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("campaign mail")
        verbose_name_plural = _("campaign mails")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.invitation.email} · {self.get_status_display()}"
