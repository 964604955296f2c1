"""The grid's tables dressed for spreadsheets and print: the factor symbols in their colours,
counts shaded by value, a styled header, and the legend of the symbols. tandem.formats writes
them (XLSX, CSV, JSON); a text cell a spreadsheet would run as a formula stays text (S10)."""

from dataclasses import replace

from django.utils.translation import gettext as _

from tandem.formats.tables import Look, Style, Table
from tandem.web.colours import ColourScale, ink_on

from .models import FactorValue

# The factor symbols' colours (fill, text) in XLSX and in print: + green, - red/orange, ? grey,
# +/- amber. Every text colour has at least 4.5:1 contrast on its fill (WCAG AA; tested).
SYMBOL_COLOURS = {
    "+": ("#c9e7cd", "#14532d"),
    "-": ("#f9d2c3", "#7c1d0c"),
    "?": ("#e2e2e2", "#333333"),
    "+/-": ("#ffe194", "#5a3a00"),
}
SYMBOL_CLASSES = {"+": "plus", "-": "minus", "?": "unknown", "+/-": "mixed"}
HEADER_FILL, HEADER_INK = "#1f3a5f", "#ffffff"  # 11.9:1
# Counts shade from white (0) to this blue (the table's highest count); the text is black or
# white, whichever contrasts more (tandem.web.colours.ink_on).
COUNT_SCALE = ColourScale(((0.0, "#ffffff"), (1.0, "#3a6ea5")))

HEADER = Style(fill=HEADER_FILL, ink=HEADER_INK, bold=True)
# Row 1 the table's title, row 2 the header (repeated on every printed page), the rows from
# row 3; the labels and the header stay in view.
LOOK = Look(
    header=HEADER, wrap=True, bold_labels=True, freeze="B3", repeat_header=True, fit=(6, 60)
)


def shaded_counts(table: Table) -> Table:
    """Counts on a scale up to the table's highest count; zeros and totals rows stay plain."""
    highest = max((v for r in table.body for v in r[1:] if isinstance(v, int)), default=0)
    styles: list[list[Style | None]] = []
    for index, row in enumerate(table.rows):
        cells: list[Style | None] = [None]
        for value in row[1:]:
            if index >= len(table.body) or not isinstance(value, int) or not value:
                cells.append(None)
            else:
                colour = COUNT_SCALE.colour(value / highest)
                cells.append(Style(fill=colour, ink=ink_on(colour)))
        styles.append(cells)
    return replace(table, styles=styles)


def coloured_symbols(table: Table) -> Table:
    """The factor symbols in their colours, bold; every column after the labels centred."""
    styles: list[list[Style | None]] = []
    for row in table.rows:
        cells: list[Style | None] = [None]
        for value in row[1:]:
            colours = SYMBOL_COLOURS.get(value) if isinstance(value, str) else None
            if colours:
                cells.append(Style(fill=colours[0], ink=colours[1], bold=True, centre=True))
            else:
                cells.append(Style(centre=True))
        styles.append(cells)
    return replace(table, styles=styles)


def legend() -> Table:
    """What each factor symbol means, in its colours."""
    rows: list[list] = [[value, str(label)] for value, label in FactorValue.Symbol.choices]
    styles: list[list[Style | None]] = []
    for value, _label in FactorValue.Symbol.choices:
        background, ink = SYMBOL_COLOURS[value]
        styles.append([Style(fill=background, ink=ink, bold=True, centre=True), None])
    return Table(
        sheet=_("Legend"),
        header=[_("Value"), _("Meaning")],
        rows=[*rows, ["", _("no value given")]],
        styles=styles,
        look=Look(header=HEADER, widths=(("B", 30),)),
    )
