"""Issue 17.2: the domain matrix also downloads as XLSX, each score in its degree's colours,
the totals rows below and the legend sheet after it (tandem.campaigns.sheets)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from tandem.catalogue.models import DegreeLevel
from tandem.formats.xlsx import argb


def _workbook(client, url):
    client.cookies["tandem_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response, load_workbook(io.BytesIO(response.content))


def test_the_matrix_downloads_as_xlsx_in_the_degree_colours(tenants, client_as):
    """In the shared campaign Aalst and Brugge both submitted 'formal' for Thesaurie."""
    campaign = tenants["shared"]
    url = reverse("matrix-download", args=[campaign.slug, "financieel", "xlsx"])
    response, book = _workbook(client_as(tenants["coordinator"]), url)
    assert response["Content-Disposition"].endswith('-financieel-predefined.xlsx"')
    sheet, legend = book.worksheets
    assert campaign.name in sheet["A1"].value
    header = [c.value for c in sheet[2]]
    assert header[0] == "city" and header[-1] == "TOT STAD"
    column = header.index(tenants["thesaurie"].short_label) + 1
    formal = DegreeLevel.objects.get(value=2)
    rows = {sheet.cell(r, 1).value: r for r in range(3, sheet.max_row + 1)}
    for city in ("Aalst", "Brugge"):
        cell = sheet.cell(rows[city], column)
        assert cell.value == 2 and cell.fill.fgColor.rgb == argb(formal.colour)
        assert sheet.cell(rows[city], len(header)).value == 2
    assert sheet.cell(rows["TOT ASPECT"], column).value == 4
    assert sheet.cell(rows["AANTAL MET SAMENWERKING"], column).value == 2
    assert legend.cell(4, 1).fill.fgColor.rgb == argb(formal.colour)
    # A respondent's matrix holds their own pair only, as the page does.
    _, mine = _workbook(client_as(tenants["user_a"]), url)
    names = [c.value for c in mine.worksheets[0]["A"]]
    assert "Aalst" in names and "Brugge" not in names
