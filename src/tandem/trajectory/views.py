"""The pair's integration trajectory, step 1 (the organisation scan, S003:19-23): the overview
with what Tandem already knows of the pair, the interviews and the picture per perspective; one
edit page per interview and per perspective; a printable scan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.catalogue.models import ProductDossier
from tandem.core.access import login_first, parent_page, post_only, read_only
from tandem.core.versioning import EditConflict
from tandem.web.conflicts import versioned_edit

from . import services
from .exports import scan_response
from .forms import (
    ActionForm,
    DecisionForm,
    ExportForm,
    InterviewForm,
    PhaseForm,
    PictureForm,
    SettingsForm,
    TargetForm,
)
from .history import trajectory_history
from .models import (
    Action,
    DossierDecision,
    Interview,
    Perspective,
    Phase,
    ScanPicture,
    TargetPicture,
    Trajectory,
)
from .pages import action_plan, dossier_lines, scan_perspectives, starting_facts
from .queries import (
    action_of,
    interview_of,
    may_edit,
    own_decision_of,
    phase_of,
    target_of,
    trajectory_of,
    trajectory_pair,
)


def _scan_context(request, pair) -> dict:
    trajectory = trajectory_of(pair)
    return {
        "pair": pair,
        "trajectory": trajectory,
        "facts": starting_facts(user=request.user, pair=pair),
        "perspectives": scan_perspectives(trajectory),
        "interviews": list(trajectory.interviews.all()) if trajectory else [],
        "dossiers": dossier_lines(trajectory, timezone.localdate()),
        "target": target_of(trajectory),
        "plan": action_plan(trajectory),
    }


@login_required
@read_only
def scan(request, refnis):
    pair = trajectory_pair(request.user, refnis)
    context = _scan_context(request, pair)
    editing = may_edit(request.user, pair)
    context["may_edit"] = editing
    if editing:
        context["settings_form"] = SettingsForm(instance=context["trajectory"] or Trajectory())
    return render(request, "trajectory/scan.html", context)


@login_required
@read_only
def history(request, refnis):
    pair = trajectory_pair(request.user, refnis)
    context = {"pair": pair, "changes": trajectory_history(pair)}
    return render(request, "trajectory/history.html", context)


@login_required
@read_only
def export(request, refnis, fmt):
    """The scan as CSV (one table, ?table=interviews|pictures|dossiers), XLSX or JSON."""
    pair = trajectory_pair(request.user, refnis)
    if fmt not in ("csv", "xlsx", "json"):
        raise Http404("unknown format")
    form = ExportForm(request.GET)
    if request.GET.get("table") and not form.is_valid():
        raise Http404("unknown table")
    return scan_response(pair, trajectory_of(pair), fmt, form.chosen(), timezone.localdate())


@login_required
@read_only
def scan_print(request, refnis):
    pair = trajectory_pair(request.user, refnis)
    return render(request, "trajectory/print.html", _scan_context(request, pair))


def _editable(request, refnis, *args, **kwargs):
    return trajectory_pair(request.user, refnis, editing=True)


@login_first(page_of=parent_page(), keep=False)
@post_only(_editable)
def settings(request, refnis):
    pair = trajectory_pair(request.user, refnis, editing=True)
    form = SettingsForm(request.POST, instance=trajectory_of(pair) or Trajectory())
    if form.is_valid():
        try:
            services.save_settings(
                pair=pair,
                with_patrimony=form.cleaned_data["with_patrimony"],
                opened_version=form.cleaned_data.get("opened_version"),
                user=request.user,
            )
        except EditConflict:
            messages.error(
                request,
                _("Someone else changed the trajectory after you opened it; nothing was saved."),
            )
        else:
            messages.success(request, _("Saved."))
    return redirect("trajectory", refnis=refnis)


def _page(request, template: str, context: dict, conflict) -> HttpResponse:
    context["conflict"] = conflict
    return render(request, template, context, status=409 if conflict else 200)


def _trajectory_url(refnis: str, part: str = "") -> str:
    return f"{reverse('trajectory', kwargs={'refnis': refnis})}{part}"


@login_first
def interview(request, refnis, pk=None):
    """Record (pk None) or edit an interview; a stale save shows both versions (R5)."""
    pair = trajectory_pair(request.user, refnis, editing=True)
    trajectory = trajectory_of(pair)
    instance = interview_of(pair, pk) if pk is not None else Interview()
    perspectives = trajectory.perspectives if trajectory else Trajectory().perspectives

    def save(form, opened_version):
        record = form.save(commit=False)
        services.save_interview(
            pair=pair, interview=record, opened_version=opened_version, user=request.user
        )

    form, conflict, saved = versioned_edit(
        request, InterviewForm, instance, save, perspectives=perspectives
    )
    if saved:
        messages.success(request, _("The interview is saved."))
        return redirect("trajectory", refnis=refnis)
    context = {
        "pair": pair,
        "interview": instance if instance.pk else None,
        "form": form,
        "facts": starting_facts(user=request.user, pair=pair),
    }
    return _page(request, "trajectory/interview.html", context, conflict)


def _interview(request, refnis, pk):
    return interview_of(_editable(request, refnis), pk)


@login_first(page_of=parent_page(), keep=False)
@post_only(_interview)
def delete_interview(request, refnis, pk):
    record = _interview(request, refnis, pk)
    services.delete_interview(interview=record, user=request.user)
    messages.success(
        request,
        _("The interview with %(witness)s is deleted; its history keeps what it held.")
        % {"witness": record.witness},
    )
    return redirect("trajectory", refnis=refnis)


@login_first
def picture(request, refnis, perspective):
    """Write the scan's picture of one perspective beside the interviews that speak to it."""
    pair = trajectory_pair(request.user, refnis, editing=True)
    if perspective not in Perspective.values:
        raise Http404("unknown perspective")
    trajectory = trajectory_of(pair)
    stored = (
        ScanPicture.objects.filter(trajectory=trajectory, perspective=perspective).first()
        if trajectory
        else None
    )
    instance = stored or ScanPicture(perspective=perspective)

    def save(form, opened_version):
        text = form.cleaned_data["text"]
        services.save_picture(
            pair=pair,
            perspective=perspective,
            text=text,
            opened_version=opened_version,
            user=request.user,
        )

    form, conflict, saved = versioned_edit(request, PictureForm, instance, save)
    if saved:
        messages.success(request, _("The picture is saved."))
        return redirect("trajectory", refnis=refnis)
    scans = {s.perspective.value: s for s in scan_perspectives(trajectory)}
    context = {
        "pair": pair,
        "label": Perspective(perspective).label,
        "scan": scans.get(perspective),
        "form": form,
        "facts": starting_facts(user=request.user, pair=pair),
    }
    return _page(request, "trajectory/picture.html", context, conflict)


@login_first
def decision(request, refnis, dossier=None, pk=None):
    """ "Samenwerken, tenzij…": the decision on a listed dossier (by its code), on a dossier of
    the pair's own (pk), or a new own dossier (neither); a stale save shows both versions."""
    pair = trajectory_pair(request.user, refnis, editing=True)
    trajectory = trajectory_of(pair)
    if dossier is not None:
        listed = get_object_or_404(ProductDossier, slug=dossier)
        stored = trajectory.dossiers.filter(dossier=listed).first() if trajectory else None
        instance = stored or DossierDecision(dossier=listed, decided_on=timezone.localdate())
    elif pk is not None:
        instance = own_decision_of(pair, pk)
    else:
        instance = DossierDecision(decided_on=timezone.localdate())

    def save(form, opened_version):
        record = form.save(commit=False)
        services.save_decision(
            pair=pair, decision=record, opened_version=opened_version, user=request.user
        )

    form, conflict, saved = versioned_edit(request, DecisionForm, instance, save)
    if saved:
        messages.success(
            request, _("The decision on %(dossier)s is saved.") % {"dossier": instance.name}
        )
        return redirect(_trajectory_url(refnis, "#dossiers"))
    context = {
        "pair": pair,
        "title": instance.name or _("A dossier of the pair's own"),
        "decision": instance if instance.pk else None,
        "form": form,
    }
    return _page(request, "trajectory/decision.html", context, conflict)


@login_first
def target(request, refnis):
    """Step 2's target picture: intended results, people and services, time frame (R5)."""
    pair = trajectory_pair(request.user, refnis, editing=True)
    trajectory = trajectory_of(pair)
    instance = target_of(trajectory) or TargetPicture()

    def save(form, opened_version):
        values = {name: form.cleaned_data[name] for name in TargetForm.Meta.fields}
        services.save_target(
            pair=pair, values=values, opened_version=opened_version, user=request.user
        )

    form, conflict, saved = versioned_edit(request, TargetForm, instance, save)
    if saved:
        messages.success(request, _("The target picture is saved."))
        return redirect(_trajectory_url(refnis, "#target"))
    return _page(request, "trajectory/target.html", {"pair": pair, "form": form}, conflict)


@login_first
def phase(request, refnis, pk=None):
    """A phase of the action plan, new (pk None) or changed; a stale save shows both (R5)."""
    pair = trajectory_pair(request.user, refnis, editing=True)
    trajectory = trajectory_of(pair)
    instance = phase_of(pair, pk) if pk is not None else Phase()

    def save(form, opened_version):
        record = form.save(commit=False)
        services.save_phase(
            pair=pair, phase=record, opened_version=opened_version, user=request.user
        )

    form, conflict, saved = versioned_edit(
        request, PhaseForm, instance, save, trajectory=trajectory
    )
    if saved:
        messages.success(request, _("The phase is saved."))
        return redirect(_trajectory_url(refnis, "#plan"))
    title = str(instance) if instance.pk else _("New phase")
    return _page(
        request, "trajectory/plan_form.html", {"pair": pair, "title": title, "form": form}, conflict
    )


@login_first
def action(request, refnis, pk=None):
    """An action of the plan, new (pk None) or changed; a stale save shows both (R5)."""
    pair = trajectory_pair(request.user, refnis, editing=True)
    trajectory = trajectory_of(pair)
    if trajectory is None or not trajectory.phases.exists():
        messages.error(request, _("Add a phase first: every action belongs to a phase."))
        return redirect(_trajectory_url(refnis, "#plan"))
    instance = action_of(pair, pk) if pk is not None else Action()

    def save(form, opened_version):
        record = form.save(commit=False)
        services.save_action(action=record, opened_version=opened_version, user=request.user)

    form, conflict, saved = versioned_edit(
        request, ActionForm, instance, save, trajectory=trajectory
    )
    if saved:
        messages.success(request, _("The action is saved."))
        return redirect(_trajectory_url(refnis, "#plan"))
    title = str(instance) if instance.pk else _("New action")
    return _page(
        request, "trajectory/plan_form.html", {"pair": pair, "title": title, "form": form}, conflict
    )
