"""Chart geometry as plain data: heatmap cells, paired bars, count bars, histogram columns and
point lines, in SVG user units, for the templates under web/charts/ to draw, one module per
kind. No markup here: every text reaches the page through a template, which escapes it (S9).
Each value is also written as text beside its mark, so colour is never the only signal, and the
page puts a data table next to each chart (WCAG 1.1.1, 1.4.1)."""

from .bars import BarChart, paired_bars
from .counts import CountBars, count_bars
from .heatmap import Heatmap, heatmap
from .histogram import Histogram, bin_label, histogram
from .lines import LineChart, line_chart, marker
from .shapes import FONT, SERIES_COLOURS, Label, figure, shorten, signed_figure

__all__ = [
    "FONT",
    "SERIES_COLOURS",
    "BarChart",
    "CountBars",
    "Heatmap",
    "Histogram",
    "Label",
    "LineChart",
    "bin_label",
    "count_bars",
    "figure",
    "heatmap",
    "histogram",
    "line_chart",
    "marker",
    "paired_bars",
    "shorten",
    "signed_figure",
]
