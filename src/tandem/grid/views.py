"""The analysis grid's pages: a pair's synthesis table, one sub-domain with peer practice, the
edit pages of an entry and of the table, the campaign's comparison and the factor matrices."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tandem.campaigns.scoping import coordinated_campaigns, history_pairs
from tandem.catalogue.cache import domains_of, examples_of
from tandem.catalogue.models import Domain
from tandem.core.access import login_first, parent_page, post_only, read_only
from tandem.core.pending import restored_post
from tandem.core.versioning import EditConflict
from tandem.places.naming import pair_name
from tandem.web.conflicts import conflict_view

from . import services
from .forms import EntryForm, TableAnswerForm, TableForm, factor_value_forms, obstacle_formset
from .history import grid_history
from .locks import TableLocked, entry_may_change, is_shared
from .models import FactorMatrix, GridEntry, SynthesisTable
from .pages import comparison, factor_profile, peer_practice, synthesis_blocks
from .queries import (
    editable_pairs,
    grid_campaign,
    matrix_data,
    pair_headers,
    participation_for,
    practice_notes,
    readable_pairs,
)


def pair_context(request, campaign_slug, refnis, editing=False):
    campaign = grid_campaign(request.user, campaign_slug)
    pairs = (
        editable_pairs(request.user, campaign)
        if editing
        else readable_pairs(request.user, campaign)
    )
    participation = participation_for(pairs, campaign, refnis)
    may_edit = (
        editing or editable_pairs(request.user, campaign).filter(pk=participation.pair_id).exists()
    )
    history = history_pairs(request.user, campaign).filter(pk=participation.pair_id)
    # An answered table changes no more (S000 §4, 1b), but for what the pair adds once the
    # tables are shared (1c).
    table = getattr(participation, "synthesis_table", None)
    locked = bool(table and table.is_answered)
    shared = locked and is_shared(campaign)
    return {
        "table": table,
        "campaign": campaign,
        "participation": participation,
        "pair": participation.pair,
        "name": pair_name(participation.pair),
        "may_edit": may_edit,
        "locked": locked,
        "shared": shared,
        "may_add": may_edit and (not locked or shared),
        "may_read_history": may_edit or history.exists(),
    }


def _domains(campaign):
    return domains_of(campaign.framework_id)


@read_only
def pair_grid(request, campaign, refnis):
    """The pair's synthesis table: all sub-domains, current and desirable."""
    return pair_page(request, pair_context(request, campaign, refnis))


def pair_page(request, context, answer_form=None, status=200):
    """The synthesis table page, with the feedback step the user may take (a refused answer
    comes back with what was typed)."""
    participation = context["participation"]
    campaign = context["campaign"]
    table = context["table"]
    context |= {
        "status": table.status if table else SynthesisTable.Status.DRAFT,
        "coordinates": coordinated_campaigns(request.user).filter(pk=campaign.pk).exists(),
        "answer_form": answer_form or TableAnswerForm(),
        "blocks": synthesis_blocks(participation, _domains(campaign)),
        "matrices": campaign.factor_matrices.select_related("focus").order_by("focus__order"),
    }
    return render(request, "grid/pair.html", context, status=status)


@read_only
def pair_domain(request, campaign, refnis, domain):
    """One sub-domain of a pair: its entries, its factor profile and the peers' practice."""
    context = pair_context(request, campaign, refnis)
    domains = _domains(context["campaign"])
    chosen = next((d for d in domains if d.slug == domain), None)
    if chosen is None:
        raise Http404("no such sub-domain")
    blocks = synthesis_blocks(context["participation"], [chosen])
    readable = readable_pairs(request.user, context["campaign"])
    context |= {
        "domain": chosen,
        "examples": examples_of(chosen.pk),
        "notes": practice_notes(context["campaign"], chosen, readable),
        "domains": domains,
        "domain_block": blocks[0],
        "practice": peer_practice(
            context["campaign"], context["participation"], chosen, readable, blocks[0]
        ),
        "profile": factor_profile(context["participation"]),
    }
    return render(request, "grid/pair_domain.html", context)


@login_first
def entry(request, campaign, refnis, pk=None):
    """Create (pk None; ?domain=&stage=) or edit an entry with its obstacles; a stale save
    shows both versions and overwrites nothing (R5)."""
    context = pair_context(request, campaign, refnis, editing=True)
    participation = context["participation"]
    if pk is None:
        domain = get_object_or_404(
            Domain, framework=context["campaign"].framework, slug=request.GET.get("domain")
        )
        stage = request.GET.get("stage")
        if stage not in GridEntry.Stage.values:
            raise Http404("choose current or desirable")
        instance = GridEntry(domain=domain, stage=stage)
    else:
        instance = get_object_or_404(
            GridEntry.objects.select_related("domain"),
            pk=pk,
            table__participation=participation,
        )
    if (
        not entry_may_change(locked=context["locked"], shared=context["shared"], entry=instance)
        and request.method != "POST"
    ):
        messages.error(request, str(TableLocked()))
        return redirect("grid-pair-domain", context["campaign"].slug, refnis, instance.domain.slug)
    conflict = None
    desirable = instance.stage == GridEntry.Stage.DESIRABLE
    if request.method == "POST":
        form = EntryForm(
            request.POST, instance=instance, domain=instance.domain, stage=instance.stage
        )
        obstacles = obstacle_formset(instance, request.POST) if desirable else None
        if form.is_valid() and (obstacles is None or obstacles.is_valid()):
            entry = form.save(commit=False)
            if entry.table_id is None:
                entry.table = services.table_for(participation=participation, user=request.user)
            wanted = [f.cleaned_obstacle() for f in obstacles] if obstacles else []
            try:
                services.save_entry(
                    entry=entry,
                    opened_version=form.cleaned_data.get("opened_version"),
                    user=request.user,
                    components=form.cleaned_data.get("components") or [],
                    obstacles=[o for o in wanted if o],
                )
            except EditConflict as clash:
                conflict, form = conflict_view(form, clash.current)
            except TableLocked as locked:
                form.add_error(None, str(locked))
            else:
                messages.success(request, _("Saved."))
                return redirect(
                    "grid-pair-domain", context["campaign"].slug, refnis, instance.domain.slug
                )
    else:
        kept = restored_post(request)
        form = EntryForm(kept, instance=instance, domain=instance.domain, stage=instance.stage)
        obstacles = obstacle_formset(instance, kept) if desirable else None
        if kept:
            form.is_valid()
    context |= {
        "entry": instance if instance.pk else None,
        "domain": instance.domain,
        "examples": examples_of(instance.domain_id),
        "stage": instance.stage,
        "stage_label": GridEntry.Stage(instance.stage).label,
        "form": form,
        "obstacles": obstacles,
        "conflict": conflict,
    }
    return render(request, "grid/entry.html", context, status=409 if conflict else 200)


def _entry(request, campaign, refnis, pk):
    """An entry of a grid the user may edit, with the page's context, or 404."""
    context = pair_context(request, campaign, refnis, editing=True)
    entry = get_object_or_404(
        GridEntry.objects.select_related("domain"),
        pk=pk,
        table__participation=context["participation"],
    )
    return context, entry


@login_first(page_of=parent_page(), keep=False)
@post_only(_entry)
def delete_entry(request, campaign, refnis, pk):
    context, instance = _entry(request, campaign, refnis, pk)
    try:
        services.delete_entry(entry=instance, opened_version=None, user=request.user)
    except TableLocked as locked:
        messages.error(request, str(locked))
    else:
        messages.success(request, _("Deleted; the history keeps what it held."))
    return redirect("grid-pair-domain", context["campaign"].slug, refnis, instance.domain.slug)


@login_first
def table(request, campaign, refnis):
    """The table's intake interview and the pair's attitude."""
    context = pair_context(request, campaign, refnis, editing=True)
    participation = context["participation"]
    instance = context["table"]
    instance = instance or SynthesisTable(participation=participation)
    if context["locked"] and request.method != "POST":
        messages.error(request, str(TableLocked()))
        return redirect("grid-pair", context["campaign"].slug, refnis)
    conflict = None
    if request.method == "POST":
        form = TableForm(request.POST, instance=instance)
        if form.is_valid():
            try:
                services.save_table(
                    table=form.save(commit=False),
                    opened_version=form.cleaned_data.get("opened_version"),
                    user=request.user,
                )
            except EditConflict as clash:
                conflict, form = conflict_view(form, clash.current)
            except TableLocked as locked:
                form.add_error(None, str(locked))
            else:
                messages.success(request, _("Saved."))
                return redirect("grid-pair", context["campaign"].slug, refnis)
    else:
        kept = restored_post(request)
        form = TableForm(kept, instance=instance)
    context |= {"form": form, "conflict": conflict}
    return render(request, "grid/table.html", context, status=409 if conflict else 200)


@read_only
def campaign_comparison(request, campaign):
    """Counts per sub-domain, typology, obstacles, foci and attitudes over the campaign."""
    campaign = grid_campaign(request.user, campaign)
    stage = request.GET.get("stage", GridEntry.Stage.CURRENT)
    if stage not in GridEntry.Stage.values:
        stage = GridEntry.Stage.CURRENT
    readable = readable_pairs(request.user, campaign)
    result = comparison(campaign, readable, request.GET.get("mapping"), stage)
    return render(
        request,
        "grid/comparison.html",
        {
            "campaign": campaign,
            "result": result,
            "stage": stage,
            "stages": GridEntry.Stage.choices,
            "matrices": campaign.factor_matrices.select_related("focus"),
        },
    )


@read_only
def factor_matrix(request, campaign, focus):
    """A focus group's factor matrix: factors × the pairs the user may read."""
    campaign = grid_campaign(request.user, campaign)
    matrix = get_object_or_404(
        FactorMatrix.objects.select_related("focus"), campaign=campaign, focus__slug=focus
    )
    data = matrix_data(matrix)
    headers = pair_headers(readable_pairs(request.user, campaign))
    columns = [(headers[pk], printed) for pk, printed in data.columns if pk in headers]
    rows = [
        (path, printed, [data.cell(factor_id, header.key) for header, _ in columns])
        for factor_id, path, printed in data.rows
    ]
    return render(
        request,
        "grid/factor_matrix.html",
        {"campaign": campaign, "matrix": matrix, "columns": columns, "rows": rows},
    )


@read_only
def history(request, campaign, refnis):
    """Every change to the pair's synthesis table and factor values (R6)."""
    context = pair_context(request, campaign, refnis)
    if not context["may_read_history"]:
        raise Http404("the history is the pair's and its coordinators'")
    context["changes"] = grid_history(context["participation"])
    return render(request, "grid/history.html", context)


@login_first
def factor_values(request, campaign, focus, refnis):
    """A pair's column of a factor matrix: a value and an explanation per factor; a pair that
    is no column yet becomes one when saved. A value someone changed since it was opened
    stops the save, shows both and keeps what was typed (R5)."""
    context = pair_context(request, campaign, refnis, editing=True)
    matrix = get_object_or_404(
        FactorMatrix.objects.select_related("focus"),
        campaign=context["campaign"],
        focus__slug=focus,
    )
    table = matrix_data(matrix)
    pair_id = context["participation"].pair_id
    values = {f: table.cell(f, pair_id) for f, _path, _printed in table.rows}
    values = {f: v for f, v in values.items() if v is not None}
    stale = []
    posted = request.POST if request.method == "POST" else restored_post(request)
    forms_ = factor_value_forms(table.rows, values, posted)
    if request.method == "POST" and all(f.is_valid() for f in forms_):
        wanted = [
            (
                f.factor_id,
                f.cleaned_data["symbol"],
                f.cleaned_data["explanation"],
                f.cleaned_data["opened_version"],
            )
            for f in forms_
        ]
        stale = services.save_factor_values(
            matrix=matrix, participation=context["participation"], wanted=wanted, user=request.user
        )
        if not stale:
            messages.success(request, _("Saved."))
            return redirect("grid-factors", context["campaign"].slug, focus)
        # Saving again from here is a deliberate choice over the stored values.
        again = request.POST.copy()
        for value in stale:
            again[f"f{value.row.factor_id}-opened_version"] = value.version
        stored = {v.row.factor_id: v for v in stale}
        forms_ = factor_value_forms(table.rows, values, again)
        for form in forms_:
            form.is_valid()
            form.stored = stored.get(form.factor_id)
    context |= {"matrix": matrix, "forms": forms_, "stale": stale}
    return render(request, "grid/factor_values.html", context, status=409 if stale else 200)
