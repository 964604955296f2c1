"""`tandem factors` reproduces the three explanatory-factor matrices of seed 000 (§5.2) cell by
cell, compared with the seed file itself (tests/seed000.py), not with Tandem's transcription."""

import csv
import io
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tandem.places.models import Municipality
from tests import factories
from tests.seed000 import factor_matrices

CAMPAIGN = "financieel-2012"
GROUPS = ("planning", "processen", "producten")
MATRICES = factor_matrices()


def _factors(*options: str) -> str:
    out = io.StringIO()
    call_command("factors", *options, stdout=out)
    return out.getvalue()


def _csv_rows(text: str) -> list[list[str]]:
    """The CSV's cells as a spreadsheet shows them: the apostrophe that keeps + - +/- from being
    calculated (S10) is not part of the value."""
    rows = list(csv.reader(io.StringIO(text)))
    return [[c[1:] if c[:2] in ("'+", "'-") else c for c in row] for row in rows]


def test_the_parser_finds_the_shapes_the_seed_prints():
    # planning: 3 Momentum + Historiek overleg + 3 Cultuur + 3 Structuur + 3 Beleid centrale
    # overheden + Vraag naar sociaal beleid = 14 rows (S000:4637-4745); processen: 1 + 1 + 3 + 3 +
    # Efficiëntiewinst + 3 = 12 (S000:5210-5309); producten: 3 + 1 + 5 + 5 + Efficiëntie en
    # schaalvoordeel + 1 + Wettelijke belemmeringen = 17 (S000:6067-6192). Four cities each.
    shapes = {name: (len(m.rows), len(m.columns)) for name, m in MATRICES.items()}
    assert shapes == {"planning": (14, 4), "processen": (12, 4), "producten": (17, 4)}
    assert [MATRICES[g].header_line for g in GROUPS] == [4637, 5210, 6067]
    assert MATRICES["planning"].printed_columns == ["ANTWERPEN", "GENK", "BRUGGE", "OOSTENDE"]
    assert MATRICES["processen"].printed_columns == ["ANTWERPEN", "GENK", "HASSELT", "ROESELARE"]
    assert MATRICES["producten"].printed_columns == ["GENT", "MECHELEN", "ST-NIKLAAS", "LEUVEN"]
    for matrix in MATRICES.values():
        for row in matrix.rows:
            assert len(row.values) == 4, row
            assert set(row.values) <= {"+", "-", "?", "+/-", ""}, row


def test_the_parser_reads_labels_contexts_and_inline_rows_as_documented():
    planning, processen, producten = (MATRICES[g] for g in GROUPS)
    assert planning.rows[0].name == "LOKALE CONTEXT > Momentum > Budgettaire situatie"
    assert planning.rows[0].printed == "- Budgettaire situatie"  # S000:4642
    # Inline rows sit directly under their context.
    assert planning.row("LOKALE CONTEXT > Historiek overleg").line == 4666
    assert planning.row("LOKALE CONTEXT > Historiek overleg").values == ["+", "+", "-", "-"]
    assert planning.row("OMGEVINGSCONTEXT > Vraag naar sociaal beleid").line == 4745
    assert processen.row("LOKALE CONTEXT > Efficiëntiewinst").line == 5282
    assert producten.row("OMGEVINGSCONTEXT > Wettelijke belemmeringen").line == 6192
    # "OMGEVING" (S000:5284) is the catalogue's OMGEVINGSCONTEXT.
    assert processen.rows[-1].name == (
        "OMGEVINGSCONTEXT > Beleid centrale overheden > Organieke wetgeving"
    )
    # Wrapped labels joined; "samenw." expanded to the catalogue's one name.
    capacity = "LOKALE CONTEXT > Structuur > Ambtelijke capaciteit en samenwerking"
    assert processen.row(capacity).printed == "- Ambtelijke capaciteit en samenwerking"
    assert processen.row(capacity).line == 5259
    assert planning.row(capacity).printed == "-Ambtelijke capaciteit en samenw."
    assert producten.row(capacity).printed == "- Ambtelijke capaciteit en samenw."
    shared = producten.row(
        "LOKALE CONTEXT > Structuur > Reeds samenwerking in ondersteunende dienst"
    )
    assert shared.line == 6134
    # Stray blank lines inside runs (S000:6093, 6143-6144) do not shift the values.
    assert producten.row("LOKALE CONTEXT > Momentum > Politieke steun").values == [
        "+",
        "?",
        "+",
        "+/-",
    ]
    assert producten.row(capacity).values == ["+", "?", "?", "?"]


def test_the_short_cultuur_runs_leave_weerstand_empty_for_three_cities():
    """S000:6099-6130: Gent, Mechelen and St-Niklaas print 4 symbols for 5 rows; the documented
    reading (factors.yaml I6) leaves "Weerstand in de organisatie" empty for them. Leuven prints
    5, across the stray blank line 6127."""
    producten = MATRICES["producten"]
    cultuur = [r for r in producten.rows if r.path[1:2] == ("Cultuur",)]
    assert [(r.path[-1], r.values) for r in cultuur] == [
        ("Traditie overleg", ["?", "-", "-", "-"]),
        ("Vertrouwen tss besturen", ["+", "?", "?", "-"]),
        ("Politieke wil en visie", ["+", "+", "+", "+/-"]),
        ("Cultuurverschillen overwinnen", ["+", "?", "?", "-"]),
        ("Weerstand in de organisatie", ["", "", "", "-"]),
    ]


def test_column_names_are_refnis_dutch_names_of_municipalities(db):
    names = {name for matrix in MATRICES.values() for name in matrix.columns}
    assert names == {
        "Antwerpen",
        "Genk",
        "Brugge",
        "Oostende",
        "Hasselt",
        "Roeselare",
        "Gent",
        "Mechelen",
        "Sint-Niklaas",
        "Leuven",
    }
    assert set(
        Municipality.objects.filter(name_nl__in=names).values_list("name_nl", flat=True)
    ) == (names)


@pytest.mark.parametrize("group", GROUPS)
def test_csv_reproduces_the_seed_cell_by_cell(db, group):
    seed = MATRICES[group]
    output = _factors("--campaign", CAMPAIGN, "--group", group, "--format", "csv")
    rows = _csv_rows(output)
    assert rows[0] == ["factor", *seed.columns]
    assert output.splitlines()[0] == "factor," + ",".join(seed.columns)
    assert [r[0] for r in rows[1:]] == [r.name for r in seed.rows]
    for got, expected in zip(rows[1:], seed.rows, strict=True):
        assert got[1:] == expected.values, f"{expected.name} (S000:{expected.line})"
    assert rows == seed.table()


def _text_table(text: str) -> tuple[str, list[list[str]]]:
    """Split the aligned text table at the column positions its dashes line gives."""
    lines = text.splitlines()
    title, blank, header, dashes, *body = lines
    assert blank == ""
    spans, start = [], None
    for position, char in enumerate(dashes + " "):
        if char == "-" and start is None:
            start = position
        elif char != "-" and start is not None:
            spans.append((start, position))
            start = None
    cells = []
    for line in [header, *body]:
        line = line.ljust(spans[-1][1])
        row = [line[a:b].strip() for a, b in spans]
        # The columns are separated by two spaces: nothing is printed between them.
        assert all(line[b : b + 2].strip() == "" for _, b in spans[:-1]), line
        cells.append(row)
    return title, cells


@pytest.mark.parametrize("group", GROUPS)
def test_text_format_shows_the_same_table_aligned(db, group):
    seed = MATRICES[group]
    output = _factors("--campaign", CAMPAIGN, "--group", group, "--format", "text")
    title, cells = _text_table(output)
    assert title.startswith("Financieel management centrumsteden 2012")
    assert cells == seed.table()


def test_text_is_the_default_format(db):
    default = _factors("--campaign", CAMPAIGN, "--group", "planning")
    assert default == _factors("--campaign", CAMPAIGN, "--group", "planning", "--format", "text")


def test_unknown_campaign_names_the_choices(db):
    with pytest.raises(CommandError) as error:
        _factors("--campaign", "financieel-2099", "--group", "planning", "--format", "csv")
    message = str(error.value)
    assert "unknown campaign 'financieel-2099'" in message
    assert "choose one of:" in message
    assert CAMPAIGN in message.split("choose one of:")[1].split()


def test_unknown_group_names_the_three_groups(db):
    with pytest.raises(CommandError) as error:
        _factors("--campaign", CAMPAIGN, "--group", "boekhouding", "--format", "csv")
    assert str(error.value) == (
        "unknown group 'boekhouding'; choose one of: planning processen producten"
    )


def test_unknown_format_names_the_formats(db):
    with pytest.raises(CommandError) as error:
        _factors("--campaign", CAMPAIGN, "--group", "planning", "--format", "xlsx")
    message = str(error.value)
    assert message.startswith("unknown format 'xlsx'; choose one of:")
    assert set(message.split("choose one of:")[1].split()) == {"text", "csv"}


def test_a_campaign_without_factor_matrices_says_so(db):
    campaign = factories.campaign()
    with pytest.raises(CommandError, match="has no factor matrices"):
        _factors("--campaign", campaign.slug, "--group", "planning")


def _database_url() -> str:
    """The test database as a URL, for a child process (it sees what the session committed)."""
    settings = connection.settings_dict
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings['NAME']}"
    user = quote(settings.get("USER") or "", safe="")
    password = quote(settings.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{credentials}{settings.get('HOST') or '127.0.0.1'}{port}/{settings['NAME']}"


def _tandem_script() -> str:
    script = Path(sys.executable).with_name("tandem")
    if script.exists():
        return str(script)
    found = shutil.which("tandem")
    if found is None:
        pytest.fail("the `tandem` console script is not installed next to the interpreter")
    return found


def test_the_tandem_console_script_prints_the_producten_matrix(db, tmp_path):
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DATABASE_URL"}}
    env.update(
        DATABASE_URL=_database_url(),
        SECRET_KEY="factors-test-only",
        TANDEM_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="tandem.settings",
    )
    result = subprocess.run(
        [_tandem_script(), "factors", "--campaign", CAMPAIGN, "--group", "producten"]
        + ["--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert _csv_rows(result.stdout) == MATRICES["producten"].table()

    bad = subprocess.run(
        [_tandem_script(), "factors", "--campaign", CAMPAIGN, "--group", "nope"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert bad.returncode != 0
    assert "unknown group 'nope'; choose one of: planning processen producten" in bad.stderr
    assert "Traceback" not in bad.stderr
