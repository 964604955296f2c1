"""Faults in reports/synergy/generate.py that a sampled mutation run (issue 15, QUALITY.md T1;
benchmarks/mutation_sample.py) showed the suite let through: the download's file name and the
refusal of an unknown format."""

import pytest

from tandem.reports.synergy.generate import file_name, render


def test_the_file_name_is_stem_code_year_language_and_version():
    # The docstring's own example, and the drafts: ontwerp in Dutch, projet in French.
    assert file_name("21012", 2023, "nl", "pdf", 1) == "synergieverslag-21012-2023-nl-v1.pdf"
    assert file_name("21012", 2023, "nl", "html") == "synergieverslag-21012-2023-nl-ontwerp.html"
    assert file_name("21012", 2023, "fr", "docx") == "rapport-synergies-21012-2023-fr-projet.docx"


def test_a_language_without_its_own_stem_is_named_report():
    assert file_name("21012", 2024, "en", "html", 2) == "report-21012-2024-en-v2.html"


def test_an_unknown_format_is_refused_with_the_list_of_formats():
    with pytest.raises(ValueError) as refused:
        render(None, "odt")  # the format is checked before the report is read
    assert str(refused.value) == "unknown format 'odt'; choose one of html, pdf, docx"
