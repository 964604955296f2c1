"""The coordinator's pages: create a campaign, choose its pairs, invite respondents, follow
progress, send reminders, run the rounds, review the 'other' aspects and reopen a submission."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tandem.core.access import login_first, parent_page, post_only
from tandem.places.models import Pair, PeerGroup, Province, Region
from tandem.places.naming import pair_name

from .. import completeness
from ..forms.coordination import (
    CampaignForm,
    InviteForm,
    PairChoiceForm,
    ProposalReviewForm,
    ReopenForm,
)
from ..models import Campaign, CampaignPair, ProposedAspect, Round, Submission
from ..queries import current_round
from ..scoping import coordinated_campaigns, may_create_campaigns
from ..services import coordination, invitations, rounds


def _coordinated(request, slug) -> Campaign:
    return get_object_or_404(
        coordinated_campaigns(request.user).select_related("framework"), slug=slug
    )


def new_campaign(request):
    if not may_create_campaigns(request.user):
        raise Http404("not a coordinator")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = coordination.create_campaign(user=request.user, **form.service_arguments())
        messages.success(request, _("The campaign is created. Now choose its pairs."))
        return redirect("manage-pairs", campaign.slug)
    return render(
        request,
        "campaigns/manage_new.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def manage(request, campaign):
    campaign = _coordinated(request, campaign)
    invite_form = InviteForm(request.POST if request.method == "POST" else None, campaign=campaign)
    if request.method == "POST":
        if invite_form.is_valid():
            data = invite_form.cleaned_data
            invitations.invite(
                campaign=campaign,
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **data,
            )
            messages.success(
                request, _("The invitation is sent to %(email)s.") % {"email": data["email"]}
            )
            return redirect("manage", campaign.slug)
    round_ = campaign.rounds.exclude(status=Round.Status.PLANNED).order_by("-number").first()
    rows = completeness.progress(round_) if round_ else []
    domains = list(campaign.framework.domains.order_by("number"))
    return render(
        request,
        "campaigns/manage.html",
        {
            "campaign": campaign,
            "rounds": campaign.rounds.order_by("number"),
            "round": round_,
            "domains": domains,
            "progress": [
                (row, pair_name(row.participation.pair), [row.state(d.pk) for d in domains])
                for row in rows
            ],
            "invitations": campaign.invitations.select_related(
                "pair__municipality__region", "user"
            ),
            "invite_form": invite_form,
            "reopen_form": ReopenForm(),
            "proposals": campaign.proposals.filter(status=ProposedAspect.Status.PROPOSED).count(),
        },
        status=400 if invite_form.is_bound else 200,
    )


def manage_pairs(request, campaign):
    campaign = _coordinated(request, campaign)
    participations = list(campaign.participations.select_related("pair__municipality__region"))
    if request.method == "POST":
        form = PairChoiceForm(request.POST, participations=participations)
        if not form.is_valid():
            # Only a tampered or stale page posts a choice that is not offered.
            messages.error(request, _("The page was out of date; nothing was changed."))
            return redirect("manage-pairs", campaign.slug)
        try:
            added, removed = coordination.set_pairs(
                campaign=campaign,
                pairs=form.chosen_pairs(),
                languages=form.languages(),
                answer_modes=form.answer_modes(),
            )
        except coordination.CoordinationError as error:
            messages.error(request, str(error))
            return redirect("manage-pairs", campaign.slug)
        messages.success(
            request,
            _("%(added)s pairs added, %(removed)s removed.") % {"added": added, "removed": removed},
        )
        return redirect("manage-pairs", campaign.slug)
    chosen_ids = {p.pair_id for p in participations}
    all_pairs = Pair.objects.select_related("municipality__region").exclude(pk__in=chosen_ids)
    return render(
        request,
        "campaigns/manage_pairs.html",
        {
            "campaign": campaign,
            "participations": sorted(
                ((pair_name(p.pair), p) for p in participations), key=lambda x: x[0]
            ),
            "regions": Region.objects.all(),
            "provinces": Province.objects.all(),
            "groups": PeerGroup.objects.all(),
            "candidates": sorted(((pair_name(p), p) for p in all_pairs), key=lambda x: x[0]),
            "languages": CampaignPair.Language.choices,
            "modes": CampaignPair.AnswerMode.choices,
        },
    )


def _round(request, campaign, number, action=None):
    """A round of a campaign the user coordinates, or 404."""
    return get_object_or_404(_coordinated(request, campaign).rounds, number=number)


@login_first(page_of=parent_page(3), keep=False)
@post_only(_round)
def round_action(request, campaign, number, action):
    round_ = _round(request, campaign, number)
    campaign = round_.campaign
    steps = {
        "open": lambda: rounds.open_round(round_=round_),
        "close": lambda: rounds.close_round(round_=round_),
        "confirm": lambda: rounds.start_confirmation_round(campaign=campaign, user=request.user),
    }
    if action not in steps:
        raise Http404("unknown action")
    try:
        steps[action]()
    except coordination.CoordinationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done."))
    return redirect("manage", campaign.slug)


@login_first(page_of=parent_page(), keep=False)
@post_only(lambda request, campaign: _coordinated(request, campaign))
def send_reminders(request, campaign):
    campaign = _coordinated(request, campaign)
    round_ = current_round(campaign)
    if round_ is None:
        messages.error(request, _("No round is open."))
    else:
        sent = invitations.send_reminders(
            campaign=campaign, round_=round_, base_url=request.build_absolute_uri("/")
        )
        messages.success(request, _("%(count)s reminders sent.") % {"count": sent})
    return redirect("manage", campaign.slug)


def _submission(request, campaign, submission):
    """A submission in a campaign the user coordinates, or 404."""
    campaign = _coordinated(request, campaign)
    return get_object_or_404(
        Submission.objects.select_related("round__campaign"),
        pk=submission,
        round__campaign=campaign,
    )


@login_first(page_of=parent_page(3), keep=False)
@post_only(_submission)
def reopen_submission(request, campaign, submission):
    submission = _submission(request, campaign, submission)
    campaign = submission.round.campaign
    form = ReopenForm(request.POST)
    if form.is_valid():
        from ..services.answering import reopen

        reopen(submission=submission, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The questionnaire is reopened."))
    else:
        messages.error(request, _("Give the reason for reopening."))
    return redirect("manage", campaign.slug)


def review_proposals(request, campaign):
    """After a round closes: merge duplicate 'other' aspects, promote or keep each one."""
    campaign = _coordinated(request, campaign)
    proposals = list(
        campaign.proposals.select_related("pair__municipality__region", "domain", "round")
        .filter(round__status=Round.Status.CLOSED)
        .order_by("domain__number", "label")
    )
    if request.method == "POST":
        form = ProposalReviewForm(request.POST, proposals=proposals)
        if not form.is_valid():
            raise Http404("no such proposal or action")
        target, action = form.target(), form.cleaned_data["action"]
        try:
            if action == "merge":
                coordination.merge_proposals(target=target, others=form.others(), user=request.user)
            elif action == "promote":
                coordination.promote_proposal(
                    proposal=target,
                    labels=form.labels(),
                    short_labels=form.short_labels(),
                    user=request.user,
                )
            else:
                coordination.keep_proposal(proposal=target, user=request.user)
        except coordination.CoordinationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Done."))
        return redirect("review-proposals", campaign.slug)
    return render(
        request,
        "campaigns/manage_proposals.html",
        {
            "campaign": campaign,
            "proposals": [(p, pair_name(p.pair)) for p in proposals],
        },
    )
