"""The `tandem` command line: matrices as CSV/text/JSON and clear errors on bad input."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tandem import cli
from tests.seed001 import DOMAIN_ORDER, read_tables

DOMAINS = DOMAIN_ORDER


def matrix_csv(capsys, domain, aspects="predefined"):
    """`tandem matrix` for the demo campaign as CSV: its standard output."""
    args = ["--campaign", "centrumsteden-2010", "--domain", domain, "--aspects", aspects]
    return run(capsys, "matrix", *args, "--format", "csv")[1]


def run(capsys, *args):
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("domain", DOMAINS)
def test_csv_matrix_has_the_exact_layout_and_the_seed_values(db, capsys, domain):
    code, out, _ = run(
        capsys,
        "matrix",
        "--campaign",
        "centrumsteden-2010",
        "--domain",
        domain,
        "--aspects",
        "predefined",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    table = next(t for t in read_tables() if t.domain == domain and t.aspects == "predefined")
    assert rows[0][0] == "city" and rows[0][-1] == "TOT STAD"
    assert len(rows[0]) == len(table.columns) + 2
    cities = [r[0] for r in rows[1:-2]]
    assert cities == sorted(table.cells)  # REFNIS Dutch names, sorted by name
    for row in rows[1:-2]:
        assert [int(v) if v else None for v in row[1:-1]] == table.cells[row[0]]
        assert int(row[-1]) == table.tot_stad[row[0]]
    assert rows[-2][0] == "TOT ASPECT" and rows[-2][-1] == ""
    assert [int(v) for v in rows[-2][1:-1]] == table.tot_aspect
    assert rows[-1][0] == "AANTAL MET SAMENWERKING" and rows[-1][-1] == ""
    counts = [
        sum(1 for c in table.cells.values() if (c[i] or 0) > 0) for i in range(len(table.columns))
    ]
    assert [int(v) for v in rows[-1][1:-1]] == counts


def test_the_financial_csv_byte_for_byte(db, capsys):
    out = matrix_csv(capsys, "financieel")
    assert out.splitlines()[:3] == [
        "city,Leningen,Thesaurie,Debiteur,Boekhoud.,Facturatie,Belegging,Fin. advies,TOT STAD",
        "Aalst,0,1,0,0,0,0,1,2",
        "Antwerpen,2,2,2,1,1,1,2,11",
    ]
    assert out.splitlines()[-2:] == [
        "TOT ASPECT,6,9,3,3,1,3,7,",
        "AANTAL MET SAMENWERKING,4,7,2,2,1,3,6,",
    ]


def test_unanswered_cell_is_empty_in_csv(db, capsys):
    out = matrix_csv(capsys, "facilitair", "other")
    assert "Kortrijk,0,1,,1" in out.splitlines()
    assert out.splitlines()[-2] == "TOT ASPECT,4,5,2,"


def test_all_aspects_in_questionnaire_order(db, capsys):
    out = matrix_csv(capsys, "aankoop", "all")
    assert (
        out.splitlines()[0] == "city,Gas,Elekt,Telefonie,Hard-Software,Energie,Kantoorgeri,TOT STAD"
    )


def test_json_and_text_formats(db, capsys):
    _, out, _ = run(
        capsys,
        "matrix",
        "--campaign",
        "centrumsteden-2010",
        "--domain",
        "ict",
        "--format",
        "json",
        "--lang",
        "fr",
        "--sort",
        "total",
    )
    data = json.loads(out)
    assert data["aspect_set"] == "predefined" and data["round"] == 2
    assert [a["code"] for a in data["aspects"]][:2] == ["netwerk", "server"]
    assert data["aspects"][0]["short_label"] == "Réseau"
    assert data["rows"][0]["total"] == 10
    assert data["column_totals"] == [13, 10, 8, 6, 12]
    names = [r["name"] for r in data["rows"]]
    assert "Alost" in names and "Aalst" not in names
    _, text, _ = run(capsys, "matrix", "--campaign", "centrumsteden-2010", "--domain", "ict")
    assert "TOT ASPECT" in text and "Sint-Niklaas" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--campaign", "nope", "--domain", "ict"],
            "unknown campaign 'nope'; choose one of: centrumsteden-2010",
        ),
        (
            ["--campaign", "centrumsteden-2010", "--domain", "hr"],
            "unknown domain 'hr'; choose one of: "
            "financieel personeel facilitair ict communicatie aankoop andere",
        ),
        (
            ["--campaign", "centrumsteden-2010", "--domain", "ict", "--aspects", "some"],
            "unknown aspect set 'some'; choose one of: predefined other all",
        ),
        (
            ["--campaign", "centrumsteden-2010", "--domain", "ict", "--format", "xls"],
            "unknown format 'xls'; choose one of: text csv json",
        ),
    ],
)
def test_bad_input_exits_non_zero_with_one_line_naming_the_choices(db, capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["matrix", *args])
    assert exit_info.value.code != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert message in err


def test_unknown_verb(capsys):
    assert cli.main(["frobnicate"]) == 2
    assert "choose one of" in capsys.readouterr().err


def test_unmigrated_database_gives_a_one_line_hint_not_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DEBUG"}}
    env.update(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "TANDEM_VAR_DIR": str(tmp_path)}
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tandem.cli",
            "matrix",
            "--campaign",
            "centrumsteden-2010",
            "--domain",
            "ict",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "tandem: database error: no such table: campaigns_campaign; is the database set up? "
        "Run 'tandem migrate' and 'tandem load-reference' (or 'make demo')."
    ]
