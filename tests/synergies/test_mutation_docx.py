"""Faults in reports/synergy/docx.py that a sampled mutation run (issue 15, QUALITY.md T1;
benchmarks/mutation_sample.py) showed the suite let through: the words of the DOCX's section
headings, which the earlier tests only counted. The expected texts are the catalogues'
translations (locale/*/LC_MESSAGES/django.po)."""

import io

import pytest
from docx import Document

from tandem.reports.synergy.generate import build, render

HEADINGS = {
    "nl": [
        "1. Inleiding",
        "2. Vergaderingen",
        "3. Synergieën",
        "4. Verwachte en gerealiseerde besparingen",
        "5. Maatregelen voorgesteld in 2023 en voor de volgende jaren",
        "Bijlage: pv’s van de vergaderingen",
    ],
    "fr": [
        "1. Introduction",
        "2. Réunions",
        "3. Synergies",
        "4. Économies prévues et réalisées",
        "5. Mesures proposées en 2023 et pour les années suivantes",
        "Annexe : procès-verbaux des réunions",
    ],
}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_docx_sections_are_headed_in_the_reports_language(molenbeek, language):
    document = Document(io.BytesIO(render(build(molenbeek, 2023, language), "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == HEADINGS[language]
