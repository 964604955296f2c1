"""The degree scale dressed for spreadsheets: a cell in a degree's colours and the legend sheet,
shared by the campaigns' downloads and the benchmark's; tandem.formats writes them (a text cell
a spreadsheet would run as a formula stays text, S10)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from tandem.formats.tables import Look, Style, Table, Value
from tandem.web import colours


def degree_style(colour: str | None) -> Style | None:
    """A cell in a degree's colour, its text black or white, whichever contrasts more."""
    return Style(fill=colour, ink=colours.ink_on(colour)) if colour else None


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
