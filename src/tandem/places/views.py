"""The governance overview (seed 002): per province, the three integration questions."""

from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext as _

from tandem.core.access import read_only

from .governance import overview
from .models import GovernanceStatement


@read_only
def governance_overview(request):
    by = request.GET.get("by", "province")
    by = by if by in ("province", "region") else "province"
    on_text = request.GET.get("on", "")
    error = ""
    try:
        on = date.fromisoformat(on_text) if on_text else date.today()
    except ValueError:
        on = date.today()
        error = _("'%(value)s' is not a date; showing today.") % {"value": on_text}
    data = overview(by, on)
    labels = dict(GovernanceStatement.Question.choices)
    sections = [
        {
            "question": q,
            "label": labels[q],
            "rows": rows,
            "totals": {
                "municipalities": sum(r.municipalities for r in rows),
                "yes": sum(len(r.yes) for r in rows),
                "no": sum(len(r.no) for r in rows),
                "unknown": sum(r.unknown for r in rows),
            },
        }
        for q, rows in data.items()
    ]
    return render(
        request,
        "places/governance.html",
        {
            "sections": sections,
            "by": by,
            "on": on,
            "error": error,
            "has_data": GovernanceStatement.objects.exists(),
        },
    )
