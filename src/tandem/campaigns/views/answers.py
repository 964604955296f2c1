"""A coordinator reads a pair's questionnaire of the current round read-only (all domains,
follow-ups, documents, contacts), from the progress table, and downloads it as PDF."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from tandem.core.access import read_only
from tandem.formats.pdf import html_to_pdf

from .. import completeness, pages
from ..models import CampaignPair, Response, Round, Submission
from .coordination import coordinated_or_404
from .questionnaire import Seat


def _seat(request, campaign, refnis, respondent) -> Seat:
    campaign = coordinated_or_404(request, campaign)
    participation = get_object_or_404(
        campaign.participations.select_related("pair__municipality__region"),
        pair__municipality__refnis=refnis,
    )
    separate = participation.answer_mode == CampaignPair.AnswerMode.SEPARATE
    allowed = ("gemeente", "ocmw") if separate else (Response.Respondent.JOINT,)
    if respondent not in allowed:
        raise Http404("no such questionnaire for this pair")
    round_ = campaign.rounds.exclude(status=Round.Status.PLANNED).order_by("-number").first()
    if round_ is None:
        raise Http404("no round has opened yet")
    submitted = (
        Submission.objects.of_seat(round_, participation.pair, respondent)
        .filter(status=Submission.Status.SUBMITTED)
        .exists()
    )
    # "Editable" as the respondent sees it, so the facts say "draft" while the round is open.
    editable = round_.status == Round.Status.OPEN and not submitted
    return Seat(campaign, round_, participation.pair, participation, respondent, editable)


def _context(seat: Seat) -> dict:
    return {
        "seat": seat,
        "sections": pages.answers_by_domain(seat),
        "contacts": pages.contacts_of(seat),
        "submission": pages.submission_facts(seat),
        "missing": completeness.problems_of(
            seat.round, seat.pair, seat.respondent, domains=seat.domains
        ),
        "now": timezone.now(),
    }


@read_only
def answers_page(request, campaign, refnis, respondent):
    seat = _seat(request, campaign, refnis, respondent)
    return render(
        request, "campaigns/manage_answers.html", _context(seat) | {"download_links": True}
    )


@read_only
def answers_pdf(request, campaign, refnis, respondent):
    seat = _seat(request, campaign, refnis, respondent)
    context = _context(seat) | {"download_links": False, "language": (get_language() or "nl")[:2]}
    html = render_to_string("campaigns/print/answers.html", context)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    filename = f"{seat.campaign.slug}-{seat.pair.municipality.refnis}-{respondent}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
