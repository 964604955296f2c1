"""The organisation scan as data (issue 18.6): the interviews, the pictures per perspective and
the "we cooperate, unless…" decisions as tables of the one table model, written as CSV (one
table), XLSX (a sheet each) and JSON (all three, with stable codes)."""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tandem.formats.downloads import json_download, streamed_csv, xlsx_download
from tandem.formats.tables import Table
from tandem.formats.xlsx import xlsx_bytes
from tandem.places.models import Pair

from .models import SCAN_QUESTIONS, Interview, Trajectory
from .pages import dossier_lines

TABLES = ("interviews", "pictures", "dossiers")


def scan_tables(trajectory: Trajectory | None, today) -> dict[str, Table]:
    interviews: list[Interview] = list(trajectory.interviews.all()) if trajectory else []
    pictures = {p.perspective: p.text for p in trajectory.pictures.all()} if trajectory else {}
    perspectives = trajectory.perspectives if trajectory else Trajectory().perspectives
    return {
        "interviews": Table(
            sheet=_("Interviews"),
            name="interviews",
            header=[
                _("Date"),
                _("Who"),
                pgettext("gemeente or OCMW", "Administration"),
                _("Role"),
                _("Perspectives"),
                *(str(label) for _name, label in SCAN_QUESTIONS),
            ],
            codes=[
                "held_on",
                "witness",
                "administration",
                "role",
                "perspectives",
                *(name for name, _label in SCAN_QUESTIONS),
            ],
            rows=[
                [
                    i.held_on.isoformat(),
                    i.witness,
                    i.get_administration_display(),
                    i.role,
                    ", ".join(i.perspective_labels()),
                    *(getattr(i, name) for name, _label in SCAN_QUESTIONS),
                ]
                for i in interviews
            ],
        ),
        "pictures": Table(
            sheet=_("The starting situation"),
            name="pictures",
            header=[_("Perspectives"), _("The starting situation")],
            codes=["perspective", "text"],
            rows=[[str(p.label), pictures.get(p.value, "")] for p in perspectives],
            row_codes=[p.value for p in perspectives],
        ),
        "dossiers": Table(
            sheet=_("Decisions per product dossier"),
            name="dossiers",
            header=[_("Dossier"), _("Decision"), _("Motivation"), _("Decided or last reviewed on")],
            codes=["dossier", "decision", "motivation", "decided_on"],
            rows=[
                [
                    line.name,
                    _("cooperate")
                    if not line.decision or line.decision.cooperates
                    else _("exception: no cooperation"),
                    line.decision.motivation if line.decision else "",
                    line.decision.decided_on.isoformat() if line.decision else "",
                ]
                for line in dossier_lines(trajectory, today)
            ],
        ),
    }


def scan_response(
    pair: Pair, trajectory: Trajectory | None, fmt: str, table: str, today
) -> HttpResponse | StreamingHttpResponse:
    tables = scan_tables(trajectory, today)
    base = f"trajectory-{pair.municipality.refnis}"
    if fmt == "csv":
        chosen = tables[table]
        return streamed_csv(chosen.header, chosen.rows, f"{base}-{table}.csv")
    if fmt == "xlsx":
        return xlsx_download(xlsx_bytes(tables=list(tables.values())), f"{base}.xlsx")
    document = {
        "pair": pair.municipality.refnis,
        **{
            name: [dict(zip(t.codes, row, strict=True)) for row in t.rows]
            for name, t in tables.items()
        },
    }
    return json_download(document, f"{base}.json")
