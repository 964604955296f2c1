"""Faults in reports/synergy/assemble.py that a sampled mutation run (issue 15, QUALITY.md T1;
benchmarks/mutation_sample.py) showed the suite let through: the note of a measure that starts
after the budget year (the seed's demo pair has none). Expected texts: the Dutch catalogue."""

import datetime

from tandem.reports.synergy.generate import build
from tests import factories


def test_a_later_measure_says_from_which_year_and_its_deadline(molenbeek):
    factories.measure(pair=molenbeek, title_nl="Gedeelde aankoopcentrale", year=2025)
    factories.measure(
        pair=molenbeek,
        title_nl="Gezamenlijk archief",
        year=2026,
        deadline=datetime.date(2026, 6, 30),
    )
    report = build(molenbeek, 2023, "nl")
    notes = {line.title.text: line.note for section in report.measures for line in section.lines}
    assert notes["Gedeelde aankoopcentrale"] == "vanaf 2025"
    assert notes["Gezamenlijk archief"] == "vanaf 2026, uiterste datum 30/6/2026"
