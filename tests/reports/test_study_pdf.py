"""Issue 17.4, the study report's PDF (Typst, reports/study/pdf.py): a PDF/UA-1 document whose
headings and tables are tagged, in the report's language only, and in which a user's words are
printed as typed: text that reads as Typst markup or code is never run (S9)."""

import subprocess

import pytest
from django.urls import reverse

from tandem.campaigns.models import Response, StudyText
from tests import factories

# Typst markup and code, as a coordinator or a respondent might paste them.
MARKUP = '#panic("stop") *vet* _schuin_ $x^2$ <label> @ref [haak] \\ `code`'


def _pdf(client, inventory, lang, tmp_path, name="study.pdf"):
    url = reverse("study-report", args=[inventory["campaign"].slug, lang, "pdf"])
    answer = client.get(url)
    assert answer.status_code == 200
    path = tmp_path / name
    path.write_bytes(answer.content)
    return path


def _run(*command) -> str:
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def test_a_user_s_markup_is_printed_as_typed(written, client_as, tmp_path):
    StudyText.objects.create(
        campaign=written["campaign"], part="introduction", language="nl", text=f"= {MARKUP}"
    )
    factories.response(
        round_=written["round"],
        pair=written["pair_a"],
        aspect=written["aspects"][2],
        degree=2,
        status=Response.Status.SUBMITTED,
        reasons=MARKUP,
    )
    text = _run(
        "pdftotext", str(_pdf(client_as(written["coordinator"]), written, "nl", tmp_path)), "-"
    )
    flat = " ".join(text.split())
    # Once as the introduction (a line starting with '=' is no heading), once in the annex.
    assert flat.count(MARKUP) == 2, flat


def test_the_pdf_is_pdf_ua_with_tagged_headings_and_tables(written, client_as, tmp_path):
    path = _pdf(client_as(written["coordinator"]), written, "nl", tmp_path)
    metadata = _run("pdfinfo", "-meta", str(path))
    assert "<pdfuaid:part>1</pdfuaid:part>" in metadata
    structure = _run("pdfinfo", "-struct", str(path))
    tags = {line.split()[0].rstrip(":") for line in structure.splitlines() if line.strip()}
    assert {"H1", "H2", "H3", "Table", "THead", "TH", "TD", "Caption", "L", "LI"} <= tags, tags
    info = _run("pdfinfo", str(path))
    assert "(A4)" in info and "Tagged:          yes" in info


@pytest.mark.parametrize(
    ("lang", "wanted", "foreign"),
    [
        ("nl", ["Rondes van de campagne", "Bijlage"], ["Tours de la campagne", "Annex"]),
        (
            "fr",
            ["Tours de la campagne", "Annexe : les réponses de chaque paire", "Réglée par"],
            ["Rondes van de campagne", "Bijlage", "Regulated by", "Annex:"],
        ),
    ],
)
def test_the_pdf_speaks_the_report_s_language_only(
    written,
    client_as,
    tmp_path,
    lang,
    wanted,
    foreign,
):
    text = _run(
        "pdftotext", str(_pdf(client_as(written["coordinator"]), written, lang, tmp_path)), "-"
    )
    flat = " ".join(text.split())
    for words in wanted:
        assert words in flat, words
    for words in foreign:
        assert words not in flat, words


def test_the_matrix_rows_totals_and_legend_colours_reach_the_template(written):
    from django.utils import translation

    from tandem.reports.study.assemble import assemble
    from tandem.reports.study.pdf import pdf_data

    with translation.override("nl"):
        data = pdf_data(assemble(written["campaign"], "nl", written["coordinator"]))
    # The catalogue's legend (vocabulary.yaml): formal #1a7f4b on white.
    assert data["degree_colours"]["2"] == ["#1a7f4b", "#ffffff"]
    financieel = next(d for d in data["domains"] if d["heading"].endswith("Financieel management"))
    matrix = financieel["matrices"][0]
    aalst = next(row for row in matrix["rows"] if row[0] == "Aalst")
    # Aalst scores 2 (loans) and 1 (treasury), nothing else: TOT STAD 3.
    assert aalst[1:3] == ["2", "1"] and set(aalst[3:-1]) <= {"—"} and aalst[-1] == "3"
    assert matrix["totals"][:2] == ["2", "1"] and matrix["counts"][:2] == ["1", "1"]
    assert [line["items"] for line in data["parts"]["conclusions"]] == [
        ["Samenwerken, tenzij…"],
        ["eerste punt", "tweede punt"],
    ]
