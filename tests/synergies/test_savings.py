"""The savings table: per domain and overall, an unknown figure is never counted as zero."""

from decimal import Decimal

import pytest
from lxml import html as lxml_html

from tandem.catalogue.models import SynergyDomain
from tandem.reports.synergy.generate import build, render
from tandem.synergies.models import Synergy
from tandem.synergies.savings import savings_table

D = Decimal


def test_empty_register_has_no_lines_and_an_empty_total():
    lines, total = savings_table([], "Totaal")
    assert lines == []
    assert total.synergies == 0 and total.estimated == 0
    assert set(total.figures.values()) == {None}


def test_a_domain_without_any_figure_stays_unknown_not_zero():
    lines, total = savings_table([("HR", {}), ("HR", {"expected_savings": None})], "Totaal")
    assert lines[0].synergies == 2 and lines[0].estimated == 0
    assert lines[0].figures["expected_savings"] is None
    assert total.figures["realised_fte"] is None


def test_mixed_figures_add_only_what_is_known_per_domain_and_overall():
    rows = [
        ("HR", {"expected_savings": D("6500"), "expected_fte": D("0.5")}),
        ("HR", {"realised_savings": D("1200.50")}),
        ("HR", {}),
        ("IT", {"expected_savings": D("-2000"), "realised_savings": D("0")}),
        ("IT", {"expected_savings": D("10000.25"), "realised_fte": D("1.25")}),
    ]
    lines, total = savings_table(rows, "Totaal")
    hr, it = lines
    assert (hr.label, hr.synergies, hr.estimated) == ("HR", 3, 2)
    assert hr.figures == {
        "expected_savings": D("6500"),
        "realised_savings": D("1200.50"),
        "expected_fte": D("0.5"),
        "realised_fte": None,
    }
    assert it.figures["expected_savings"] == D("8000.25")  # a cost counts against the saving
    assert it.figures["realised_savings"] == D("0")  # a known zero is not unknown
    assert total.figures == {
        "expected_savings": D("14500.25"),
        "realised_savings": D("1200.50"),
        "expected_fte": D("0.5"),
        "realised_fte": D("1.25"),
    }
    assert (total.synergies, total.estimated) == (5, 4)


@pytest.mark.django_db
def test_the_report_table_shows_the_totals_in_belgian_format(molenbeek):
    hr = Synergy.objects.filter(pair=molenbeek, domain__slug="human-resources").order_by("order")
    first, second = hr[0], hr[1]
    first.expected_savings, first.expected_fte = D("6500"), D("0.5")
    first.save()
    second.expected_savings, second.realised_savings = D("1234.5"), D("800")
    second.save()
    housing = Synergy.objects.filter(pair=molenbeek, domain__slug="huisvesting").first()
    housing.realised_fte = D("0.5")  # "Terbeschikkingstelling van ½ VTE" would read so
    housing.save()
    tree = lxml_html.fromstring(render(build(molenbeek, 2023, "nl"), "html").decode())
    table = tree.xpath('//section[@aria-labelledby="report-savings"]//table')[0]
    rows = {
        " ".join(r.xpath("./th")[0].text_content().split()): [
            " ".join(c.text_content().split()) for c in r.xpath("./td")
        ]
        for r in table.xpath(".//tbody/tr | .//tfoot/tr")
    }
    hr_name = SynergyDomain.objects.get(slug="human-resources").name_nl
    assert rows[hr_name] == ["€ 7.734,50", "€ 800", "0,50", "—", "2 / 8"]
    social = SynergyDomain.objects.get(slug="maatschappelijk").name_nl
    assert rows[social] == ["—", "—", "—", "0,50", "1 / 10"]  # sub-themes roll up
    total = [cells for label, cells in rows.items() if label not in {hr_name, social}][-1]
    assert total == ["€ 7.734,50", "€ 800", "0,50", "0,50", "3 / 55"]


@pytest.mark.django_db
def test_the_docx_savings_table_shows_a_dash_for_an_unknown_figure_never_zero(molenbeek):
    """The DOCX twin of the table above (issue 15: only the HTML was checked)."""
    import io

    from docx import Document

    hr = Synergy.objects.filter(pair=molenbeek, domain__slug="human-resources").order_by("order")
    first = hr[0]
    first.expected_savings, first.expected_fte = D("6500"), D("0.5")
    first.save()
    document = Document(io.BytesIO(render(build(molenbeek, 2023, "nl"), "docx")))
    hr_name = SynergyDomain.objects.get(slug="human-resources").name_nl
    rows = {
        row.cells[0].text.strip(): [c.text.strip() for c in row.cells[1:]]
        for table in document.tables
        for row in table.rows
    }
    assert rows[hr_name][:4] == ["€\u00a06.500", "—", "0,50", "—"]
    social = SynergyDomain.objects.get(slug="maatschappelijk").name_nl
    assert rows[social][:4] == ["—", "—", "—", "—"]
