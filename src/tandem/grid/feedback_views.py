"""The feedback loops' steps (S000 §4, 1b-1c): a coordinator sends a pair's synthesis table to
its participants and reopens it; the pair's people answer it; a coordinator follows every pair's
answer on one page and shares the answered tables with all participating pairs."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.campaigns.models import CampaignPair
from tandem.campaigns.scoping import coordinated_campaigns
from tandem.core.access import login_first, parent_page, post_only
from tandem.places.naming import pair_name

from . import feedback
from .forms import ShareTablesForm, TableAnswerForm
from .models import SynthesisTable, TableSharing
from .queries import editable_pairs, grid_campaign, participation_for
from .views import pair_context, pair_page

Status = SynthesisTable.Status


def _coordinated(request, slug):
    campaign = grid_campaign(request.user, slug)
    if not coordinated_campaigns(request.user).filter(pk=campaign.pk).exists():
        raise Http404("the campaign's coordinators follow the feedback")
    return campaign


def _coordinated_participation(request, campaign, refnis):
    campaign = _coordinated(request, campaign)
    return participation_for(editable_pairs(request.user, campaign), campaign, refnis)


def _editable_participation(request, campaign, refnis):
    campaign = grid_campaign(request.user, campaign)
    return participation_for(editable_pairs(request.user, campaign), campaign, refnis)


def _table(participation: CampaignPair) -> SynthesisTable | None:
    return SynthesisTable.objects.filter(participation=participation).first()


def _back(participation: CampaignPair):
    refnis = participation.pair.municipality.refnis
    return redirect("grid-pair", participation.campaign.slug, refnis)


@login_first(page_of=parent_page(), keep=False)
@post_only(_coordinated_participation)
def send(request, campaign, refnis):
    participation = _coordinated_participation(request, campaign, refnis)
    try:
        mailed = feedback.send_table(
            participation=participation,
            user=request.user,
            base_url=request.build_absolute_uri("/"),
        )
    except feedback.FeedbackError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            ngettext(
                "The synthesis table of %(pair)s is sent to its participants: they can now "
                "confirm it or correct it. %(count)d person gets a mail.",
                "The synthesis table of %(pair)s is sent to its participants: they can now "
                "confirm it or correct it. %(count)d people get a mail.",
                mailed,
            )
            % {"pair": pair_name(participation.pair), "count": mailed},
        )
    return _back(participation)


@login_first(page_of=parent_page(), keep=False)
@post_only(_coordinated_participation)
def reopen(request, campaign, refnis):
    participation = _coordinated_participation(request, campaign, refnis)
    table = _table(participation)
    try:
        if table is None:
            raise feedback.FeedbackError(_("This synthesis table is already a draft."))
        feedback.reopen_table(table=table, user=request.user)
    except feedback.FeedbackError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The synthesis table is a draft again and can change."))
    return _back(participation)


@login_first(page_of=parent_page())
@post_only(_editable_participation)
def answer(request, campaign, refnis):
    """The participants confirm the table sent to them, or say they corrected it; a refused
    answer shows the page again with what was typed."""
    context = pair_context(request, campaign, refnis, editing=True)
    participation = context["participation"]
    form = TableAnswerForm(request.POST)
    if not form.is_valid():
        return pair_page(request, context, answer_form=form, status=400)
    table = _table(participation)
    try:
        if table is None:
            raise feedback.FeedbackError(_("This synthesis table is not waiting for an answer."))
        status, changes = feedback.answer_table(
            table=table, user=request.user, note=form.cleaned_data["note"]
        )
    except feedback.FeedbackError as refused:
        messages.error(request, str(refused))
        return pair_page(request, context, answer_form=form, status=409)
    if status == Status.CONFIRMED:
        messages.success(request, _("Thank you: the synthesis table is confirmed as it stands."))
    else:
        messages.success(
            request,
            ngettext(
                "Thank you: the synthesis table is answered as corrected, with %(count)d entry "
                "added, changed or removed since it was sent.",
                "Thank you: the synthesis table is answered as corrected, with %(count)d entries "
                "added, changed or removed since it was sent.",
                changes,
            )
            % {"count": changes},
        )
    return _back(participation)


def tables(request, campaign):
    """Every pair's table with its feedback state; sharing the answered tables asks first."""
    campaign = _coordinated(request, campaign)
    form = ShareTablesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            sharing = feedback.share_tables(campaign=campaign, user=request.user)
        except feedback.FeedbackError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d answered synthesis table is shared with the campaign's %(pairs)d "
                    "participating pairs.",
                    "%(count)d answered synthesis tables are shared with the campaign's "
                    "%(pairs)d participating pairs.",
                    sharing.tables,
                )
                % {"count": sharing.tables, "pairs": campaign.participations.count()},
            )
        return redirect("grid-feedback", campaign.slug)
    participations = list(
        CampaignPair.objects.filter(campaign=campaign)
        .select_related("pair__municipality__region", "synthesis_table")
        .annotate(entries=Count("synthesis_table__entries"))
    )
    rows = []
    for participation in participations:
        table = getattr(participation, "synthesis_table", None)
        rows.append(
            {
                "participation": participation,
                "name": pair_name(participation.pair),
                "table": table,
                "status": table.get_status_display() if table else Status.DRAFT.label,
            }
        )
    rows.sort(key=lambda row: row["name"])
    counts = {label: 0 for _value, label in Status.choices}
    for row in rows:
        counts[row["status"]] += 1
    sharing = TableSharing.objects.filter(campaign=campaign).select_related("shared_by").first()
    by = sharing.shared_by if sharing else None
    return render(
        request,
        "grid/feedback.html",
        {
            "campaign": campaign,
            "rows": rows,
            "counts": counts,
            "sharing": sharing,
            "shared_by": (by.get_full_name() or by.username) if by else "—",
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )
