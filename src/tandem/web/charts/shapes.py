"""What every chart shares: the text size and widths, the series' colours, dashes and markers,
how a number is written, labels, and the ticks of an axis."""

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tandem.formats.belgian import format_number

FONT = 12  # the text size the templates use, in user units
# The width of a character at FONT, generous for wide fonts (DejaVu Sans), to make room for labels.
CHAR = 7.6
BOLD_CHAR = 8.4
DASH = "—"  # a value that is not known (never 0)
INK = "#1b1b1b"  # axis and label text, as the site's text colour
MUTED = "#4a4a4a"  # grid lines and outlines: 8.9:1 on white
# Series of a point chart: each 4.5:1 or more on white, told apart by marker and dash too.
SERIES_COLOURS = ("#123c69", "#8a4b00", "#1a7f4b", "#6a1b9a")
SERIES_DASHES = ("", "6 4", "2 3", "8 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond")


@lru_cache(maxsize=4096)  # a heatmap of 565 pairs writes the same few hundred numbers
def figure(value, decimals: int = 1) -> str:
    """A number as charts and tables write it (Belgian format in every language): whole numbers
    without decimals, others rounded half up to `decimals`; None is a dash."""
    if value is None:
        return DASH
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return format_number(int(number))
    return format_number(number, decimals)


def signed_figure(value, decimals: int = 1) -> str:
    """A difference: '+2', '-1,5', '0'."""
    text = figure(value, decimals)
    return f"+{text}" if value is not None and value > 0 else text


@dataclass(slots=True)
class Label:
    """A text at (x, y); `anchor` is SVG's text-anchor; `rotate` turns it about its point."""

    x: float
    y: float
    text: str
    anchor: str = "start"
    rotate: int = 0
    bold: bool = False

    @property
    def transform(self) -> str:
        return f"rotate({self.rotate} {self.x} {self.y})" if self.rotate else ""


def text_width(text: str, bold: bool = False) -> float:
    return len(text) * (BOLD_CHAR if bold else CHAR)


def shorten(text: str, length: int = 28) -> str:
    """A label cut to `length` characters with an ellipsis (the data table keeps it whole)."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def rounded(value: float) -> float:
    return round(value, 1)


def axis_ticks(maximum: float, steps: int = 4) -> list[float]:
    """Round tick values from 0 to at least `maximum`."""
    if maximum <= 0:
        return [0.0]
    raw = maximum / steps
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = next(s * magnitude for s in (1, 2, 2.5, 5, 10) if s * magnitude >= raw)
    count = int(-(-maximum // step))
    return [step * i for i in range(count + 1)]


PERCENT_TICKS = (0, 25, 50, 75, 100)
