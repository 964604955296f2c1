"""Issue 17.8: `tandem matrix` on a grid campaign prints the degrees its synthesis tables show
(as the benchmark counts them), not thirteen empty rows. Checked against the seed 000 tables as
read by hand (tests/grid/test_demo_grid.py): a city scores on a sub-domain exactly where its
table names a current cooperation, and the joint pension fund is found in six cities."""

import json

import pytest
from django.core.management import call_command

from tests.grid.test_demo_grid import CITIES, CURRENT_BY_HAND
from tests.seed000 import SUB_DOMAINS


def _matrix(domain: str, capsys) -> dict:
    call_command("matrix", campaign="financieel-2012", domain=domain, format="json")
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("number", range(1, 8))
def test_a_city_scores_where_its_table_names_a_current_cooperation(db, capsys, number):
    matrix = _matrix(SUB_DOMAINS[number - 1], capsys)
    assert [row["name"] for row in matrix["rows"]] == CITIES
    scoring = {row["name"] for row in matrix["rows"] if row["total"]}
    assert scoring == {c for c in CITIES if CURRENT_BY_HAND[c][number - 1] == "Y"}
    # Every cell is a degree: the grid answers each sub-domain, 'no cooperation' included.
    assert all(s in (0, 1, 2) for row in matrix["rows"] for s in row["scores"])


def test_the_joint_pension_fund_is_found_in_six_cities(db, capsys):
    matrix = _matrix("andere-onderdelen", capsys)
    column = [a["code"] for a in matrix["aspects"]].index("pensioenen")
    cooperating = {row["name"] for row in matrix["rows"] if row["scores"][column]}
    assert cooperating == {"Aalst", "Antwerpen", "Genk", "Gent", "Roeselare", "Turnhout"}
    assert matrix["pairs_with_cooperation"][column] == 6
