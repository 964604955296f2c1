"""The annual report of a pair: the page (draft and approved versions), the downloads, the
edition's settings and the approval that freezes a version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from tandem.core.access import login_first, parent_page, post_only, read_only
from tandem.core.actions import pressed
from tandem.core.pending import restored_post
from tandem.core.versioning import EditConflict, save_versioned
from tandem.synergies.models import ApprovedReport, ReportEdition
from tandem.synergies.queries import may_edit, register_pair

from . import services
from .forms import ApprovalForm, EditionForm
from .synergy.generate import FORMATS, REPORT_LANGUAGES, build, file_name
from .synergy.generate import render as render_report

ATTACHMENT = 'attachment; filename="{}"'


def _language(lang: str) -> str:
    if lang not in REPORT_LANGUAGES:
        raise Http404("reports are written in Dutch or French")
    return lang


@login_first
def report(request, refnis, year, lang):
    pair = register_pair(request.user, refnis)
    lang = _language(lang)
    editor = may_edit(request.user, pair)
    edition = ReportEdition.objects.filter(pair=pair, year=year).first() or ReportEdition(
        pair=pair, year=year
    )
    edition_form = approval_form = None
    conflict = None
    if request.method == "POST":
        pair = register_pair(request.user, refnis, editing=True)
        edition_form = EditionForm(request.POST, instance=edition, pair=pair)
        if edition_form.is_valid():
            try:
                save_versioned(
                    record=edition_form.save(commit=False),
                    opened_version=edition_form.cleaned_data.get("opened_version"),
                    user=request.user,
                )
            except EditConflict as clash:
                conflict = clash.current
                data = request.POST.copy()
                data["opened_version"] = clash.current.version
                edition_form = EditionForm(data, instance=clash.current, pair=pair)
            else:
                messages.success(request, _("Saved."))
                return redirect("synergy-report", refnis=refnis, year=year, lang=lang)
    if editor and edition_form is None:
        kept = restored_post(request)
        edition_form = EditionForm(kept, instance=edition, pair=pair) if kept else None
        edition_form = edition_form or EditionForm(instance=edition, pair=pair)
        approval_form = ApprovalForm()
    draft = build(pair, year, lang)
    approved = ApprovedReport.objects.filter(pair=pair, year=year, language=lang).order_by(
        "-number"
    )
    context = {
        "pair": pair,
        "year": year,
        "lang": lang,
        "report": draft,
        "approved": approved,
        "edition_form": edition_form,
        "approval_form": approval_form,
        "conflict": conflict,
        "languages": ApprovedReport.Language.choices,
        "formats": ("pdf", "docx", "html"),
    }
    status = 409 if conflict else (400 if edition_form and edition_form.errors else 200)
    return render(request, "reports/report.html", context, status=status)


@login_required
@read_only
def draft_download(request, refnis, year, lang, fmt):
    pair = register_pair(request.user, refnis)
    if fmt not in FORMATS:
        raise Http404("unknown format")
    draft = build(pair, year, _language(lang))
    response = HttpResponse(render_report(draft, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = ATTACHMENT.format(
        file_name(draft.refnis, draft.year, draft.language, fmt)
    )
    return response


@login_required
@read_only
def approved_download(request, refnis, year, lang, number, fmt):
    """An approved version exactly as approved: the stored bytes, never a new rendering (R7)."""
    pair = register_pair(request.user, refnis)
    if fmt not in FORMATS:
        raise Http404("unknown format")
    approved = get_object_or_404(
        ApprovedReport, pair=pair, year=year, language=_language(lang), number=number
    )
    try:
        with getattr(approved, fmt).open("rb") as handle:
            data = handle.read()
    except FileNotFoundError as missing:
        raise Http404("file missing") from missing
    name = file_name(pair.refnis, year, approved.language, fmt, number)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = ATTACHMENT.format(name)
    response["X-Content-SHA256"] = getattr(approved, f"{fmt}_sha256")
    return response


def _approvable(request, refnis, year, lang):
    """The pair whose report the user may approve, and the report's language, or 404."""
    return register_pair(request.user, refnis, editing=True), _language(lang)


@login_first(page_of=parent_page(), keep=False)
@post_only(_approvable)
def approve(request, refnis, year, lang):
    """Approving freezes a version for good: the filled-in form first shows what will be
    approved and asks (or names what is wrong, keeping what was typed); the confirmation on
    that page approves."""
    pair, lang = _approvable(request, refnis, year, lang)
    form = ApprovalForm(request.POST)
    valid = form.is_valid()
    if valid and pressed(request) == "confirm":
        approved = services.approve_report(
            pair=pair,
            year=year,
            language=lang,
            body=form.cleaned_data["body"],
            decision_date=form.cleaned_data["decision_date"],
            reference=form.cleaned_data["reference"],
            user=request.user,
        )
        with translation.override(request.LANGUAGE_CODE):
            messages.success(
                request,
                _("Version %(number)s is approved and frozen.") % {"number": approved.number},
            )
        return redirect("synergy-report", refnis=refnis, year=year, lang=lang)
    return render(
        request,
        "reports/approve.html",
        {
            "pair": pair,
            "year": year,
            "lang": lang,
            "form": form,
            "valid": valid,
            "body_label": ApprovedReport.Body(form.cleaned_data["body"]).label if valid else "",
            "number": services.next_version(pair=pair, year=year, language=lang),
        },
        status=200 if valid else 400,
    )
