"""What the pair and the coordinator may read beside the questionnaire: the history of every
change (R6), the documents attached to answers, and the municipality/OCMW comparison."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tandem.catalogue.degrees import degree_text
from tandem.core.access import read_only
from tandem.core.language import use_context_language
from tandem.places.naming import pair_name

from ..forms.questionnaire import Vocabulary
from ..models import ContactPerson, Response, ResponseDocument, Submission
from ..queries import questionnaire_aspects
from ..scoping import campaigns_for, history_pairs

TRACKED_FIELDS = (
    "degree",
    "reasons",
    "regulation",
    "instrument",
    "regulation_link",
    "desirable",
    "desirable_reasons",
    "formal_desirable",
    "formal_desirable_reasons",
    "obstacles",
    "change_reason",
    "confirmed",
    "status",
    "aspect",
)


def readable_pair(request, campaign_slug, refnis):
    """(campaign, pair) when the user answers for the pair or coordinates the campaign; else 404."""
    campaign = get_object_or_404(campaigns_for(request.user), slug=campaign_slug)
    pairs = history_pairs(request.user, campaign)
    pair = get_object_or_404(
        pairs.select_related("municipality__region"), municipality__refnis=refnis
    )
    language = campaign.participations.filter(pair=pair).values_list("language", flat=True)
    use_context_language(request, next(iter(language), ""))
    return campaign, pair


ACTIONS = {"+": _lazy("created"), "~": _lazy("changed"), "-": _lazy("deleted")}
YES_NO_FIELDS = ("desirable", "formal_desirable", "confirmed")


def _shown(field, value):
    """A stored value as the page shows it: a degree with its label, yes/no, a term's name."""
    if value in (None, ""):
        return None
    if field == "degree":
        return degree_text(value)
    if field in YES_NO_FIELDS:
        return _("yes") if value else _("no")
    if field == "status":
        return Response.Status(value).label
    if field == "instrument":
        return str(Vocabulary.load().instruments.get(value, value))
    return value


def _changes(record, previous):
    if record.history_type == "+" or previous is None:
        fields = ("degree", "reasons")
        return [
            (f, None, getattr(record, f, None))
            for f in fields
            if getattr(record, f, None) not in (None, "")
        ]
    if record.history_type == "-":
        return []
    delta = record.diff_against(
        previous, included_fields=[f for f in TRACKED_FIELDS if hasattr(record, f)]
    )
    return [(c.field, c.old, c.new) for c in delta.changes]


def _label(field_name, model):
    try:
        return model._meta.get_field(field_name).verbose_name
    except Exception:  # noqa: BLE001 - a field that no longer exists keeps its name
        return field_name


def _prefilled(record) -> bool:
    """A confirmation round's copy of an answer of the round before: written by Tandem when the
    coordinator opened the round (rounds._prefill), not typed by anyone."""
    return record.history_type == "+" and record.previous_id is not None


def _response_entry(record, previous):
    subject = (
        record.aspect.label
        if record.aspect_id
        else (record.proposal.label if record.proposal_id else "—")
    )
    system = _prefilled(record)
    changes = _changes(record, previous)
    return {
        "fields": {f for f, _old, _new in changes},
        "when": record.history_date,
        "who": None if system else record.history_user,
        "system": system,
        "what": _("Round %(number)s · %(subject)s")
        % {"number": record.round.number, "subject": subject},
        "kind": _("pre-filled from round %(number)s") % {"number": record.round.number - 1}
        if system
        else ACTIONS[record.history_type],
        "changes": [
            (_label(f, Response), _shown(f, old), _shown(f, new)) for f, old, new in changes
        ],
    }


@read_only
def pair_history(request, campaign, refnis):
    campaign, pair = readable_pair(request, campaign, refnis)
    responses = (
        Response.history.filter(round__campaign=campaign, pair=pair)
        .select_related("history_user", "aspect", "proposal", "round")
        .order_by("-history_date")[:500]
    )
    records = list(responses)
    # Each record's predecessor, from the same list (prev_record would query once per record).
    previous_of = {}
    for record in sorted(records, key=lambda r: (r.id, r.history_date)):
        previous_of[record.history_id] = previous_of.get(("last", record.id))
        previous_of[("last", record.id)] = record
    entries = [_response_entry(r, previous_of[r.history_id]) for r in records]
    # A submit or a reopening turns every answer's status at once; the questionnaire's own line
    # says so, so those answers' status-only lines would only bury the real changes.
    entries = [e for e in entries if e.get("fields") != {"status"}]
    for record in Submission.history.filter(round__campaign=campaign, pair=pair).select_related(
        "history_user", "round"
    ):
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "what": _("Round %(number)s · questionnaire") % {"number": record.round.number},
                "kind": record.get_status_display(),
                "changes": [(_("reason for reopening"), None, record.reopen_reason)]
                if record.reopen_reason
                else [],
            }
        )
    for record in ContactPerson.history.filter(campaign=campaign, pair=pair).select_related(
        "history_user"
    ):
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "what": _("Contact person"),
                "kind": ACTIONS[record.history_type],
                "changes": [(_("name"), None, record.name)],
            }
        )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return render(
        request,
        "campaigns/pair_history.html",
        {"campaign": campaign, "pair": pair, "name": pair_name(pair), "entries": entries},
    )


@read_only
def response_document(request, campaign, refnis, document):
    """A document attached to an answer, always as a download (never rendered inline)."""
    campaign, pair = readable_pair(request, campaign, refnis)
    document = get_object_or_404(
        ResponseDocument, pk=document, response__round__campaign=campaign, response__pair=pair
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("file missing") from missing
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@read_only
def comparison(request, campaign, refnis):
    """Where the municipality's and the OCMW's separate answers differ, aspect by aspect."""
    campaign, pair = readable_pair(request, campaign, refnis)
    round_ = campaign.rounds.exclude(status="planned").order_by("-number").first()
    if round_ is None:
        raise Http404("no round yet")
    kinds = (Response.Respondent.MUNICIPALITY, Response.Respondent.WELFARE_CENTRE)
    answers = {
        (r.aspect_id, r.respondent): r
        for r in Response.objects.filter(
            round=round_, pair=pair, respondent__in=kinds, aspect__isnull=False
        )
    }
    domains = []
    differing = 0
    for domain in campaign.framework.domains.order_by("number"):
        rows = []
        for aspect in questionnaire_aspects(round_, domain):
            municipality, centre = (answers.get((aspect.pk, k)) for k in kinds)
            first = municipality.degree if municipality else None
            second = centre.degree if centre else None
            differs = first != second
            differing += differs
            rows.append(
                {
                    "aspect": aspect,
                    "municipality": municipality,
                    "centre": centre,
                    "differs": differs,
                }
            )
        domains.append((domain, rows))
    return render(
        request,
        "campaigns/pair_comparison.html",
        {
            "campaign": campaign,
            "pair": pair,
            "name": pair_name(pair),
            "round": round_,
            "domains": domains,
            "differing": differing,
        },
    )
