"""Reads the three explanatory-factor matrices of seed 000 (§5.2) straight from the seed file, so
the tests compare Tandem's factor matrices with the source itself, not with Tandem's own
transcription of it (src/tandem/demo/data/financieel-2012/factors.yaml).

How the text extraction prints a matrix (e.g. S000:4637-4745):
- a header line with the city columns (" ANTWERPEN GENK BRUGGE OOSTENDE ");
- a context heading ("LOKALE CONTEXT", "OMGEVINGSCONTEXT"; the processen matrix prints
  "OMGEVING", S000:5284, which the catalogue names OMGEVINGSCONTEXT);
- a group heading ("Momentum", "Cultuur", "Structuur", "Beleid centrale overheden") followed by
  its sub-row labels ("- Budgettaire situatie", "-Politieke situatie"; a label may wrap onto a
  next line: "- Ambtelijke capaciteit en" + "samenwerking", S000:5259-5260), then each city's
  column as a vertical run of symbols, one per sub-row, runs in header column order;
- rows printed with their own inline values ("Historiek overleg + + - -"), which sit directly
  under their context (LOKALE CONTEXT > Historiek overleg), not inside the group above them.

Whitespace-only lines open each run; stray blank lines also occur inside runs (S000:6093, 6127,
6143-6144, 6152, 6160, 6168), so a group's symbols are chunked evenly by the number of sub-rows,
which works wherever a group prints n_cities x n_rows symbols. The one block where it does not is
handled explicitly below (CULTUUR_PRODUCTEN)."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

SEED_FILE = "000_e3622efdf355ac19.txt"
# focus-group slug → (header line, last line of the table), 1-based seed lines.
MATRIX_LINES = {
    "planning": (4637, 4745),
    "processen": (5210, 5309),
    "producten": (6067, 6192),
}
CONTEXTS = {
    "LOKALE CONTEXT": "LOKALE CONTEXT",
    "OMGEVINGSCONTEXT": "OMGEVINGSCONTEXT",
    "OMGEVING": "OMGEVINGSCONTEXT",  # S000:5284, the processen matrix
}
GROUPS = ("Momentum", "Cultuur", "Structuur", "Beleid centrale overheden")
SYMBOLS = ("+/-", "+", "-", "?")
# The PDF could have printed typographic minus signs; the seed's tables use ASCII only, but the
# parser keeps the output ASCII whatever the extraction gives.
SYMBOL_SPELLINGS = {"–": "-", "−": "-", "+/–": "+/-", "+/−": "+/-"}
# Column headings as printed → the municipality's Dutch REFNIS name.
CITY = {
    "ANTWERPEN": "Antwerpen",
    "GENK": "Genk",
    "BRUGGE": "Brugge",
    "OOSTENDE": "Oostende",
    "HASSELT": "Hasselt",
    "ROESELARE": "Roeselare",
    "GENT": "Gent",
    "MECHELEN": "Mechelen",
    "ST-NIKLAAS": "Sint-Niklaas",
    "LEUVEN": "Leuven",
}
# Abbreviated labels → the catalogue's single name for the factor (S000:4696, 6136 abbreviate
# what S000:5259-5260 prints in full).
LABELS = {"Ambtelijke capaciteit en samenw.": "Ambtelijke capaciteit en samenwerking"}

# S000:6099-6130, the producten matrix's Cultuur block: 5 sub-rows (Traditie overleg, Vertrouwen
# tss besturen, Politieke wil en visie, Cultuurverschillen overwinnen, Weerstand in de
# organisatie), but Gent (6107-6110), Mechelen (6113-6116) and St-Niklaas (6119-6122) print only
# 4 symbols each; Leuven prints 5 (6125-6130; the empty line 6127 is a stray blank, as 6093 before
# the other "+/-"). Tandem's documented reading (factors.yaml, interpretation I6) leaves the row
# "Weerstand in de organisatie" empty for those three cities: the parser applies exactly that
# reading here, and nowhere else. Runs are told apart by the whitespace-only lines that open each
# of them (6106, 6112, 6118, 6124).
CULTUUR_PRODUCTEN = ("producten", "Cultuur")
EMPTY_ROW_OF_SHORT_RUNS = {CULTUUR_PRODUCTEN: "Weerstand in de organisatie"}


@dataclass
class SeedRow:
    path: tuple[str, ...]  # ("LOKALE CONTEXT", "Momentum", "Budgettaire situatie")
    printed: str  # the label as printed, wrapped lines joined
    line: int  # seed line of the label
    values: list[str]  # one per column: "+", "-", "?", "+/-", or "" where none is printed

    @property
    def name(self) -> str:
        return " > ".join(self.path)


@dataclass
class SeedMatrix:
    group: str  # planning | processen | producten
    header_line: int
    printed_columns: list[str]  # ["ANTWERPEN", "GENK", ...]
    columns: list[str]  # ["Antwerpen", "Genk", ...]
    rows: list[SeedRow]

    def table(self) -> list[list[str]]:
        """As `tandem factors --format csv` prints it: header, then one row per factor."""
        return [["factor", *self.columns], *[[row.name, *row.values] for row in self.rows]]

    def row(self, name: str) -> SeedRow:
        return next(row for row in self.rows if row.name == name)


def seed_path() -> Path:
    path = Path(settings.SEEDS_DIR) / SEED_FILE
    if not path.exists():
        raise FileNotFoundError(f"seed 000 not found at {path}: set TANDEM_SEEDS_DIR")
    return path


# The seven financial sub-domains of §3.1.3 (S000:1818-1908), by their catalogue slugs, in order.
SUB_DOMAINS = (
    "financiele-planning",
    "boekhouding-jaarrekening",
    "rapportering-analyse",
    "debiteurenbeheer",
    "interne-financiele-controle",
    "andere-onderdelen",
    "externe-contacten",
)


@cache
def _seed_lines() -> list[str]:
    return seed_path().read_text(encoding="utf-8").split("\n")


def cited(source: str) -> str:
    """The seed's lines a source names ('S000:7450-7454' or 'S000:7472'), as one text."""
    first, _, last = source.removeprefix("S000:").partition("-")
    return "\n".join(_seed_lines()[int(first) - 1 : int(last or first)])


def letters(text: str) -> str:
    """Letters only: the seed's line breaks, hyphenation, bullets and footnote digits aside, so a
    transcription compares with the seed's own words."""
    return re.sub(r"[^a-zà-ÿ]", "", text.lower())


def _symbol(token: str) -> str | None:
    token = SYMBOL_SPELLINGS.get(token, token)
    return token if token in SYMBOLS else None


def _label(text: str) -> str:
    """'- Budgettaire situatie' → 'Budgettaire situatie'; '-LSB' → 'LSB'."""
    return " ".join(re.sub(r"^-\s*", "", text).split())


@dataclass
class _Block:
    """A group heading with its sub-row labels and the symbols printed under them."""

    context: str
    group: str
    labels: list  # [printed label, line]
    symbols: list  # [(symbol, line)]
    runs: list  # symbols split at the whitespace-only lines that open each run


def _values(matrix: str, block: _Block, cities: int) -> list[list[str]]:
    """The block's cells as rows × columns."""
    rows = len(block.labels)
    where = f"S000 {matrix} {block.group} (lines {block.labels[0][1]}-{block.symbols[-1][1]})"
    symbols = [s for s, _ in block.symbols]
    if len(symbols) == rows * cities:
        columns = [symbols[c * rows : (c + 1) * rows] for c in range(cities)]
    elif (matrix, block.group) in EMPTY_ROW_OF_SHORT_RUNS:
        empty_row = [_label(label) for label, _ in block.labels].index(
            EMPTY_ROW_OF_SHORT_RUNS[(matrix, block.group)]
        )
        runs = [run for run in block.runs if run]
        if len(runs) != cities:
            raise ValueError(f"{where}: {len(runs)} runs for {cities} cities")
        columns = []
        for run in runs:
            run = [s for s, _ in run]
            if len(run) == rows - 1:
                run = [*run[:empty_row], "", *run[empty_row:]]
            if len(run) != rows:
                raise ValueError(f"{where}: a run of {len(run)} symbols for {rows} rows")
            columns.append(run)
    else:
        raise ValueError(f"{where}: {len(symbols)} symbols for {rows} rows × {cities} cities")
    return [[columns[c][r] for c in range(cities)] for r in range(rows)]


def _parse(lines: list[str], matrix: str, first: int, last: int) -> SeedMatrix:
    printed_columns = lines[first - 1].split()
    cities = len(printed_columns)
    rows: list[SeedRow] = []
    context: str | None = None
    block: _Block | None = None

    def close_block():
        nonlocal block
        if block is None:
            return
        if not block.symbols:
            raise ValueError(f"S000 {matrix}: group {block.group} without values")
        for (printed, line), values in zip(
            block.labels, _values(matrix, block, cities), strict=True
        ):
            name = LABELS.get(_label(printed), _label(printed))
            rows.append(SeedRow((block.context, block.group, name), printed, line, values))
        block = None

    for number in range(first + 1, last + 1):
        raw = lines[number - 1]
        text = raw.strip()
        if not text:
            if raw and block is not None:  # whitespace only: a new run starts
                block.runs.append([])
            continue
        tokens = text.split()
        symbol = _symbol(text)
        if symbol is not None:
            if block is None:
                raise ValueError(f"S000:{number}: a value outside any group")
            block.symbols.append((symbol, number))
            if not block.runs:
                block.runs.append([])
            block.runs[-1].append((symbol, number))
        elif text in CONTEXTS:
            close_block()
            context = CONTEXTS[text]
        elif text in GROUPS:
            close_block()
            if context is None:
                raise ValueError(f"S000:{number}: group {text} outside a context")
            block = _Block(context, text, [], [], [])
        elif len(tokens) > cities and all(_symbol(t) for t in tokens[-cities:]):
            # A row with inline values: directly under its context, after the group above it.
            close_block()
            label = " ".join(tokens[:-cities])
            values = [_symbol(t) for t in tokens[-cities:]]
            rows.append(SeedRow((context, _label(label)), label, number, values))
        elif text.startswith("-"):
            if block is None or block.symbols:
                raise ValueError(f"S000:{number}: a sub-row label outside a group's labels")
            block.labels.append([text, number])
        else:
            # The wrapped second line of the label above ("samenwerking", S000:5260).
            if block is None or not block.labels or block.symbols:
                raise ValueError(f"S000:{number}: unexpected line {text!r}")
            block.labels[-1][0] = f"{block.labels[-1][0]} {text}"
    close_block()
    return SeedMatrix(matrix, first, printed_columns, [CITY[c] for c in printed_columns], [*rows])


@cache
def _read() -> dict[str, SeedMatrix]:
    lines = seed_path().read_text(encoding="utf-8").split("\n")
    return {name: _parse(lines, name, first, last) for name, (first, last) in MATRIX_LINES.items()}


def factor_matrices() -> dict[str, SeedMatrix]:
    """planning, processen and producten, each as the seed prints it."""
    return _read()
