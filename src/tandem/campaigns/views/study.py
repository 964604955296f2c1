"""The coordinator writes the study report's own texts (issue 17.4): per domain beside its
findings, and for the whole study; per language; versioned, with history."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.core.access import login_first, read_only
from tandem.core.pending import restored_post

from ..findings import findings_for
from ..forms.study import StudySectionForm
from ..services.study import StudyConflict, save_study_texts
from ..study_sections import section_of, sections_of
from .coordination import coordinated_or_404

LANGUAGES = ("nl", "fr")  # the languages a study report is written in


@read_only
def study_overview(request, campaign):
    campaign = coordinated_or_404(request, campaign)
    written = {}
    for domain_id, focus_id, language, text in campaign.study_texts.values_list(
        "domain_id", "focus_id", "language", "text"
    ):
        if text:
            key = (domain_id, focus_id, language)
            written[key] = written.get(key, 0) + 1
    rows = [
        (
            section.slug,
            section.name,
            [
                (lang, written.get((*section.key, lang), 0), len(section.parts))
                for lang in LANGUAGES
            ],
        )
        for section in sections_of(campaign)
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
    found = section_of(campaign, section)
    if found is None:
        raise Http404("no such section")
    domain, focus, parts = found.domain, found.focus, found.parts
    stored = {
        t.part: t
        for t in campaign.study_texts.filter(domain=domain, focus=focus, language=language)
    }
    data = request.POST if request.method == "POST" else restored_post(request)
    form = StudySectionForm(data, parts=parts, stored=stored, grid_domain=found.grid_domain)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            changed = save_study_texts(
                campaign=campaign,
                domain=domain,
                focus=focus,
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
            form = StudySectionForm(
                again, parts=parts, stored=stored, grid_domain=found.grid_domain
            )
            form.is_valid()
        else:
            messages.success(
                request,
                ngettext("%(count)d part saved.", "%(count)d parts saved.", changed)
                % {"count": changed},
            )
            return redirect("study-section", campaign.slug, section, language)
    findings = None
    if domain is not None and not campaign.is_grid:
        _round, findings = findings_for(user=request.user, campaign=campaign, domain=domain)
    return render(
        request,
        "campaigns/study_section.html",
        {
            "campaign": campaign,
            "domain": domain,
            "focus": focus,
            "section": section,
            "section_name": found.name,
            "language": language,
            "form": form,
            "conflicts": conflicts,
            "findings": findings,
            "other_language": "fr" if language == "nl" else "nl",
        },
        status=409 if conflicts else (400 if form.is_bound and form.errors else 200),
    )
