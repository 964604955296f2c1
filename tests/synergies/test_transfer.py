"""Export and import of the register: spreadsheets never run a cell as a formula (S10); an import
is all or nothing, with a preview, and a bad row is named with its field (S12)."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tandem.core.versioning import save_versioned
from tandem.synergies.models import Synergy
from tandem.synergies.transfer import COLUMNS

pytestmark = pytest.mark.django_db


def export(client, pair, fmt):
    return client.get(reverse("register-export", kwargs={"refnis": pair.refnis, "fmt": fmt}))


def test_exports_hold_the_register_and_neutralise_formulas(molenbeek, reader, client):
    synergy = Synergy.objects.filter(pair=molenbeek).first()
    synergy.title_fr = '=HYPERLINK("http://evil","x")'
    synergy.partner_names = "@SUM(1+1)"
    synergy.expected_savings = Decimal("6500.50")
    synergy.save()
    client.force_login(reader)
    book = load_workbook(io.BytesIO(export(client, molenbeek, "xlsx").content))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=False))
    assert [c.value for c in rows[0]] == list(COLUMNS)
    assert len(rows) - 1 == Synergy.objects.filter(pair=molenbeek).count() == 55
    row = next(r for r in rows[1:] if r[0].value == synergy.pk)
    cells = dict(zip(COLUMNS, row, strict=True))
    assert cells["title_fr"].value == synergy.title_fr and cells["title_fr"].data_type == "s"
    assert cells["partner_names"].data_type == "s"
    assert cells["expected_savings"].value == 6500.5
    text = export(client, molenbeek, "csv").content.decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text), delimiter=";"))
    line = next(r for r in parsed[1:] if r[0] == str(synergy.pk))
    values = dict(zip(COLUMNS, line, strict=True))
    assert values["title_fr"].startswith("'=")
    assert values["partner_names"] == "'@SUM(1+1)"
    assert values["expected_savings"] == "6500,50"


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row.get(name) for name in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def good_row(number):
    return {
        "domain": "communicatie",
        "title_nl": f"Geïmporteerde synergie {number}",
        "status": "existing",
        "start_year": 2020,
        "partners": "municipality_ocmw",
        "expected_savings": 100 + number,
    }


def _import(client, pair, name, content):
    url = reverse("register-import", kwargs={"refnis": pair.refnis})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_an_import_with_a_bad_row_57_writes_nothing_and_names_row_and_field(
    molenbeek, editor, client
):
    rows = [good_row(n) for n in range(2, 80)]
    rows[55]["start_year"] = "twintig"  # spreadsheet row 57 (row 1 is the header)
    before = Synergy.objects.filter(pair=molenbeek).count()
    history_before = Synergy.history.count()
    client.force_login(editor)
    response = _import(client, molenbeek, "register.xlsx", _xlsx(rows))
    assert response.status_code == 400
    problems = [str(p) for p in response.context["plan"].problems]
    assert len(problems) == 1
    assert "57" in problems[0] and "start_year" in problems[0]
    assert "57" in response.content.decode()
    assert Synergy.objects.filter(pair=molenbeek).count() == before
    assert Synergy.history.count() == history_before


def test_an_import_is_previewed_then_applied_whole(molenbeek, editor, client):
    existing = Synergy.objects.filter(pair=molenbeek).order_by("pk").first()
    rows = [good_row(n) for n in range(2, 5)]
    rows.append(
        {
            "id": existing.pk,
            "version": existing.version,
            "domain": existing.domain.slug,
            "title_nl": existing.title_nl,
            "status": "realised",
            "start_year": existing.start_year,
            "partners": existing.partners,
            "realised_savings": "6.500,00",
        }
    )
    before = Synergy.objects.filter(pair=molenbeek).count()
    client.force_login(editor)
    preview = _import(client, molenbeek, "register.xlsx", _xlsx(rows))
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert (plan.creates, plan.updates, plan.problems) == (3, 1, [])
    assert Synergy.objects.filter(pair=molenbeek).count() == before  # nothing written yet
    url = reverse("register-import", kwargs={"refnis": molenbeek.refnis})
    done = client.post(url, {"action": "confirm", "preview": preview.context["preview"]})
    assert done.status_code == 302
    assert Synergy.objects.filter(pair=molenbeek).count() == before + 3
    existing.refresh_from_db()
    assert existing.status == "realised" and existing.realised_savings == Decimal("6500.00")
    assert existing.history.latest().history_user == editor


def test_a_csv_export_imports_back_unchanged(molenbeek, editor, client):
    client.force_login(editor)
    synergy = Synergy.objects.filter(pair=molenbeek).first()
    synergy.title_fr = "=1+1"
    synergy.expected_fte = Decimal("0.5")
    synergy.save()
    csv_bytes = export(client, molenbeek, "csv").content
    preview = _import(client, molenbeek, "register.csv", csv_bytes)
    plan = preview.context["plan"]
    assert (plan.problems, plan.updates, plan.creates, plan.unchanged) == ([], 0, 0, 55)
    history = Synergy.history.count()
    client.post(
        reverse("register-import", kwargs={"refnis": molenbeek.refnis}),
        {"action": "confirm", "preview": preview.context["preview"]},
    )
    synergy.refresh_from_db()
    assert synergy.title_fr == "=1+1" and synergy.expected_fte == Decimal("0.50")
    assert Synergy.history.count() == history  # unchanged rows are not saved again (15.7)


@pytest.mark.parametrize(
    "name, content",
    [
        ("register.pdf", b"%PDF-1.4"),
        ("register.xlsx", b"id;domain\n1;x"),
        ("register.csv", b"\xff\xfe\x00"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_message(molenbeek, editor, client, name, content):
    client.force_login(editor)
    response = _import(client, molenbeek, name, content)
    assert response.status_code == 400
    assert response.context["refused"]


def test_another_pairs_synergy_cannot_be_changed_through_an_import(
    molenbeek, editor, client, tenants
):
    row = good_row(2) | {"id": tenants["synergy_b"].pk}
    client.force_login(editor)
    response = _import(client, molenbeek, "register.xlsx", _xlsx([row]))
    assert response.status_code == 400
    assert "id" in str(response.context["plan"].problems[0])


@pytest.mark.parametrize(
    "field, value",
    [("expected_savings", 1e308), ("realised_fte", 0.001), ("expected_savings", -5)],
)
def test_an_out_of_range_or_too_fine_number_is_a_row_problem_not_a_crash(
    molenbeek, editor, client, field, value
):
    row = good_row(2) | {field: value}
    client.force_login(editor)
    response = _import(client, molenbeek, "register.xlsx", _xlsx([row]))
    assert response.status_code == 400
    problems = [(p.row, p.field) for p in response.context["plan"].problems]
    assert problems == [(2, field)]


def test_a_csv_field_over_the_csv_modules_limit_is_refused_with_its_line(molenbeek, editor, client):
    content = ";".join(COLUMNS) + "\n" + ';"' + "x" * 200_000 + '"\n'
    client.force_login(editor)
    response = _import(client, molenbeek, "register.csv", content.encode())
    assert response.status_code == 400
    assert "2" in response.context["refused"]


def _confirm(client, pair, preview):
    return client.post(
        reverse("register-import", kwargs={"refnis": pair.refnis}),
        {"action": "confirm", "preview": preview},
    )


def test_an_old_export_does_not_blank_a_colleagues_later_change(molenbeek, editor, client):
    """Issue 15.7: the export carries each synergy's version; an import from before a change
    lists that row as a conflict in the preview and writes nothing."""
    client.force_login(editor)
    old_file = export(client, molenbeek, "xlsx").content
    synergy = Synergy.objects.filter(pair=molenbeek).order_by("pk").first()
    synergy.qualitative_gains = "Later toegevoegd door een collega"
    save_versioned(record=synergy, opened_version=synergy.version, user=None)
    preview = _import(client, molenbeek, "register.xlsx", old_file)
    problems = [(p.field, p.row) for p in preview.context["plan"].problems]
    assert preview.status_code == 400 and [f for f, _row in problems] == ["version"]
    synergy.refresh_from_db()
    assert synergy.qualitative_gains == "Later toegevoegd door een collega"


def test_the_import_button_imports_the_file_of_its_own_preview(molenbeek, editor, client):
    """Issue 15.7: a preview in one tab was confirmed with the file of another tab."""
    client.force_login(editor)
    first = _import(client, molenbeek, "a.xlsx", _xlsx([good_row(2)]))
    second = _import(client, molenbeek, "b.xlsx", _xlsx([good_row(3), good_row(4)]))
    before = Synergy.objects.filter(pair=molenbeek).count()
    stale = _confirm(client, molenbeek, first.context["preview"])
    assert stale.status_code == 302
    assert Synergy.objects.filter(pair=molenbeek).count() == before
    assert _confirm(client, molenbeek, second.context["preview"]).status_code == 302
    assert Synergy.objects.filter(pair=molenbeek).count() == before + 2
