"""The degree scale dressed for spreadsheets: a cell in a degree's colours and the legend sheet,
shared by the campaigns' downloads and the benchmark's; tandem.formats writes them (a text cell
a spreadsheet would run as a formula stays text, S10)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from tandem.analysis.matrix import Matrix
from tandem.analysis.tables import matrix_table
from tandem.formats.tables import Look, Style, Table, Value
from tandem.web import colours


def degree_style(colour: str | None) -> Style | None:
    """A cell in a degree's colour, its text black or white, whichever contrasts more."""
    return Style(fill=colour, ink=colours.ink_on(colour)) if colour else None


def score_style(levels: Iterable, score: object) -> Style | None:
    """The style of a cell holding a score 0, 1 or 2 (None for a blank or any other value)."""
    for level in levels:
        if isinstance(score, int) and level.value == score:
            return degree_style(level.colour)
    return None


def degree_legend(levels: Iterable, note: str = "") -> Table:
    """Each degree in its own colours (the catalogue's DegreeLevel rows), and a note below."""
    levels = list(levels)
    rows: list[list[Value]] = [[level.value, level.label, level.symbol] for level in levels]
    return Table(
        sheet=_("Legend"),
        header=[_("Score"), _("Degree of cooperation"), _("Symbol")],
        rows=[*rows, [], [note]] if note else rows,
        styles=[[Style(fill=level.colour, ink=level.text_colour)] * 3 for level in levels],
        look=Look(header=Style(bold=True), widths=(("B", 30),)),
    )


def _number(text: str) -> Value:
    return int(text) if text.isdigit() else (text or None)


def matrix_sheet(matrix: Matrix, *, levels: Iterable, title: str, sheet: str) -> Table:
    """A matrix in the layout of its CSV (analysis.tables.matrix_table: a row per pair, TOT
    STAD, then TOT ASPECT and the count of cooperating pairs), its scores as numbers in their
    degree's colours; the two totals rows in bold."""
    levels = list(levels)
    header, *lines = matrix_table(matrix)
    rows = [[line[0], *(_number(v) for v in line[1:])] for line in lines]
    scores = len(matrix.columns)
    styles = [[None, *(score_style(levels, v) for v in row[1 : scores + 1])] for row in rows[:-2]]
    return Table(
        sheet=sheet,
        title=title,
        header=header,
        rows=rows,
        styles=styles,
        totals=2,
        look=Look(header=Style(bold=True), bold_labels=True, freeze="B3", fit=(6, 40)),
    )
