"""Good-practice notes (issue 17.6; seed 000's «Kader» boxes): a pair's editors and the
campaign's coordinators write one on a sub-domain of the pair's synthesis table; the other pairs
read it in their peer practice. A stale save shows both versions (R5); history names the actor."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tandem.catalogue.models import Domain
from tandem.core.access import login_first, parent_page, post_only
from tandem.core.pending import restored_post
from tandem.core.versioning import EditConflict
from tandem.web.conflicts import conflict_view

from . import services
from .forms import PracticeNoteForm
from .models import PracticeNote
from .views import pair_context


def _back(context, domain):
    refnis = context["pair"].municipality.refnis
    return redirect("grid-pair-domain", context["campaign"].slug, refnis, domain.slug)


@login_first
def note(request, campaign, refnis, pk=None):
    """Write (pk None; ?domain=) or edit a good-practice note of the pair."""
    context = pair_context(request, campaign, refnis, editing=True)
    participation = context["participation"]
    if pk is None:
        domain = get_object_or_404(
            Domain, framework=context["campaign"].framework, slug=request.GET.get("domain")
        )
        instance = PracticeNote(participation=participation, domain=domain)
    else:
        instance = get_object_or_404(
            PracticeNote.objects.select_related("domain"), pk=pk, participation=participation
        )
    conflict = None
    if request.method == "POST":
        form = PracticeNoteForm(request.POST, instance=instance, domain=instance.domain)
        if form.is_valid():
            try:
                services.save_note(
                    note=form.save(commit=False),
                    opened_version=form.cleaned_data.get("opened_version"),
                    user=request.user,
                    components=form.cleaned_data.get("components") or [],
                )
            except EditConflict as clash:
                conflict, form = conflict_view(form, clash.current)
            else:
                messages.success(request, _("The good-practice note is saved."))
                return _back(context, instance.domain)
    else:
        kept = restored_post(request)
        form = PracticeNoteForm(kept, instance=instance, domain=instance.domain)
        if kept:
            form.is_valid()
    context |= {"note": instance if instance.pk else None, "domain": instance.domain, "form": form}
    context["conflict"] = conflict
    return render(request, "grid/note.html", context, status=409 if conflict else 200)


def _note(request, campaign, refnis, pk):
    context = pair_context(request, campaign, refnis, editing=True)
    found = PracticeNote.objects.filter(pk=pk, participation=context["participation"]).first()
    if found is None:
        raise Http404("no such note of this pair")
    return context, found


@login_first(page_of=parent_page(), keep=False)
@post_only(_note)
def delete_note(request, campaign, refnis, pk):
    context, instance = _note(request, campaign, refnis, pk)
    services.delete_note(note=instance, user=request.user)
    messages.success(request, _("The good-practice note is deleted; the history keeps it."))
    return _back(context, instance.domain)
