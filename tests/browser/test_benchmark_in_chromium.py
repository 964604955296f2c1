"""The benchmark pages in headless Chromium: no axe-core WCAG A/AA violations in Dutch and
French, the charts beside their tables, and the filter form working with htmx and without."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.layout import page_widths
from tests.browser.test_pages_in_chromium import AXE_OPTIONS, format_violations, htmx_swap

pytestmark = pytest.mark.browser

BENCHMARK = "/campaigns/centrumsteden-2010/benchmark/"
PAGES = [
    BENCHMARK,
    BENCHMARK + "?group=province&rank=ict",
    BENCHMARK + "pairs/41002/",
    BENCHMARK + "pairs/44021/?province=40000",
    BENCHMARK + "trends/?domain=financieel&aspect=thesaurie",
    "/campaigns/financieel-2012/benchmark/?group=peer_group",
    "/campaigns/financieel-2012/benchmark/pairs/41002/",
]


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_no_wcag_a_or_aa_violations_on_the_benchmark_pages(new_context, language):
    page = new_context(language).new_page()
    axe = Axe()
    failures = {}
    for path in PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language, path
        result = axe.run(page, options=AXE_OPTIONS)
        if result.response["violations"]:
            failures[path] = format_violations(result.response["violations"])
        assert result.response["passes"], path
    assert not failures, "\n".join(f"{language} {p}:\n{text}" for p, text in failures.items())


def test_charts_are_drawn_beside_their_visible_tables(new_context):
    page = new_context(viewport={"width": 1400, "height": 900}).new_page()
    page.goto(BENCHMARK)
    for chart, table in (
        ("svg.chart-heatmap", "#heatmap-table"),
        ("svg.chart-histogram", "#histogram-table"),
    ):
        expect(page.locator(chart)).to_be_visible()
        expect(page.locator(table)).to_be_visible()
        box = page.locator(chart).bounding_box()
        assert box["width"] > 200 and box["height"] > 100, (chart, box)
    expect(page.locator("#heatmap-table tbody tr")).to_have_count(13)
    page.goto(BENCHMARK + "pairs/41002/")
    expect(page.locator("svg.chart-bars")).to_be_visible()
    expect(page.locator("#profile-table")).to_be_visible()


def test_the_filter_swaps_the_results_with_htmx_and_works_without(new_context):
    page = new_context(language="nl").new_page()
    page.goto(BENCHMARK)
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")
    page.evaluate("() => { window.tandemMarker = 'still here'; }")
    page.select_option("#id_province", "30000")
    htmx_swap(page, "province=30000", lambda: page.locator("#benchmark-submit").click())
    expect(page).to_have_url(re.compile(r"province=30000"))
    expect(page.locator("#heatmap-table tbody tr")).to_have_count(4)
    assert page.evaluate("() => window.tandemMarker") == "still here"

    plain = new_context(language="nl", java_script_enabled=False).new_page()
    plain.goto(BENCHMARK)
    plain.select_option("#id_province", "30000")
    with plain.expect_navigation():
        plain.locator("#benchmark-submit").click()
    expect(plain.locator("#heatmap-table tbody tr")).to_have_count(4)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_benchmark_pages_fit_a_390_px_screen(new_context, language):
    """Walking the trend page at 390 px (its table grew share columns) showed the whole page
    scrolling sideways: a wide table scrolls inside its own region, never the page (WCAG 1.4.10)."""
    page = new_context(language, viewport={"width": 390, "height": 844}).new_page()
    for path in PAGES + [BENCHMARK + "trends/?domain=financieel&same_pairs=on"]:
        page.goto(path)
        widths = page_widths(page)
        assert widths[0] <= widths[1], f"{path} ({language}) scrolls sideways: {widths}"
