"""The coordinator's pages: create a campaign, choose its pairs, invite respondents, follow
progress, send reminders, run the rounds, review the 'other' aspects and reopen a submission."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.catalogue.cache import domains_of
from tandem.core.access import login_first, parent_page, post_only
from tandem.core.actions import pressed
from tandem.formats.belgian import format_date
from tandem.places.filters import places
from tandem.places.forms import PairSearchForm
from tandem.places.naming import pair_name

from .. import completeness, mails, reminders
from ..forms.coordination import (
    AddPairsForm,
    CampaignForm,
    ExtensionForm,
    InviteForm,
    MailTextsForm,
    PairChoiceForm,
    ProposalReviewForm,
    ReminderScheduleForm,
    ReopenForm,
    RoundStepForm,
)
from ..models import Campaign, CampaignPair, ProposedAspect, Round, Submission
from ..queries import current_round, mail_summary, pair_choice
from ..scoping import coordinated_campaigns, may_create_campaigns
from ..services import coordination, invitations, pair_removal, rounds


def coordinated_or_404(request, slug) -> Campaign:
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
    campaign = coordinated_or_404(request, campaign)
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
                request,
                _(
                    "The invitation to %(email)s is queued; the mail table below shows when "
                    "it is sent."
                )
                % {"email": data["email"]},
            )
            return redirect("manage", campaign.slug)
    round_ = campaign.rounds.exclude(status=Round.Status.PLANNED).order_by("-number").first()
    domains = domains_of(campaign.framework_id)
    rows = completeness.progress(round_, domains=domains) if round_ else []
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
            "mail": mail_summary(campaign),
            "schedule": schedule_text(campaign),
            "reopen_form": ReopenForm(),
            "proposals": campaign.proposals.filter(status=ProposedAspect.Status.PROPOSED).count(),
        },
        status=400 if invite_form.is_bound else 200,
    )


def manage_pairs(request, campaign):
    """The pairs taking part (language, answer mode, remove) and the search to add more: by
    name, code, province, region or peer group; tick some, or add all found. Without JavaScript
    the search is a plain GET form; with it, the results follow the typing (htmx)."""
    campaign = coordinated_or_404(request, campaign)
    participations = list(campaign.participations.select_related("pair__municipality__region"))
    action = pressed(request)
    if request.method == "POST" and action in ("add", "add-all"):
        return _add_pairs(request, campaign, action)
    if request.method == "POST":
        return _save_participations(request, campaign, participations)
    search = PairSearchForm(request.GET, places())
    choice = pair_choice(campaign=campaign, pair_filter=search.pair_filter())
    context = {"campaign": campaign, "search": search, "choice": choice}
    if request.htmx:
        return render(request, "campaigns/_pair_results.html", context)
    return render(
        request,
        "campaigns/manage_pairs.html",
        context
        | {
            "participations": sorted(
                ((pair_name(p.pair), p) for p in participations), key=lambda x: x[0]
            ),
            "languages": CampaignPair.Language.choices,
            "modes": CampaignPair.AnswerMode.choices,
            "answered": pair_removal.pairs_with_data(campaign=campaign),
        },
    )


def _add_pairs(request, campaign, action):
    """Add the ticked pairs, or all the search found (its conditions posted again)."""
    if action == "add-all":
        search = PairSearchForm(request.POST, places())
        pairs = list(pair_choice(campaign=campaign, pair_filter=search.pair_filter()).found)
    else:
        form = AddPairsForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Tick the pairs to add first. Nothing was changed."))
            return redirect(_with_query("manage-pairs", campaign, request.POST))
        pairs = list(form.cleaned_data["add"])
    added = coordination.add_pairs(campaign=campaign, pairs=pairs)
    messages.success(
        request,
        ngettext(
            "%(count)d pair added to the campaign.",
            "%(count)d pairs added to the campaign.",
            added,
        )
        % {"count": added},
    )
    return redirect(_with_query("manage-pairs", campaign, request.POST))


def _with_query(name, campaign, data) -> str:
    """The page again with the search it was sent from, so the coordinator can go on."""
    search = PairSearchForm(data, places())
    query = urlencode(search.query())
    url = reverse(name, args=[campaign.slug])
    return f"{url}?{query}" if query else url


def _save_participations(request, campaign, participations):
    form = PairChoiceForm(request.POST, participations=participations)
    if not form.is_valid():
        # Only a tampered or stale page posts a choice that is not offered.
        messages.error(request, _("The page was out of date; nothing was changed."))
        return redirect("manage-pairs", campaign.slug)
    try:
        _added, removed = coordination.set_pairs(
            campaign=campaign,
            pairs=form.kept_pairs(),
            languages=form.languages(),
            answer_modes=form.answer_modes(),
        )
    except coordination.CoordinationError as error:
        messages.error(request, str(error))
        return redirect("manage-pairs", campaign.slug)
    messages.success(
        request,
        ngettext(
            "Saved: %(count)d pair removed; the languages and answer modes are kept as shown.",
            "Saved: %(count)d pairs removed; the languages and answer modes are kept as shown.",
            removed,
        )
        % {"count": removed},
    )
    return redirect("manage-pairs", campaign.slug)


def _round(request, campaign, number, action=None):
    """A round of a campaign the user coordinates, or 404."""
    return get_object_or_404(coordinated_or_404(request, campaign).rounds, number=number)


ROUND_STEPS = ("open", "close", "confirm", "reopen")


def _do_round_step(
    round_: Round, step: str, deadline, user, base_url: str, reason: str = ""
) -> str:
    """Run the step; the message says what happened, with numbers."""
    campaign = round_.campaign
    pairs = campaign.participations.count()
    if step == "open":
        rounds.open_round(round_=round_, closes_on=deadline)
        return ngettext(
            "Round %(number)s is open: %(pairs)s pair can answer.",
            "Round %(number)s is open: %(pairs)s pairs can answer.",
            pairs,
        ) % {"number": round_.number, "pairs": pairs}
    if step == "close":
        rounds.close_round(round_=round_)
        summary = completeness.round_summary(round_)
        return ngettext(
            "Round %(number)s is closed. Submitted, and now counted in the matrices: "
            "%(submitted)s of %(total)s questionnaire; not submitted: %(open)s.",
            "Round %(number)s is closed. Submitted, and now counted in the matrices: "
            "%(submitted)s of %(total)s questionnaires; not submitted: %(open)s.",
            summary.questionnaires,
        ) % {
            "number": round_.number,
            "submitted": summary.submitted,
            "total": summary.questionnaires,
            "open": summary.questionnaires - summary.submitted,
        }
    if step == "reopen":
        summary = completeness.round_summary(round_)
        rounds.reopen_round(round_=round_, reason=reason, closes_on=deadline, user=user)
        waiting = summary.questionnaires - summary.submitted
        return ngettext(
            "Round %(number)s is open again until %(date)s: %(waiting)s questionnaire not "
            "submitted can be answered; the %(submitted)s submitted stay submitted.",
            "Round %(number)s is open again until %(date)s: %(waiting)s questionnaires not "
            "submitted can be answered; the %(submitted)s submitted stay submitted.",
            waiting,
        ) % {
            "number": round_.number,
            "date": format_date(deadline),
            "waiting": waiting,
            "submitted": summary.submitted,
        }
    confirmation = rounds.start_confirmation_round(
        campaign=campaign, user=user, closes_on=deadline, base_url=base_url
    )
    return ngettext(
        "Confirmation round %(number)s is open: %(pairs)s pair finds its answers of round "
        "%(previous)s filled in, to confirm or change.",
        "Confirmation round %(number)s is open: %(pairs)s pairs find their answers of round "
        "%(previous)s filled in, to confirm or change.",
        pairs,
    ) % {"number": confirmation.number, "pairs": pairs, "previous": round_.number}


@login_first(page_of=parent_page(3), keep=False)
def round_action(request, campaign, number, action):
    """Open, close or follow up a round: first a page that states the consequence with numbers
    (GET), then the step itself (POST from that page) and a message saying what happened."""
    round_ = _round(request, campaign, number)
    if action not in ROUND_STEPS:
        raise Http404("unknown action")
    form = RoundStepForm(
        request.POST if request.method == "POST" else None,
        step=action,
        initial={"deadline": round_.closes_on if action == "open" else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = _do_round_step(
                round_,
                action,
                form.cleaned_data.get("deadline"),
                request.user,
                request.build_absolute_uri("/"),
                form.cleaned_data.get("reason", ""),
            )
        except coordination.CoordinationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("manage", round_.campaign.slug)
    headings = {
        "open": (_("Open round %(number)s?"), _("Open the round")),
        "close": (_("Close round %(number)s?"), _("Close the round")),
        "confirm": (_("Open confirmation round %(number)s?"), _("Open a confirmation round")),
        "reopen": (_("Reopen round %(number)s?"), _("Reopen the round")),
    }
    heading, button = headings[action]
    number = round_.number + 1 if action == "confirm" else round_.number
    return render(
        request,
        "campaigns/round_step.html",
        {
            "campaign": round_.campaign,
            "round": round_,
            "step": action,
            "heading": heading % {"number": number},
            "button": button,
            "form": form,
            "summary": completeness.round_summary(round_),
            "extended": [
                (pair_name(p.pair), p.extended_until)
                for p in round_.campaign.participations.filter(
                    extended_until__isnull=False
                ).select_related("pair__municipality__region")
            ]
            if action == "close"
            else [],
        },
        status=400 if form.is_bound else 200,
    )


@login_first(page_of=parent_page(), keep=False)
@post_only(lambda request, campaign: coordinated_or_404(request, campaign))
def send_reminders(request, campaign):
    campaign = coordinated_or_404(request, campaign)
    round_ = current_round(campaign)
    if round_ is None:
        messages.error(request, _("No round is open."))
    else:
        queued = invitations.send_reminders(
            campaign=campaign, round_=round_, base_url=request.build_absolute_uri("/")
        )
        messages.success(
            request,
            ngettext(
                "%(count)d reminder queued; the mail table below shows when it is sent.",
                "%(count)d reminders queued; the mail table below shows when they are sent.",
                queued,
            )
            % {"count": queued},
        )
    return redirect("manage", campaign.slug)


@login_first(page_of=parent_page(2), keep=False)
@post_only(lambda request, campaign: coordinated_or_404(request, campaign))
def retry_mails(request, campaign):
    """Queue every failed mail of the campaign again."""
    campaign = coordinated_or_404(request, campaign)
    queued = mails.retry_failed(campaign=campaign, base_url=request.build_absolute_uri("/"))
    messages.success(
        request,
        ngettext(
            "%(count)d failed mail queued again.", "%(count)d failed mails queued again.", queued
        )
        % {"count": queued},
    )
    return redirect("manage", campaign.slug)


def reminder_schedule(request, campaign):
    """The campaign's reminder schedule, with the days it gives for the open round."""
    campaign = coordinated_or_404(request, campaign)
    round_ = current_round(campaign)
    deadline = reminders.deadline_of(round_) if round_ else None
    # The days as stored: a refused form has already written its values into the instance.
    dates = reminders.reminder_dates(campaign, deadline) if deadline else []
    form = ReminderScheduleForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("The reminder schedule is saved.") + " " + schedule_text(campaign)
        )
        return redirect("manage", campaign.slug)
    return render(
        request,
        "campaigns/reminder_schedule.html",
        {
            "campaign": campaign,
            "form": form,
            "round": round_,
            "deadline": deadline,
            "dates": dates,
        },
        status=400 if form.is_bound else 200,
    )


def pair_extension(request, campaign, refnis):
    """A later deadline for one pair of the open round (its questionnaire and reminders)."""
    campaign = coordinated_or_404(request, campaign)
    participation = get_object_or_404(
        campaign.participations.select_related("pair__municipality__region"),
        pair__municipality__refnis=refnis,
    )
    round_ = current_round(campaign)
    if round_ is None or not round_.is_open:
        raise Http404("no open round")
    form = ExtensionForm(
        request.POST or None,
        initial={"until": participation.extended_until, "reason": participation.extension_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rounds.extend_deadline(
                participation=participation,
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
                round_=round_,
            )
        except coordination.CoordinationError as error:
            form.add_error("until", str(error))
        else:
            messages.success(
                request,
                _("%(pair)s may answer until %(date)s.")
                % {
                    "pair": pair_name(participation.pair),
                    "date": format_date(form.cleaned_data["until"]),
                },
            )
            return redirect("manage", campaign.slug)
    return render(
        request,
        "campaigns/pair_extension.html",
        {
            "campaign": campaign,
            "participation": participation,
            "name": pair_name(participation.pair),
            "round": round_,
            "deadline": reminders.deadline_of(round_),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


def mail_texts(request, campaign):
    """The campaign's own mail texts per language, with a preview of each mail before saving."""
    campaign = coordinated_or_404(request, campaign)
    form = MailTextsForm(request.POST or None, instance=campaign)
    previews = []
    if request.method == "POST" and form.is_valid():
        if pressed(request) != "preview":
            form.save()
            messages.success(request, _("The mail texts are saved."))
            return redirect("manage", campaign.slug)
        unsaved = form.save(commit=False)  # the preview reads the typed texts, nothing is stored
        previews = [
            (
                language,
                label,
                *mails.preview(campaign=unsaved, template=template, language=language),
            )
            for language, label in (("nl", _("Dutch")), ("fr", _("French")), ("en", _("English")))
            for template in ("invitation_email", "reminder_email")
        ]
    return render(
        request,
        "campaigns/mail_texts.html",
        {"campaign": campaign, "form": form, "previews": previews},
        status=400 if form.is_bound and form.errors else 200,
    )


def schedule_text(campaign) -> str:
    """The schedule in a sentence, for the coordination page and the message after saving."""
    days = ", ".join(str(n) for n in campaign.days_before)
    facts = {"days": days, "count": campaign.max_reminders}
    if days and campaign.remind_on_deadline:
        return (
            _(
                "Reminders %(days)s days before the deadline and on the deadline itself; at most "
                "%(count)d per person."
            )
            % facts
        )
    if days:
        return _("Reminders %(days)s days before the deadline; at most %(count)d per person.") % (
            facts
        )
    if campaign.remind_on_deadline:
        return _("Reminders on the deadline itself; at most %(count)d per person.") % facts
    return _("No scheduled reminders.")


def _submission(request, campaign, submission):
    """A submission in a campaign the user coordinates, or 404."""
    campaign = coordinated_or_404(request, campaign)
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
    campaign = coordinated_or_404(request, campaign)
    proposals = list(
        campaign.proposals.select_related("pair__municipality__region", "domain", "round")
        .filter(round__status=Round.Status.CLOSED)
        .order_by("domain__number", "label")
    )
    if request.method == "POST":
        form = ProposalReviewForm(request.POST, proposals=proposals)
        if not form.is_valid():
            raise Http404("no such proposal or action")
        try:
            messages.success(request, _review_step(form, request.user))
        except coordination.CoordinationError as error:
            messages.error(request, str(error))
        return redirect("review-proposals", campaign.slug)
    language_of = dict(campaign.participations.values_list("pair_id", "language"))
    rows = [
        {
            "proposal": p,
            "pair": pair_name(p.pair),
            # The label as typed, in the field of the language the pair answered in.
            "language": language_of.get(p.pair_id, "nl"),
            "duplicates": [
                (other, pair_name(other.pair))
                for other in proposals
                if other.domain_id == p.domain_id
                and other.pk != p.pk
                and other.status == ProposedAspect.Status.PROPOSED
            ],
        }
        for p in proposals
    ]
    return render(request, "campaigns/manage_proposals.html", {"campaign": campaign, "rows": rows})


def _review_step(form: ProposalReviewForm, user) -> str:
    """Merge, promote or keep; the message names what happened."""
    target, action = form.target(), form.cleaned_data["action"]
    if action == "merge":
        others = form.others()
        if not others:
            raise coordination.CoordinationError(_("Tick the duplicates to merge first."))
        coordination.merge_proposals(target=target, others=others, user=user)
        return ngettext(
            "%(count)s aspect merged into '%(label)s'.",
            "%(count)s aspects merged into '%(label)s'.",
            len(others),
        ) % {"count": len(others), "label": target.label}
    if action == "promote":
        aspect = coordination.promote_proposal(
            proposal=target, labels=form.labels(), short_labels=form.short_labels(), user=user
        )
        return _(
            "'%(label)s' is now an aspect of %(domain)s: every pair answers it in the "
            "confirmation round."
        ) % {"label": aspect.label, "domain": target.domain.name}
    coordination.keep_proposal(proposal=target, user=user)
    return _("'%(label)s' stays the own aspect of %(pair)s.") % {
        "label": target.label,
        "pair": pair_name(target.pair),
    }
