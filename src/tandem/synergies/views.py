"""The pair's register pages: the overview, one edit page per record (synergy, meeting, measure,
focus group) with its documents, and the history of every change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts import pair_people
from tandem.accounts.models import Invitation, PairRole
from tandem.campaigns.services import people as pair_access
from tandem.campaigns.services.invitations import VALID_DAYS
from tandem.core.access import login_first, parent_page, post_only, read_only
from tandem.core.actions import pressed
from tandem.core.pending import restored_post
from tandem.core.versioning import EditConflict
from tandem.places.filters import places
from tandem.places.forms import PairSearchForm
from tandem.web.conflicts import conflict_view

from . import services
from .forms import (
    FORMS,
    DocumentForm,
    FocusGroupSessionForm,
    GrantForm,
    PairInvitationForm,
    TakeBackForm,
)
from .history import register_history
from .queries import (
    RECORD_MODELS,
    document_of,
    may_edit,
    pair_lines,
    record_of,
    register_overview,
    register_pair,
)

# Called when a page is rendered, so the title follows the request's language.
NEW_TITLES = {
    "synergy": lambda: _("New synergy"),
    "meeting": lambda: _("New meeting"),
    "measure": lambda: _("New measure"),
    "focus-group": lambda: _("New focus group"),
}


@login_required
@read_only
def registers(request):
    """The pairs whose register the user keeps or reads, with the same search as the choice of
    a campaign's pairs, and what each pair has: its register's records and its campaigns."""
    search = PairSearchForm(request.GET, places())
    lines = pair_lines(user=request.user, pair_filter=search.pair_filter())
    return render(request, "synergies/registers.html", {"search": search, "lines": lines})


@login_required
@read_only
def register(request, refnis):
    pair = register_pair(request.user, refnis)
    context = register_overview(pair) | {"pair": pair, "may_edit": may_edit(request.user, pair)}
    return render(request, "synergies/register.html", context)


@login_first
def record(request, refnis, kind, pk=None):
    """Create (pk None) or edit a register record; a stale save shows both versions (R5)."""
    pair = register_pair(request.user, refnis, editing=True)
    if kind not in FORMS:
        raise Http404("unknown kind of record")
    instance = record_of(pair, kind, pk) if pk is not None else RECORD_MODELS[kind](pair=pair)
    form_class = FORMS[kind]
    conflict = kept_session = None
    if pressed(request) == "add-session":
        return _add_session(request, pair, instance)
    if request.method == "POST":
        form = form_class(request.POST, instance=instance, pair=pair)
        if form.is_valid():
            m2m = {"aspects": form.cleaned_data["aspects"]} if "aspects" in form.fields else None
            try:
                services.save_versioned(
                    record=form.save(commit=False),
                    opened_version=form.cleaned_data.get("opened_version"),
                    user=request.user,
                    m2m=m2m,
                )
            except EditConflict as clash:
                conflict, form = conflict_view(form, clash.current, pair=pair)
            else:
                messages.success(request, _("Saved."))
                return redirect("register", refnis=refnis)
    else:
        kept = restored_post(request)
        # A focus group's new session was sent with its own button and fields.
        kept_session = kept if kept is not None and kept.get("action") == "add-session" else None
        kept = None if kept_session is not None else kept
        form = form_class(kept, instance=instance, pair=pair) if kept else None
        form = form or form_class(instance=instance, pair=pair)
    context = {
        "pair": pair,
        "kind": kind,
        "new_title": NEW_TITLES[kind](),
        "record": instance if instance.pk else None,
        "form": form,
        "conflict": conflict,
        "document_form": DocumentForm() if kind in ("synergy", "meeting") else None,
        "session_form": FocusGroupSessionForm(kept_session) if kind == "focus-group" else None,
    }
    return render(request, "synergies/record.html", context, status=409 if conflict else 200)


def _add_session(request, pair, focus_group):
    if focus_group.pk is None or not isinstance(focus_group, RECORD_MODELS["focus-group"]):
        raise Http404("sessions belong to a saved focus group")
    form = FocusGroupSessionForm(request.POST)
    if form.is_valid():
        services.add_session(focus_group=focus_group, values=form.cleaned_data, user=request.user)
        messages.success(request, _("The session was added."))
        return redirect(
            "register-record", refnis=pair.refnis, kind="focus-group", pk=focus_group.pk
        )
    context = {
        "pair": pair,
        "kind": "focus-group",
        "new_title": NEW_TITLES["focus-group"](),
        "record": focus_group,
        "form": FORMS["focus-group"](instance=focus_group, pair=pair),
        "session_form": form,
    }
    return render(request, "synergies/record.html", context, status=400)


def _record(request, refnis, kind, pk):
    """A record of the user's pair they may edit, or 404."""
    return record_of(register_pair(request.user, refnis, editing=True), kind, pk)


def _document_owner(request, refnis, kind, pk):
    """The pair and the synergy or meeting a document is attached to, or 404."""
    pair = register_pair(request.user, refnis, editing=True)
    if kind not in ("synergy", "meeting"):
        raise Http404("documents belong to synergies and meetings")
    return pair, record_of(pair, kind, pk)


@login_first(page_of=parent_page(), keep=False)
@post_only(_record)
def delete_record(request, refnis, kind, pk):
    services.delete_record(record=_record(request, refnis, kind, pk), user=request.user)
    messages.success(request, _("Deleted; the history keeps what it held."))
    return redirect("register", refnis=refnis)


@login_first(page_of=parent_page(), keep=False)
@post_only(_document_owner)
def upload_document(request, refnis, kind, pk):
    pair, owner = _document_owner(request, refnis, kind, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attach_document(
            pair=pair,
            owner=owner,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["document"],
            user=request.user,
        )
        messages.success(request, _("The document was attached."))
    else:
        for error in form.errors.get("document", []) + form.errors.get("kind", []):
            messages.error(request, error)
    return redirect("register-record", refnis=refnis, kind=kind, pk=pk)


@login_required
@read_only
def document(request, refnis, document):
    """A register document, always as a download (never rendered inline)."""
    pair = register_pair(request.user, refnis)
    found = document_of(pair, document)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("file missing") from missing
    return FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )


@login_required
@read_only
def history(request, refnis):
    pair = register_pair(request.user, refnis)
    return render(
        request, "synergies/history.html", {"pair": pair, "changes": register_history(pair)}
    )


@login_first(page_of=parent_page(), keep=False)
def people(request, refnis):
    """The pair's own people: who holds which role for all its campaigns, given (to an account,
    or by an invitation to someone without one) and taken back by its editors, with the history
    of every change."""
    pair = register_pair(request.user, refnis, editing=True)
    action = pressed(request)
    grant_form = GrantForm(request.POST if action == "grant" else None)
    if action == "grant" and grant_form.is_valid():
        if _grant(request, pair, grant_form):
            return redirect("pair-people", refnis=refnis)
    elif action == "take-back":
        _take_back(request, pair)
        return redirect("pair-people", refnis=refnis)
    elif action in ("resend", "withdraw"):
        _invitation_step(request, pair, action)
        return redirect("pair-people", refnis=refnis)
    return render(
        request,
        "synergies/people.html",
        {
            "pair": pair,
            "roles": PairRole.objects.filter(pair=pair, campaign__isnull=True)
            .select_related("user")
            .order_by("role", "user__username"),
            "invitations": Invitation.objects.of_pair_itself(pair)
            .pending()
            .prefetch_related("mails")
            .order_by("-created_at"),
            "history": PairRole.history.filter(pair_id=pair.pk, campaign__isnull=True)
            .select_related("user", "history_user")
            .order_by("-history_date")[:100],
            "form": grant_form,
            "now": timezone.now(),
        },
        status=400 if grant_form.is_bound else 200,
    )


def _grant(request, pair, form: GrantForm) -> bool:
    """Give the role, or invite; False (with the error on the form) when refused."""
    data = form.cleaned_data
    try:
        given = pair_access.give_pair_access(
            pair=pair,
            email=data["email"],
            role=data["role"],
            administration=data["administration"],
            name=data["name"],
            language=data["language"],
            by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
    except pair_people.GrantError as error:
        form.add_error("email", str(error))
        return False
    facts = {
        "email": given.email if isinstance(given, Invitation) else data["email"],
        "role": PairRole.Role(data["role"]).label,
        "pair": pair.municipality.name,
        "days": VALID_DAYS,
    }
    if isinstance(given, Invitation):
        messages.success(
            request,
            _(
                "%(email)s has no account yet: an invitation is queued. With its link, valid for "
                "%(days)s days, they choose a password and become %(role)s of %(pair)s."
            )
            % facts,
        )
    else:
        messages.success(request, _("%(email)s is now %(role)s of %(pair)s.") % facts)
    return True


def _take_back(request, pair) -> None:
    form = TakeBackForm(request.POST, pair=pair)
    if not form.is_valid():
        raise Http404("not a role of this pair")
    role = form.cleaned_data["role"]
    try:
        pair_people.take_back(role=role, by=request.user)
    except pair_people.GrantError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(person)s no longer holds the role %(role)s.")
            % {"person": role.user.email or role.user.username, "role": role.get_role_display()},
        )


def _invitation_step(request, pair, action: str) -> None:
    form = PairInvitationForm(request.POST, pair=pair)
    if not form.is_valid():
        raise Http404("not an open invitation of this pair")
    invitation = form.cleaned_data["invitation"]
    facts = {"email": invitation.email, "days": VALID_DAYS}
    try:
        if action == "resend":
            pair_access.resend_invitation(
                invitation=invitation, base_url=request.build_absolute_uri("/")
            )
            done = _(
                "A new invitation to %(email)s is queued, valid for %(days)s days: the link sent "
                "before stops working then."
            )
        else:
            pair_access.withdraw_invitation(invitation=invitation, user=request.user)
            done = _("The invitation to %(email)s is withdrawn: its link no longer works.")
    except pair_access.AccessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % facts)
