"""The count bars of the findings: each bar's length is its count over the largest, its number
written beside it, its category before it (shortened in the chart only)."""

from tandem.web.charts import count_bars


def test_bars_scale_to_the_largest_count_and_carry_their_numbers():
    chart = count_bars([("Schaal", 4), ("Regelgeving van hogerhand", 1), ("Leeg", 0)], 200)
    assert [bar.width for bar in chart.bars] == [200, 50, 0]
    assert [bar.text for bar in chart.bars] == ["4", "1", "0"]
    assert [bar.label.text for bar in chart.bars] == [
        "Schaal",
        "Regelgeving van hogerhand",
        "Leeg",
    ]
    assert all(bar.text_x == chart.left + bar.width + 6 for bar in chart.bars)
    assert chart.bars[1].y - chart.bars[0].y == 22


def test_no_category_draws_an_empty_chart():
    chart = count_bars([])
    assert chart.bars == [] and chart.height == 12
