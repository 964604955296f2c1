"""The coordinator writes the study report's own texts (issue 17.4): per domain beside its
findings, and for the whole study; per language; versioned, with history."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.catalogue.cache import domains_of
from tandem.core.access import login_first, read_only
from tandem.core.pending import restored_post

from ..findings import findings_for
from ..forms.study import StudySectionForm
from ..models import StudyText
from ..services.study import StudyConflict, save_study_texts
from .coordination import coordinated_or_404

GENERAL = "general"
LANGUAGES = ("nl", "fr")  # the languages a study report is written in


@read_only
def study_overview(request, campaign):
    campaign = coordinated_or_404(request, campaign)
    written = {}
    for domain_id, language, text in campaign.study_texts.values_list(
        "domain_id", "language", "text"
    ):
        if text:
            written[(domain_id, language)] = written.get((domain_id, language), 0) + 1
    sections = [(GENERAL, _("The whole study"), None, len(StudyText.STUDY_PARTS))] + [
        (d.slug, f"{d.number}. {d.name}", d.pk, len(StudyText.DOMAIN_PARTS))
        for d in domains_of(campaign.framework_id)
    ]
    rows = [
        (slug, name, [(lang, written.get((pk, lang), 0), total) for lang in LANGUAGES])
        for slug, name, pk, total in sections
    ]
    context = {
        "campaign": campaign,
        "rows": rows,
        "report_languages": [("nl", _("in Dutch")), ("fr", _("in French"))],
        "pair_count": campaign.participations.count(),
    }
    return render(request, "campaigns/study_overview.html", context)


@login_first
def study_section(request, campaign, section, language):
    campaign = coordinated_or_404(request, campaign)
    if language not in LANGUAGES:
        raise Http404("a study is written in Dutch or French")
    domain = None
    if section != GENERAL:
        domain = next((d for d in domains_of(campaign.framework_id) if d.slug == section), None)
        if domain is None:
            raise Http404("no such domain")
    parts = StudyText.DOMAIN_PARTS if domain else StudyText.STUDY_PARTS
    stored = {t.part: t for t in campaign.study_texts.filter(domain=domain, language=language)}
    data = request.POST if request.method == "POST" else restored_post(request)
    form = StudySectionForm(data, parts=parts, stored=stored)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            changed = save_study_texts(
                campaign=campaign,
                domain=domain,
                language=language,
                drafts=form.drafts(),
                user=request.user,
            )
        except StudyConflict as clash:
            conflicts = clash.stored
            # What was typed stays; the versions become the stored ones, so saving again is a
            # deliberate choice over the other person's text.
            again = request.POST.copy()
            for record in clash.stored:
                again[f"version-{record.part}"] = record.version
            form = StudySectionForm(again, parts=parts, stored=stored)
            form.is_valid()
        else:
            messages.success(
                request,
                ngettext("%(count)d part saved.", "%(count)d parts saved.", changed)
                % {"count": changed},
            )
            return redirect("study-section", campaign.slug, section, language)
    findings = None
    if domain is not None:
        _round, findings = findings_for(user=request.user, campaign=campaign, domain=domain)
    return render(
        request,
        "campaigns/study_section.html",
        {
            "campaign": campaign,
            "domain": domain,
            "section": section,
            "language": language,
            "form": form,
            "conflicts": conflicts,
            "findings": findings,
            "other_language": "fr" if language == "nl" else "nl",
        },
        status=409 if conflicts else (400 if form.is_bound and form.errors else 200),
    )
