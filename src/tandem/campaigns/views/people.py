"""The coordinator's people page: who has access to each pair of the campaign, and the steps on
an invitation (send again, withdraw) or on a role the campaign gave (take back). Each step first
states its consequence (GET), then is done (POST from that page) and says what happened."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import PairRole
from tandem.core import previews
from tandem.core.access import login_first, parent_page, read_only
from tandem.core.actions import pressed
from tandem.formats.reading import SheetRefused
from tandem.places.naming import pair_name

from .. import invitation_import
from ..forms.coordination import InvitationImportForm
from ..people import people_of, role_history
from ..services import people
from ..services.invitations import VALID_DAYS, invite_many
from .coordination import coordinated_or_404

INVITATION_STEPS = ("resend", "withdraw")
ROLE_STEPS = ("take-back",)


@read_only
def manage_people(request, campaign):
    campaign = coordinated_or_404(request, campaign)
    return render(
        request,
        "campaigns/manage_people.html",
        {
            "campaign": campaign,
            "pairs": people_of(campaign),
            "history": role_history(campaign),
        },
    )


@login_first(page_of=parent_page(3), keep=False)
def invitation_step(request, campaign, invitation, action):
    campaign = coordinated_or_404(request, campaign)
    if action not in INVITATION_STEPS:
        raise Http404("unknown step")
    found = get_object_or_404(
        campaign.invitations.select_related("pair__municipality__region"), pk=invitation
    )
    facts = {"email": found.email, "pair": pair_name(found.pair), "days": VALID_DAYS}
    if request.method == "POST":
        try:
            if action == "resend":
                people.resend_invitation(invitation=found, base_url=request.build_absolute_uri("/"))
                done = _(
                    "A new invitation to %(email)s is queued: it leaves with a new link, and the "
                    "earlier link stops working then."
                )
            else:
                people.withdraw_invitation(invitation=found, user=request.user)
                done = _("The invitation to %(email)s is withdrawn: its link no longer works.")
        except people.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done % facts)
        return redirect("manage-people", campaign.slug)
    steps = {
        "resend": (
            _("Send the invitation to %(email)s again?"),
            _(
                "A new link for %(pair)s goes to %(email)s, valid for %(days)s days. The link "
                "sent before stops working."
            ),
            _("Send a new link"),
        ),
        "withdraw": (
            _("Withdraw the invitation to %(email)s?"),
            _(
                "The link sent to %(email)s for %(pair)s stops working and no reminder goes to "
                "it. You can invite the person again later."
            ),
            _("Withdraw the invitation"),
        ),
    }
    return _step_page(request, campaign, steps[action], facts)


@login_first(page_of=parent_page(3), keep=False)
def role_step(request, campaign, role, action):
    campaign = coordinated_or_404(request, campaign)
    if action not in ROLE_STEPS:
        raise Http404("unknown step")
    found = get_object_or_404(
        PairRole.objects.select_related("user", "pair__municipality__region"),
        pk=role,
        campaign=campaign,
    )
    user = found.user
    facts = {
        "name": user.get_full_name() or user.username,
        "email": user.email or user.username,
        "pair": pair_name(found.pair),
        "campaign": campaign.name,
    }
    if request.method == "POST":
        try:
            people.take_back_role(role=found, user=request.user)
        except people.AccessError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("%(name)s no longer reaches %(pair)s in this campaign.") % facts
            )
        return redirect("manage-people", campaign.slug)
    steps = {
        "take-back": (
            _("Take back the access of %(name)s?"),
            _(
                "%(name)s (%(email)s) will no longer reach %(pair)s in '%(campaign)s'. The "
                "answers given stay. You can invite the person again later."
            ),
            _("Take back the access"),
        ),
    }
    return _step_page(request, campaign, steps[action], facts)


def _step_page(request, campaign, texts, facts):
    heading, consequence, button = texts
    return render(
        request,
        "campaigns/people_step.html",
        {
            "campaign": campaign,
            "heading": heading % facts,
            "consequence": consequence % facts,
            "button": button,
        },
    )


PENDING = "invitation-import-{}"


def import_invitations(request, campaign):
    """Bulk invitations: check the file (preview: who is invited, merged, already invited, or
    every line at fault), then invite all on confirmation, or none."""
    campaign = coordinated_or_404(request, campaign)
    key = PENDING.format(campaign.pk)
    if pressed(request) == "confirm":
        rows = previews.take(request.session, key, request.POST)
        if rows is None:
            messages.error(
                request,
                _(
                    "This preview is no longer the file waiting to be imported: check the file "
                    "again."
                ),
            )
            return redirect("people-import", campaign.slug)
        plan = invitation_import.plan(campaign, [(n, values) for n, values in rows])
        if not plan.problems:
            invite_many(
                campaign=campaign,
                invitees=[line.invitee for line in plan.lines],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d invitation queued; the coordination page shows when it is sent.",
                    "%(count)d invitations queued; the coordination page shows when they are sent.",
                    len(plan.lines),
                )
                % {"count": len(plan.lines)},
            )
            return redirect("manage-people", campaign.slug)
        return _import_page(request, campaign, InvitationImportForm(), plan=plan, status=400)
    if request.method != "POST":
        return _import_page(request, campaign, InvitationImportForm())
    form = InvitationImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, campaign, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        rows = invitation_import.read(upload.name, upload)
    except SheetRefused as error:
        return _import_page(request, campaign, form, refused=str(error), status=400)
    plan = invitation_import.plan(campaign, rows)
    if plan.problems:
        return _import_page(request, campaign, form, plan=plan, status=400)
    preview = previews.keep(request.session, key, rows)
    return _import_page(request, campaign, InvitationImportForm(), plan=plan, preview=preview)


def _import_page(request, campaign, form, *, plan=None, refused="", preview="", status=200):
    return render(
        request,
        "campaigns/people_import.html",
        {
            "campaign": campaign,
            "form": form,
            "plan": plan,
            "refused": refused,
            "preview": preview,
            "columns": invitation_import.COLUMNS,
        },
        status=status,
    )
