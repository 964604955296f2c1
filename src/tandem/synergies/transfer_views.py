"""Export and import of the synergy register (XLSX, CSV): upload, preview, then confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tandem.core import previews
from tandem.core.access import read_only
from tandem.core.actions import pressed

from . import transfer
from .forms import ImportForm
from .queries import register_pair

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
PENDING = "register-import-{}"


@login_required
@read_only
def export(request, refnis, fmt):
    pair = register_pair(request.user, refnis)
    if fmt not in CONTENT_TYPES:
        raise Http404("unknown format")
    data = transfer.export_xlsx(pair) if fmt == "xlsx" else transfer.export_csv(pair)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="synergies-{pair.refnis}.{fmt}"'
    return response


@login_required
def import_register(request, refnis):
    pair = register_pair(request.user, refnis, editing=True)
    key = PENDING.format(pair.pk)
    if pressed(request) == "confirm":
        waiting = previews.take(request.session, key, request.POST)
        if waiting is None:
            # Nothing waits, or another tab checked another file since: its preview is not
            # the one this button was shown under.
            messages.error(
                request,
                _(
                    "This preview is no longer the file waiting to be imported: check the file "
                    "again."
                ),
            )
            return redirect("register-import", refnis=refnis)
        rows = [(number, values) for number, values in waiting]
        plan = transfer.apply_import(pair, rows, request.user)
        if plan.problems:
            return render(
                request,
                "synergies/import.html",
                {"pair": pair, "form": ImportForm(), "plan": plan},
                status=400,
            )
        messages.success(
            request,
            _(
                "Imported: %(creates)s new and %(updates)s changed synergies; %(unchanged)s rows "
                "were unchanged and left as they were."
            )
            % {"creates": plan.creates, "updates": plan.updates, "unchanged": plan.unchanged},
        )
        return redirect("register", refnis=refnis)
    plan = None
    refused = preview = ""
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = transfer.read_rows(upload.name, upload)
            except transfer.ImportRefused as error:
                refused, status = str(error), 400
            else:
                plan = transfer.plan_import(pair, rows)
                if plan.problems:
                    status = 400
                else:
                    preview = previews.keep(request.session, key, rows)
        else:
            status = 400
    else:
        form = ImportForm()
    context = {"pair": pair, "form": form, "plan": plan, "refused": refused, "preview": preview}
    return render(request, "synergies/import.html", context, status=status)
