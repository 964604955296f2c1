"""Issue 18.6 (exports): the organisation scan as data — the interviews, the pictures per
perspective and the "we cooperate, unless…" decisions as JSON (stable codes), XLSX (a sheet
each) and CSV (one table); a text that starts like a formula stays text."""

import io
import json

from django.urls import reverse
from openpyxl import load_workbook

from tests.trajectory.conftest import AALST

INTERVIEW = {
    "held_on": "12/03/2026",
    "witness": "An Peeters",
    "administration": "welfare_centre",
    "role": "financieel directeur",
    "perspectives": ["financial"],
    "support": '=HYPERLINK("http://x")',
}


def _url(name, **kwargs):
    return reverse(name, kwargs={"refnis": AALST, **kwargs})


def _filled(client):
    client.cookies["tandem_language"] = "en"
    assert client.post(_url("trajectory-interview-new"), INTERVIEW).status_code == 302
    decision = {"cooperates": "False", "motivation": "Raamcontract.", "decided_on": "05/01/2026"}
    assert client.post(_url("trajectory-dossier", dossier="leningen"), decision).status_code == 302
    client.post(_url("trajectory-picture", perspective="financial"), {"text": "Eén ambitie."})


def test_the_json_holds_the_interviews_pictures_and_decisions(scan, client_as):
    client = client_as(scan["editor"])
    _filled(client)
    answer = client.get(_url("trajectory-export", fmt="json"))
    document = json.loads(
        b"".join(answer.streaming_content) if answer.streaming else answer.content
    )
    assert document["pair"] == AALST
    [interview] = document["interviews"]
    assert interview["held_on"] == "2026-03-12" and interview["witness"] == "An Peeters"
    assert interview["perspectives"] == "financial" and interview["support"].startswith("=HYPER")
    assert {p["perspective"]: p["text"] for p in document["pictures"]} == {
        "strategic": "",
        "financial": "Eén ambitie.",
        "organisation and management": "",
    }
    loans = next(d for d in document["dossiers"] if d["dossier"] == "Loans")
    assert loans == {
        "dossier": "Loans",
        "decision": "exception: no cooperation",
        "motivation": "Raamcontract.",
        "decided_on": "2026-01-05",
    }
    assert len(document["dossiers"]) == 5


def test_the_xlsx_has_a_sheet_per_table_and_the_csv_one_table(scan, client_as):
    client = client_as(scan["editor"])
    _filled(client)
    workbook = load_workbook(io.BytesIO(client.get(_url("trajectory-export", fmt="xlsx")).content))
    assert workbook.sheetnames[:3] == [
        "Interviews",
        "The starting situation",
        "Decisions per product dossier",
    ]
    answer = client.get(_url("trajectory-export", fmt="csv") + "?table=interviews")
    text = b"".join(answer.streaming_content).decode()
    assert text.splitlines()[0].startswith("Date,Who,Administration,Role,Perspectives,")
    # The formula is written as text (a leading apostrophe), never run by a spreadsheet.
    assert "'=HYPERLINK" in text
    dossiers = b"".join(
        client.get(_url("trajectory-export", fmt="csv") + "?table=dossiers").streaming_content
    ).decode()
    assert "Loans,exception: no cooperation,Raamcontract.,2026-01-05" in dossiers
    assert client.get(_url("trajectory-export", fmt="csv") + "?table=other").status_code == 404
    assert client.get(_url("trajectory-export", fmt="pdf")).status_code == 404


def test_a_reader_exports_the_scan_too(scan, client_as):
    _filled(client_as(scan["editor"]))
    answer = client_as(scan["reader"]).get(_url("trajectory-export", fmt="json"))
    assert answer.status_code == 200 and b"An Peeters" in answer.content
