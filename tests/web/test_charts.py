"""Charts: the geometry of tandem.web.charts, and the SVG the benchmark pages draw from it, each
with a title, a description and a data table beside it holding the same numbers; names are
escaped in every chart (S9)."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from tandem.catalogue.models import DegreeLevel
from tandem.places.models import Municipality
from tandem.web import charts, colours
from tests import factories

PAYLOAD = '"><svg onload=alert(1)>'
QUESTIONNAIRE = "centrumsteden-2010"
GRID = "financieel-2012"


class Level:
    def __init__(self, value, colour):
        self.value, self.colour = value, colour


SCALE = colours.ColourScale.from_levels(
    [Level(2, "#1a7f4b"), Level(0, "#eceff1"), Level(1, "#f6c344")]
)


# --- numbers and colours -----------------------------------------------------------------------


def test_figures_are_written_in_belgian_format():
    assert charts.figure(None) == "—"
    assert charts.figure(12) == "12"
    assert charts.figure(5.0) == "5"
    assert charts.figure(5.5) == "5,5"
    assert charts.figure(1234) == "1.234"
    assert charts.figure(2 / 3, 2) == "0,67"
    assert charts.signed_figure(2) == "+2"
    assert charts.signed_figure(-1.5) == "-1,5"
    assert charts.signed_figure(0) == "0"
    assert charts.signed_figure(None) == "—"


def test_colour_scale_takes_the_degree_colours_at_the_degrees():
    assert SCALE.colour(0) == "#eceff1"
    assert SCALE.colour(1) == "#f6c344"
    assert SCALE.colour(2) == "#1a7f4b"
    assert SCALE.colour(-1) == "#eceff1" and SCALE.colour(3) == "#1a7f4b"
    # Half way between informal and formal: the channels' midpoints.
    assert SCALE.colour(1.5) == "#88a148"
    # A total is placed by its mean degree per aspect.
    assert SCALE.for_total(6, 3) == "#1a7f4b"
    assert SCALE.for_total(0, 3) == "#eceff1"
    assert SCALE.for_total(None, 3) is None and SCALE.for_total(4, 0) is None


def test_text_on_any_fill_meets_wcag_aa():
    for step in range(0, 201):
        fill = SCALE.colour(step / 100)
        assert colours.contrast(colours.ink_on(fill), fill) >= 4.5, fill
    assert colours.contrast("#000000", "#ffffff") == pytest.approx(21)
    for colour in charts.SERIES_COLOURS:
        assert colours.contrast(colour, "#ffffff") >= 4.5


def test_the_catalogue_degree_scale_is_used(db):
    scale = colours.ColourScale.from_levels(DegreeLevel.objects.all())
    assert [colour for _, colour in scale.stops] == [
        d.colour for d in DegreeLevel.objects.order_by("value")
    ]


# --- geometry ----------------------------------------------------------------------------------


def test_heatmap_places_a_cell_per_value_with_its_text_and_colour():
    chart = charts.heatmap(
        ["Aalst", "Gent", "Leuven"],
        ["Financial", "ICT", "Total"],
        [[2, None, 2], [4, 2, 6], [0, 0, 0]],
        [2, 1, 3],
        SCALE,
        groups=["East", "East", "Brabant"],
    )
    assert [c.text for c in chart.cells] == ["2", "—", "2", "4", "2", "6", "0", "0", "0"]
    assert chart.cells[0].fill == SCALE.colour(1)
    assert chart.cells[1].fill == colours.WHITE and not chart.cells[1].known
    assert chart.cells[3].fill == SCALE.colour(2)
    # Two group headings and three row labels, in reading order.
    assert [label.text for label in chart.labels] == ["East", "Aalst", "Gent", "Brabant", "Leuven"]
    ys = [label.y for label in chart.labels]
    assert ys == sorted(ys)
    # Cells never overlap and all lie inside the drawing.
    for cell in chart.cells:
        assert 0 <= cell.x and cell.x + cell.width <= chart.width
        assert 0 <= cell.y and cell.y + cell.height <= chart.height
    assert {(c.x, c.y) for c in chart.cells}.__len__() == 9


def test_long_column_labels_are_shortened_in_the_chart_only():
    label = "Interne financiële controle (met inbegrip van visum)"
    chart = charts.heatmap(["A"], [label], [[1]], [1], SCALE)
    assert chart.columns[0].text == charts.shorten(label)
    assert chart.columns[0].text.endswith("…") and len(chart.columns[0].text) == 28


def test_histogram_heights_follow_the_counts():
    chart = charts.histogram([(0, 4, 2), (5, 9, 0), (10, 14, 4)])
    heights = [c.height for c in chart.columns]
    assert heights[0] == pytest.approx(heights[2] / 2) and heights[1] == 0
    assert [c.text for c in chart.columns] == ["2", "0", "4"]
    assert [c.label.text for c in chart.columns] == ["0–4", "5–9", "10–14"]
    assert charts.bin_label(3, 3) == "3"


def test_paired_bars_are_shares_of_each_maximum():
    chart = charts.paired_bars(
        ["Financial", "ICT"], [7, None], [3.5, 2], [3.5, None], [14, 4], "Aalst", "peers", "Diff"
    )
    own_financial, peers_financial, own_ict, peers_ict = chart.bars
    assert own_financial.width == pytest.approx(2 * peers_financial.width)
    assert own_financial.width == pytest.approx(160)  # half of the 320 wide plot
    assert own_ict.width == 0 and own_ict.text == "—"
    assert peers_ict.width == pytest.approx(160)
    assert [n.text for n in chart.notes] == ["Diff", "+3,5", "—"]
    assert [entry.label.text for entry in chart.legend] == ["Aalst", "peers"]


def test_paired_bars_without_differences_have_no_difference_column():
    chart = charts.paired_bars(["Planning", "ICT"], [13, 2], [9, 10], None, [13, 13], "now", "wish")
    assert chart.notes == []
    assert [b.text for b in chart.bars] == ["13", "9", "2", "10"]
    with_column = charts.paired_bars(
        ["Planning", "ICT"], [13, 2], [9, 10], [-4, 8], [13, 13], "now", "wish", "Difference"
    )
    assert chart.width < with_column.width


def test_point_labels_never_overlap_where_series_meet():
    chart = charts.line_chart(["2010", "2020"], [("a", [5, 5]), ("b", [5, 6]), ("c", [5, 1])])
    for index in range(2):
        ys = sorted(line.points[index].text_y for line in chart.lines)
        assert all(b - a >= charts.FONT for a, b in zip(ys, ys[1:], strict=False))
    assert [line.points[0].text for line in chart.lines] == ["5", "5", "5"]
    markers = {line.legend_marker[:12] for line in chart.lines}
    assert len({line.dash for line in chart.lines}) == 3 and len(markers) == 3


def test_a_point_chart_leaves_unknown_values_out():
    chart = charts.line_chart(["2010", "2020"], [("mean", [None, 1.25])], maximum=2, decimals=2)
    assert [p.text for p in chart.lines[0].points] == ["1,25"]


# --- the charts on the pages -------------------------------------------------------------------


def text(element):
    return " ".join(element.text_content().split())


def page_tree(client, name, **kwargs):
    params = kwargs.pop("params", {})
    response = client.get(reverse(name, kwargs=kwargs), params)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def charts_with_tables(tree):
    """Each chart with the data table beside it (in the same .chart-figure)."""
    found = []
    for svg in tree.xpath("//svg"):
        figure = svg.getparent()
        assert "chart-figure" in figure.get("class"), "a chart stands in a chart-figure"
        tables = figure.xpath(".//table")
        assert len(tables) == 1, "one data table beside each chart"
        found.append((svg, tables[0]))
    return found


def svg_texts(svg, css_class):
    return [text(t) for t in svg.xpath(f".//*[local-name()='text'][@class='{css_class}']")]


PAGES = [
    ("benchmark", {"campaign": QUESTIONNAIRE}, {"group": "province"}),
    ("benchmark", {"campaign": GRID}, {"rank": "financiele-planning"}),
    ("benchmark-pair", {"campaign": QUESTIONNAIRE, "refnis": "41002"}, {}),
    ("benchmark-pair", {"campaign": GRID, "refnis": "44021"}, {"province": "10000"}),
    ("benchmark-trends", {"campaign": QUESTIONNAIRE}, {"domain": "ict"}),
    ("grid-comparison", {"campaign": GRID}, {}),
]


@pytest.mark.parametrize(("name", "kwargs", "params"), PAGES)
def test_every_chart_has_a_title_a_description_and_a_table(client, db, name, kwargs, params):
    tree = page_tree(client, name, params=params, **kwargs)
    found = charts_with_tables(tree)
    assert found
    for svg, table in found:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        title = svg.xpath(f".//*[@id='{title_id}']")[0]
        desc = svg.xpath(f".//*[@id='{desc_id}']")[0]
        assert title.tag == "title" and desc.tag == "desc"
        assert len(text(title)) > 10 and len(text(desc)) > 40
        assert table.xpath("./caption") and table.xpath(".//th[@scope]")
        assert table.getparent().get("hidden") is None
        assert not table.xpath("ancestor::details")  # visible, not folded away


def _cells(table, path="./tbody/tr"):
    return [[text(td) for td in row.xpath("./td")] for row in table.xpath(path)]


def test_heatmap_and_histogram_show_the_numbers_of_their_tables(client, db):
    tree = page_tree(client, "benchmark", campaign=QUESTIONNAIRE, params={"group": "region"})
    (heat_svg, heat_table), (hist_svg, hist_table) = charts_with_tables(tree)
    cells = [v for row in _cells(heat_table) for v in row]
    assert svg_texts(heat_svg, "value") == cells and len(cells) == 13 * 8
    rows = hist_table.xpath("./tbody/tr")
    assert svg_texts(hist_svg, "value") == [text(r.xpath("./td")[0]) for r in rows]
    assert svg_texts(hist_svg, "bin") == [text(r.xpath("./th")[0]) for r in rows]


def test_profile_bars_show_the_numbers_of_their_table(client, db):
    tree = page_tree(client, "benchmark-pair", campaign=QUESTIONNAIRE, refnis="44021")
    [(svg, table)] = charts_with_tables(tree)
    rows = _cells(table)
    assert svg_texts(svg, "value") == [v for row in rows for v in row[:2]]
    assert svg_texts(svg, "difference") == [row[2] for row in rows]


def test_the_grid_comparison_bars_show_the_pairs_of_its_table(client, db):
    tree = page_tree(client, "grid-comparison", campaign=GRID)
    [(svg, table)] = charts_with_tables(tree)
    rows = _cells(table)  # current: cooperating, none, unanswered; desirable: the same
    assert len(rows) == 7
    assert svg_texts(svg, "value") == [v for row in rows for v in (row[0], row[3])]
    # Desirable cooperation is the (further) steps wished, not a total: no difference column.
    assert svg_texts(svg, "difference") == []
    # Seed 000, Bijlage 6: sub-domain 1 (financiële planning) 13 now, 9 wish it.
    assert rows[0][0] == "13" and rows[0][3] == "9"


def test_trend_points_show_the_numbers_of_their_tables(client, db):
    tree = page_tree(client, "benchmark-trends", campaign=QUESTIONNAIRE, params={"domain": "ict"})
    (counts_svg, counts_table), (mean_svg, mean_table) = charts_with_tables(tree)
    rows = _cells(counts_table)
    # Year, answered, cooperating, its share, formal, its share: the chart draws the counts.
    by_series = [row[column] for column in (1, 2, 4) for row in rows]
    assert sorted(svg_texts(counts_svg, "value")) == sorted(by_series)
    assert svg_texts(mean_svg, "value") == [row[1] for row in _cells(mean_table)]


def test_names_are_escaped_in_every_chart(client, db):
    """S9: a pair and a peer group named like markup stay text in titles, descriptions and
    labels of the charts and in their tables."""
    Municipality.objects.filter(refnis="41002").update(name_nl=PAYLOAD, name_fr=PAYLOAD)
    factories.peer_group(slug="xss", name=PAYLOAD, pairs=["41002", "44021"])
    for name, kwargs, params in [
        ("benchmark", {"campaign": QUESTIONNAIRE}, {"group": "peer_group"}),
        ("benchmark", {"campaign": GRID}, {"group": "peer_group", "rank": "financiele-planning"}),
        ("benchmark-pair", {"campaign": QUESTIONNAIRE, "refnis": "41002"}, {"peer_group": "xss"}),
        # Gent against the group: the payload is a peer, named in the list of peers only.
        ("benchmark-pair", {"campaign": QUESTIONNAIRE, "refnis": "44021"}, {"peer_group": "xss"}),
    ]:
        html = client.get(reverse(name, kwargs=kwargs), params).content.decode()
        assert "<svg onload" not in html, name
        assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in html, name
        tree = lxml_html.fromstring(html)
        assert tree.xpath("//*[@onload]") == [], name
        # The payload is text inside the charts: as a row label, group heading or legend.
        in_charts = [
            t for svg in tree.xpath("//svg") for t in svg.xpath(".//*[local-name()='text']")
        ]
        assert "44021" in kwargs.values() or any(text(t) == PAYLOAD for t in in_charts), name
    desc = lxml_html.fromstring(
        client.get(reverse("benchmark-pair", args=[QUESTIONNAIRE, "41002"])).content.decode()
    ).xpath("//svg/desc")[0]
    assert PAYLOAD in text(desc)


def test_marks_written_by_tags_are_escaped_and_use_plain_numbers(client, db):
    from tandem.benchmark.templatetags.benchmark_tables import ranking_table_rows
    from tandem.web.templatetags.chart_marks import heatmap_cells, heatmap_labels, number_cells

    chart = charts.heatmap([PAYLOAD], ["<b>"], [[None]], [1], SCALE, groups=["<i>"])
    chart.cells[0].text = "<x>"  # never a number in practice; escaped all the same
    marks = heatmap_cells(chart) + heatmap_labels(chart)
    assert "<svg" not in marks and "<x>" not in marks and "<i>" not in marks
    assert "&lt;x&gt;" in marks and "&quot;&gt;&lt;svg onload=alert(1)&gt;" in marks
    assert 'stroke-dasharray="3 2"' in marks  # the unanswered cell is outlined
    assert number_cells([1234, None, 2.5]) == (
        '<td class="total">1.234</td><td class="total">—</td><td class="total">2,5</td>'
    )

    class Row:
        name = PAYLOAD

    assert "&lt;svg" in ranking_table_rows([("1", Row(), "3")])
    # Coordinates are written with a dot in every language (the page in Dutch uses commas).
    client.cookies["tandem_language"] = "nl"
    html = client.get(reverse("benchmark", args=[QUESTIONNAIRE])).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    import re

    assert re.search(r'<rect x="\d+\.\d" y="\d+\.\d" width="56\.0"', svg)
    assert not re.search(r'(?:x|y|width|height)="\d+,\d', svg)
