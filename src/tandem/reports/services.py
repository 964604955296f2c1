"""Approving an annual synergy report: the version as it reads now is frozen (R7)."""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import translation

from tandem.core.audit import security_event
from tandem.core.history import Actor, record_actor
from tandem.formats.belgian import format_date
from tandem.places.models import Pair
from tandem.synergies.models import ApprovedReport

from .synergy.assemble import Approval
from .synergy.generate import build, render


@transaction.atomic
def next_version(*, pair: Pair, year: int, language: str) -> int:
    """The number the next approval of the pair's report of a year and language gets."""
    latest = ApprovedReport.objects.filter(pair=pair, year=year, language=language).aggregate(
        latest=Max("number")
    )["latest"]
    return (latest or 0) + 1


def approve_report(
    *,
    pair: Pair,
    year: int,
    language: str,
    body: str,
    decision_date: date,
    reference: str,
    user: Actor,
) -> ApprovedReport:
    """Freeze the report as it reads now: the PDF, DOCX and HTML are generated once, stored with
    their SHA-256, and served from storage from then on (R7). The pair's approvals of a year and
    language are numbered 1, 2, …; a later draft can be approved again as the next number."""
    # Lock the pair's row so two approvals at once cannot take the same number.
    type(pair).objects.select_for_update().filter(pk=pair.pk).first()
    approved = ApprovedReport(
        pair=pair,
        year=year,
        language=language,
        number=next_version(pair=pair, year=year, language=language),
        body=body,
        decision_date=decision_date,
        decision_reference=reference,
        approved_by=user,
    )
    with translation.override(language):
        approval = Approval(
            body=str(ApprovedReport.Body(body).label),
            decision_date=format_date(decision_date),
            reference=reference,
            number=approved.number,
        )
    report = build(pair, year, language, approval)
    for fmt in ("pdf", "docx", "html"):
        data = render(report, fmt)
        getattr(approved, fmt).save(fmt, ContentFile(data), save=False)
        setattr(approved, f"{fmt}_sha256", hashlib.sha256(data).hexdigest())
    record_actor(approved, user)
    approved.save()
    security_event(
        "report_approved",
        user=user,
        pair=pair.refnis,
        year=year,
        language=language,
        number=approved.number,
    )
    return approved
