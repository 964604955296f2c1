"""The respondent's questionnaire: overview, a page per management domain with an answer per
aspect (saved as typed with htmx, or all at once without JavaScript), contacts, submit.

Nothing typed is lost: a validation error or an edit conflict re-displays every value as typed;
a save that arrives after the session expired is kept in the new session and stored once the
person has logged in again (pending_saves)."""

import json
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.catalogue.cache import domains_of
from tandem.catalogue.models import ContactDomain, Domain
from tandem.core.access import login_first, parent_page, post_only, read_only
from tandem.core.actions import pressed
from tandem.core.converters import parse_id
from tandem.core.language import use_context_language
from tandem.core.pending import restored_post
from tandem.core.uploads import safe_display_name
from tandem.core.versioning import EditConflict
from tandem.places.models import Administration
from tandem.places.naming import pair_name

from .. import completeness, pages, pending_saves, queries
from ..forms.questionnaire import (
    AnswerForm,
    ContactForm,
    DomainActionForm,
    OwnRowForm,
    SubmitForm,
    Vocabulary,
    shown_degree,
)
from ..models import CampaignPair, ContactPerson, ProposedAspect, Response, Round
from ..scoping import answering_pairs, answering_participation, campaigns_for
from ..services import answering, contacts


@dataclass(eq=False)
class Seat:
    """Where the person answers: a campaign's round for one pair, as one respondent."""

    campaign: object
    round: Round
    pair: object
    participation: CampaignPair
    respondent: str
    editable: bool

    @cached_property
    def domains(self) -> list[Domain]:
        return domains_of(self.campaign.framework_id)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary.load()

    @property
    def name(self):
        return pair_name(self.pair)

    @property
    def deadline(self):
        """The pair's extension, else the round's closing day, else the campaign's deadline."""
        return self.participation.extended_until or self.round.closes_on or self.campaign.deadline

    def url(self, name, *args):
        return reverse(name, args=[self.campaign.slug, self.pair.municipality.refnis, *args])


def _seat(request, campaign_slug, refnis) -> Seat:
    """The user's seat for this pair in this campaign, or 404 when they hold none.

    A pair role valid in the campaign for a pair that takes part is what lets a person see the
    campaign at all (accounts.scoping); it runs on every autosave, so two queries find it all."""
    participation = answering_participation(request.user, campaign_slug, refnis)
    if participation is None:
        raise Http404("no seat for this pair in this campaign")
    separate = participation.answer_mode == CampaignPair.AnswerMode.SEPARATE
    if separate and not participation.answering_as:
        # A pair's editor may see the pair, but answers for one administration here.
        use_context_language(request, participation.language)
        raise PermissionDenied(
            _(
                "This pair answers per administration, and your role names none: ask the "
                "campaign's coordinator to name the municipality or the OCMW in your role."
            )
        )
    respondent = queries.respondent_for(participation, participation.answering_as)
    round_ = queries.answering_round(participation, respondent)
    if round_ is None:
        raise Http404("no round has opened yet")
    editable = queries.is_editable(round_.status, round_.submission_status)
    campaign, pair = participation.campaign, participation.pair
    use_context_language(request, participation.language)
    return Seat(campaign, round_, pair, participation, respondent, editable)


@login_first(page_of=pending_saves.page_of)
def questionnaire_start(request, campaign):
    """The campaign's questionnaire: straight to the user's pair, or a choice of pairs."""
    campaign = get_object_or_404(campaigns_for(request.user), slug=campaign)
    pairs = list(answering_pairs(request.user, campaign).select_related("municipality__region"))
    if not pairs:
        raise Http404("no pair to answer for")
    if len(pairs) == 1:
        return redirect("questionnaire", campaign.slug, pairs[0].municipality.refnis)
    choices = sorted(((pair_name(p), p) for p in pairs), key=lambda item: item[0])
    return render(
        request, "campaigns/questionnaire_start.html", {"campaign": campaign, "pairs": choices}
    )


@login_first(page_of=pending_saves.page_of)
@read_only
def questionnaire(request, campaign, refnis):
    """The task list: each domain's state and what it still needs, then the submit."""
    seat = _seat(request, campaign, refnis)
    return _render_overview(request, seat, SubmitForm())


def _render_overview(request, seat, submit_form, status=200):
    return render(
        request,
        "campaigns/questionnaire.html",
        {"seat": seat, "overview": pages.overview(seat), "form": submit_form},
        status=status,
    )


def _domain(seat: Seat, slug) -> Domain:
    for domain in seat.domains:
        if domain.slug == slug:
            return domain
    raise Http404("no such domain")


@dataclass
class Row:
    """One questionnaire row on a domain page: a catalogue aspect or the pair's own row."""

    key: str
    label: str
    short_label: str
    form: AnswerForm
    response: Response | None
    aspect: object = None
    proposal: ProposedAspect | None = None
    conflict: Response | None = None
    saved: bool = False
    document_stored: object = None  # the ResponseDocument an autosave just stored
    document_refused: str = ""  # the name of a file refused, with the reason below
    document_error: str = ""

    @property
    def document_posted(self) -> bool:
        return bool(self.document_stored or self.document_refused)

    @property
    def error_messages(self) -> list[tuple[str, str]]:
        """(field label, messages) of what the row's form refused, for its status line."""
        return [
            (self.form[name].label if name in self.form.fields else "", " ".join(messages))
            for name, messages in self.form.errors.items()
        ]

    @property
    def is_own(self):
        return self.proposal is not None


def _rows(seat: Seat, domain: Domain, data=None, files=None) -> list[Row]:
    """The domain's rows with their forms (bound to `data` when given)."""
    aspects = queries.questionnaire_aspects(seat.round, domain)
    answers = Response.objects.of_seat(seat.round, seat.pair, seat.respondent)
    stored = list(
        answers.filter(Q(aspect__in=aspects) | Q(aspect__isnull=True, proposal__domain=domain))
        .select_related("previous", "proposal")
        .prefetch_related("reason_clusters", "obstacle_types", "documents")
        .order_by("proposal__created_at", "pk")
    )
    by_aspect = {r.aspect_id: r for r in stored if r.aspect_id}
    rows = []
    for aspect in aspects:
        response = by_aspect.get(aspect.pk) or Response(
            round=seat.round, pair=seat.pair, respondent=seat.respondent, aspect=aspect
        )
        key = f"a{aspect.pk}"
        rows.append(
            Row(
                key,
                aspect.label,
                aspect.short_label,
                _form(seat, key, response, data, files),
                response,
                aspect=aspect,
            )
        )
    for response in (r for r in stored if r.aspect_id is None):
        key = f"o{response.proposal_id}"
        rows.append(
            Row(
                key,
                response.proposal.label,
                "",
                _form(seat, key, response, data, files),
                response,
                proposal=response.proposal,
            )
        )
    return rows


def _posted_row(seat: Seat, domain: Domain, key: str, data, files=None) -> Row | None:
    """The one row an autosave posts: 'a<aspect id>' or 'o<own row's proposal id>', with its
    form bound to `data`. Two queries: a bound form needs none of the stored choices that a
    page prefetches."""
    kind, number = key[:1], parse_id(key[1:])
    if number is None:
        return None
    answers = Response.objects.of_seat(seat.round, seat.pair, seat.respondent).order_by()
    if kind == "a":
        aspect = queries.asked_aspect(seat.round, domain, number)
        if aspect is None:
            return None
        response = answers.filter(aspect=aspect).first() or Response(
            round=seat.round, pair=seat.pair, respondent=seat.respondent, aspect=aspect
        )
        form = _form(seat, key, response, data, files)
        return Row(key, aspect.label, aspect.short_label, form, response, aspect=aspect)
    if kind == "o":
        response = (
            answers.filter(aspect__isnull=True, proposal_id=number, proposal__domain=domain)
            .select_related("proposal")
            .first()
        )
        if response is None:
            return None
        form = _form(seat, key, response, data, files)
        return Row(key, response.proposal.label, "", form, response, proposal=response.proposal)
    return None


def _form(seat, key, response, data=None, files=None, related=None, form_token=None):
    return AnswerForm(
        data,
        files,
        prefix=key,
        response=response,
        previous=response.previous,
        vocabulary=seat.vocabulary,
        related=related,
        form_token=form_token,
    )


def _save_row(request, seat: Seat, row: Row) -> bool:
    """Validate and store one row; on a conflict keep the typed values and show both. A refused
    document does not hold back the rest of the answer: the answer is saved and the row says why
    the document was not stored."""
    if not row.form.is_valid() and set(row.form.errors) != {"document"}:
        return False
    upload = row.form.files.get(row.form.add_prefix("document")) if row.form.files else None
    refused = upload is not None and "document" in row.form.errors
    try:
        response = answering.save_answer(
            round_=seat.round,
            pair=seat.pair,
            respondent=seat.respondent,
            aspect=row.aspect,
            proposal=row.proposal if row.aspect is None else None,
            values=row.form.values(),
            expected_version=row.form.cleaned_data["version"],
            form_token=row.form.cleaned_data.get("form_token") or "",
            user=request.user,
            documents=[upload] if upload is not None and not refused else [],
        )
    except EditConflict as conflict:
        row.conflict = conflict.current
        # The typed values stay; the version becomes the stored one, so saving again is a
        # deliberate choice to replace the other person's answer.
        data = request.POST.copy()
        data[row.form.add_prefix("version")] = conflict.current.version if conflict.current else 0
        row.form = AnswerForm(
            data,
            prefix=row.key,
            response=conflict.current or row.response,
            previous=None,
            vocabulary=seat.vocabulary,
        )
        row.form.is_valid()
        return False
    if refused:
        row.document_refused = safe_display_name(upload.name)
        row.document_error = " ".join(row.form.errors["document"])
    elif response.stored_documents:
        row.document_stored = response.stored_documents[0]
    row.response, row.saved = response, True
    return True


@login_first(page_of=pending_saves.page_of)
def domain_page(request, campaign, refnis, domain):
    seat = _seat(request, campaign, refnis)
    domain = _domain(seat, domain)
    replayed = pending_saves.replay(request, seat, domain, _rows, _save_row)
    if request.method == "POST":
        if not seat.editable:
            messages.error(request, _("This questionnaire is submitted or closed."))
            return redirect(request.path)
        return _post_domain(request, seat, domain)
    rows = replayed if replayed is not None else _rows(seat, domain)
    return _render_domain(request, seat, domain, rows, OwnRowForm())


def _post_domain(request, seat, domain):
    """Without JavaScript the whole domain is one form: save every row, then act on the
    button pressed (add or remove an own row). Enter in a field presses the first button, Save;
    an aspect typed in 'other aspect' is then added too, so nothing typed is lost."""
    rows = _rows(seat, domain, request.POST, request.FILES)
    posted = [r for r in rows if r.form.add_prefix("version") in request.POST]
    results = [_save_row(request, seat, row) for row in posted]
    pressed = DomainActionForm(request.POST)
    adding = pressed.adding
    own_form = OwnRowForm(request.POST if adding else None)
    if all(results) and adding and own_form.is_valid():
        answering.add_own_row(
            round_=seat.round,
            pair=seat.pair,
            respondent=seat.respondent,
            domain=domain,
            label=own_form.cleaned_data["label"],
            user=request.user,
        )
        messages.success(request, _("The other aspect was added; answer it below."))
        return redirect(request.path + "#own-rows")
    if all(results) and pressed.removed_row is not None:
        _remove_own(request, seat, pressed.removed_row)
        return redirect(request.path + "#own-rows")
    refused = [r for r in posted if r.document_refused]
    if all(results) and not adding and not refused:
        messages.success(
            request,
            ngettext(
                "Your answers are saved: %(count)s aspect.",
                "Your answers are saved: %(count)s aspects.",
                len(posted),
            )
            % {"count": len(posted)},
        )
        return redirect(request.path)
    status = 409 if any(r.conflict is not None for r in rows) else 400
    if all(results):
        status = 400  # only the own-row form is invalid, or a document was refused
    return _render_domain(request, seat, domain, _merge(rows, posted), own_form, status=status)


def _merge(rows, posted):
    by_key = {r.key: r for r in posted}
    return [by_key.get(r.key, r) for r in rows]


def _remove_own(request, seat, proposal_id):
    response = (
        Response.objects.of_seat(seat.round, seat.pair, seat.respondent)
        .filter(aspect__isnull=True, proposal_id=proposal_id)
        .first()
    )
    if response is None:
        raise Http404("no such own row")
    answering.remove_own_row(response=response, user=request.user)
    messages.success(request, _("The other aspect was removed."))


def _error_summary(rows, own_form) -> list[tuple[str, str, str]]:
    """(row label, message, id to go to) for every field refused and every edit conflict, in
    page order, for the summary at the top of the page."""
    found = []
    for row in rows:
        if row.conflict is not None:
            found.append(
                (row.label, _("someone else saved this answer meanwhile"), f"row-{row.key}")
            )
        for name, errors in row.form.errors.items():
            field = row.form[name] if name in row.form.fields else None
            anchor = _field_anchor(field) if field is not None else f"row-{row.key}"
            label = f"{row.label} · {field.label}" if field is not None else row.label
            found += [(label, message, anchor) for message in errors]
    for message in own_form.errors.get("label", []) if own_form.is_bound else []:
        found.append((own_form["label"].label, message, own_form["label"].auto_id))
    return found


def _field_anchor(field) -> str:
    radio = isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    return f"{field.auto_id}_0" if radio else field.auto_id


def _banner(seat) -> dict:
    """What the submission banner shows, queried only when there is a submission."""
    if seat.round.submission_status is None:
        return {"submission": None, "coordinators": []}
    submission = pages.submission_facts(seat)
    coordinators = (
        pages.coordinators_of(seat.campaign) if submission and submission.is_submitted else []
    )
    return {"submission": submission, "coordinators": coordinators}


def _render_domain(request, seat, domain, rows, own_form, status=200):
    domains = seat.domains
    return render(
        request,
        "campaigns/questionnaire_domain.html",
        {
            "seat": seat,
            "domain": domain,
            "domains": domains,
            "rows": rows,
            "own_form": own_form,
            "error_summary": _error_summary(rows, own_form),
            **_banner(seat),
        },
        status=status,
    )


@login_first(page_of=pending_saves.page_of)
@post_only(lambda request, campaign, refnis, domain, key: _seat(request, campaign, refnis))
def save_row(request, campaign, refnis, domain, key):
    """htmx autosave of one row; answers the row's fragment (follow-ups for the new degree)."""
    seat = _seat(request, campaign, refnis)
    domain = _domain(seat, domain)
    row = _posted_row(seat, domain, key, request.POST, request.FILES)
    if row is None:
        raise Http404("no such row")
    if not seat.editable:
        return HttpResponse(_("This questionnaire is submitted or closed."), status=409)
    shown = shown_degree(request.POST, prefix=row.form.prefix)
    _save_row(request, seat, row)
    context = {"seat": seat, "domain": domain, "row": row}
    if row.conflict is not None or pressed(request) == "save":
        # A conflict, or its deliberate resolution: replace the whole row.
        if row.saved:
            row.form = _fresh_form(seat, row)
        return render(request, "campaigns/_answer_row.html", {**context, "oob": True})
    if row.saved:  # a fresh form from the stored answer: new version, follow-ups of the degree
        row.form = _fresh_form(seat, row)
        degree = row.response.degree
        context["oob_followups"] = shown != ("" if degree is None else str(degree))
    response = render(request, "campaigns/_row_saved.html", context)
    if row.document_posted:
        # The page's script empties the row's file input, so the next autosave of the row does
        # not send the same file again.
        response["HX-Trigger"] = json.dumps({"tandem:document-handled": {"row": row.key}})
    return response


def _fresh_form(seat, row):
    """The row's form from the answer just stored (its new version, its follow-ups); the
    chosen terms are those just saved, not read back."""
    related = answering.kept_related(row.form.values(), row.response.degree)
    # The same opening of the page goes on: the token that just saved stays with the row.
    token = row.response.saved_by_form or None
    return _form(seat, row.key, row.response, related=related, form_token=token)


@login_first(page_of=pending_saves.page_of)
def contacts_page(request, campaign, refnis):
    """'Bijkomende gegevens': contact persons per contact domain for the municipality and the
    OCMW (S001:1121-1154)."""
    seat = _seat(request, campaign, refnis)
    contact_domains = list(
        ContactDomain.objects.filter(framework_id=seat.campaign.framework_id).order_by("order")
    )
    stored = {
        (c.contact_domain_id, c.administration): c
        for c in ContactPerson.objects.filter(campaign=seat.campaign, pair=seat.pair)
    }
    kinds = list(Administration.Kind)
    # After a session expired: what was typed comes back in the form, to check and save.
    data = request.POST if request.method == "POST" else restored_post(request)
    grid = _contact_grid(contact_domains, kinds, stored, data)
    conflicts: dict = {}
    if request.method == "POST":
        if not seat.editable:
            raise Http404("closed")
        forms = [(d, kind, form) for d, cells in grid for kind, form, _contact, _clash in cells]
        if all(form.is_valid() for _d, _k, form in forms):
            entries = [
                contacts.ContactEntry(
                    contact_domain=contact_domain,
                    administration=kind.value,
                    values=form.cleaned_data,
                    opened_version=form.cleaned_data["version"] or 0,
                )
                for contact_domain, kind, form in forms
            ]
            try:
                changed = contacts.save_contacts(
                    campaign=seat.campaign, pair=seat.pair, entries=entries, user=request.user
                )
            except contacts.ContactsConflict as clash:
                conflicts = clash.current
                kept = _at_stored_versions(data, clash)
                grid = _contact_grid(contact_domains, kinds, stored | conflicts, kept, conflicts)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The contact persons are saved: %(count)s changed.",
                        "The contact persons are saved: %(count)s changed.",
                        changed,
                    )
                    % {"count": changed},
                )
                return redirect(request.path)
    summary = [
        (f"{contact_domain.name} · {kind.label} · {form[name].label}", message, form[name].auto_id)
        for contact_domain, cells in grid
        for kind, form, _contact, _clash in cells
        if form.is_bound
        for name, messages in form.errors.items()
        for message in messages
    ]
    summary += [
        (
            f"{contact_domain.name} · {kind.label}",
            _("Someone else changed this contact person after you opened the page."),
            form["name"].auto_id,
        )
        for contact_domain, cells in grid
        for kind, form, _contact, clash in cells
        if clash is not None
    ]
    context = {
        "seat": seat,
        "grid": grid,
        "kinds": kinds,
        "error_summary": summary,
        "conflicts": len(conflicts),
        **_banner(seat),
    }
    status = 409 if conflicts else 400 if request.method == "POST" else 200
    return render(request, "campaigns/questionnaire_contacts.html", context, status=status)


@dataclass(frozen=True)
class ContactClash:
    """A cell someone else changed since the page was opened: what is stored now (None: the
    contact was removed)."""

    current: ContactPerson | None


def _contact_grid(contact_domains, kinds, stored, data, conflicts=None):
    """Per contact domain, per administration: (kind, its form, the stored contact or None,
    a ContactClash or None)."""
    grid = []
    for contact_domain in contact_domains:
        cells = []
        for kind in kinds:
            contact = stored.get((contact_domain.pk, kind.value))
            initial = {"version": 0}
            if contact is not None:
                initial = {f: getattr(contact, f) for f in contacts.CONTACT_FIELDS}
                initial["version"] = contact.version
            prefix = f"c{contact_domain.pk}-{kind.value}"
            form = ContactForm(data, prefix=prefix, initial=initial)
            cell = (contact_domain.pk, kind.value)
            clash = ContactClash(conflicts[cell]) if conflicts and cell in conflicts else None
            cells.append((kind, form, contact, clash))
        grid.append((contact_domain, cells))
    return grid


def _at_stored_versions(data, clash):
    """The posted cells, typed values kept, with the versions stored now in the cells that
    conflict: saving again is a deliberate choice to replace what someone else saved."""
    kept = data.copy()
    for (domain_id, kind), contact in clash.current.items():
        kept[f"c{domain_id}-{kind}-version"] = contact.version if contact else 0
    return kept


@login_first(page_of=pending_saves.page_of)
@read_only
def print_page(request, campaign, refnis):
    """All of one's answers on one page, with follow-ups and document names, to print or save
    as PDF with the browser, before and after submitting."""
    seat = _seat(request, campaign, refnis)
    missing = (
        completeness.problems_of(seat.round, seat.pair, seat.respondent, domains=seat.domains)
        if seat.editable
        else []
    )
    return render(
        request,
        "campaigns/questionnaire_print.html",
        {
            "seat": seat,
            "sections": pages.answers_by_domain(seat),
            "contacts": pages.contacts_of(seat),
            "missing": missing,
            "submission": pages.submission_facts(seat),
            "now": timezone.now(),
        },
    )


@login_first(page_of=parent_page(), keep=False)  # a submit is never made unseen
@post_only(lambda request, campaign, refnis: _seat(request, campaign, refnis))
def submit_page(request, campaign, refnis):
    seat = _seat(request, campaign, refnis)
    form = SubmitForm(request.POST)
    if seat.editable and not form.is_valid():  # an irreversible step is confirmed first
        return _render_overview(request, seat, form, status=400)
    try:
        _submission, created = answering.submit(
            round_=seat.round, pair=seat.pair, respondent=seat.respondent, user=request.user
        )
    except answering.Incomplete:
        messages.error(request, _("Some answers are missing; see the list below."))
        return redirect(seat.url("questionnaire") + "#problems")
    except answering.QuestionnaireClosed as closed:
        messages.error(request, str(closed))
        return redirect(seat.url("questionnaire"))
    if created:
        messages.success(request, _("Thank you: your questionnaire is submitted."))
    else:
        messages.info(request, _("This questionnaire was already submitted."))
    return redirect(seat.url("questionnaire"))
