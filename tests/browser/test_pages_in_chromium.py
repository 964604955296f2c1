"""Tandem's pages as a visitor meets them: headless Chromium through Playwright, on the live server.

What the HTTP-level tests cannot show: the language switcher remembered by the browser, a full-page
screenshot of a matrix, axe-core's WCAG 2.0/2.1 A and AA rules on the rendered pages in Dutch,
French and English, keyboard use (skip link, tab order, operable controls, visible focus), htmx
swapping the matrix in place with JavaScript and the same form working without it, and scores
that never rely on colour alone.
"""

import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tandem.catalogue.models import Aspect, DegreeLevel

pytestmark = pytest.mark.browser

CAMPAIGN = "/campaigns/centrumsteden-2010/"
MATRIX = CAMPAIGN + "domains/{}/"
FINANCIAL = MATRIX.format("financieel")
PAIR = CAMPAIGN + "pairs/41002/"  # Aalst
CITIES = 13  # the demo campaign's central cities
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_A_AA}}

PAGES = [
    "/",
    CAMPAIGN,
    FINANCIAL,
    MATRIX.format("personeel") + "?aspects=all",
    MATRIX.format("ict") + "?aspects=other&sort=total",
    PAIR,
    "/governance/",
    "/accessibility/",
]
MATRIX_PAGES = [p for p in PAGES if "/domains/" in p]


# The contrast ratio (WCAG 2.x) of two computed colours ("rgb(r, g, b)").
RATIO_JS = """(one, other) => {
    const rgb = value => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const luminance = ([r, g, b]) => {
        const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const [a, b] = [rgb(one), rgb(other)].map(luminance);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""
# ... of an element's text colour and its own background colour.
CONTRAST_JS = (
    "element => { const s = getComputedStyle(element); return ("
    + RATIO_JS
    + ")(s.color, s.backgroundColor); }"
)
# The focused element's outline, and its lowest contrast with what lies just outside it, left,
# right, above and below (WCAG 1.4.11 asks 3:1 for what shows a component's state): at each point,
# the first opaque background walking up from the element painted there.
FOCUS_RING_JS = (
    """() => {
    const ratio = """
    + RATIO_JS
    + """;
    const focused = document.activeElement, s = getComputedStyle(focused);
    const width = parseFloat(s.outlineWidth) || 0, offset = parseFloat(s.outlineOffset) || 0;
    const box = focused.getBoundingClientRect(), gap = offset + width + 1;
    const middle = [(box.left + box.right) / 2, (box.top + box.bottom) / 2];
    const points = [[box.left - gap, middle[1]], [box.right + gap, middle[1]],
                    [middle[0], box.top - gap], [middle[0], box.bottom + gap]];
    const around = [];
    for (const [x, y] of points) {
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
        const under = document.elementsFromPoint(x, y).find(e => !focused.contains(e));
        let behind = 'rgb(255, 255, 255)';
        for (let e = under; e; e = e.parentElement) {
            const colour = getComputedStyle(e).backgroundColor;
            if (colour !== 'transparent' && !/, 0\\)$/.test(colour)) { behind = colour; break; }
        }
        around.push(behind);
    }
    return {style: s.outlineStyle, width, colour: s.outlineColor, around,
            contrast: Math.min(...around.map(c => ratio(s.outlineColor, c)))};
}"""
)

# --- helpers ------------------------------------------------------------------------------------


def html_lang(page):
    return page.locator("html").get_attribute("lang")


def matrix_table(page):
    return page.locator("table.matrix")


def column_headers(page):
    return matrix_table(page).locator("thead th[scope='col']")


def city_rows(page):
    return matrix_table(page).locator("tbody tr")


def city_totals(page):
    """Each city's total (last cell of its row), None where nothing was answered."""
    texts = city_rows(page).locator("td.total").all_inner_texts()
    return [None if t.strip() == "—" else int(t) for t in texts]


def expected_columns(domain_slug, aspect_set):
    aspects = Aspect.objects.filter(
        domain__slug=domain_slug, domain__framework__slug="management-2010"
    )
    if aspect_set == "predefined":
        aspects = aspects.filter(origin=Aspect.Origin.PREDEFINED)
    elif aspect_set == "other":
        aspects = aspects.exclude(origin=Aspect.Origin.PREDEFINED)
    return aspects.count() + 2  # + the city header and the city's total


def active(page):
    """A short description of the focused element: tag, name/value or class, and its text."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            if (!e) return null;
            return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className,
                    name: e.getAttribute('name'), value: e.getAttribute('value'),
                    type: e.getAttribute('type'), checked: !!e.checked,
                    text: (e.innerText || '').trim().slice(0, 60)};
        }"""
    )


def tab_until(page, predicate, limit=60, key="Tab"):
    """Press Tab until the focused element satisfies predicate; the elements passed on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        element = active(page)
        seen.append(element)
        if element and predicate(element):
            return seen
    raise AssertionError(f"not reached with {limit} x {key}; focus went through {seen}")


def assert_focus_visible(page):
    """The focused element has a solid ring of at least 2px that stands out (3:1) from its
    surroundings."""
    ring = page.evaluate(FOCUS_RING_JS)
    assert ring["style"] not in ("none", "hidden") and ring["width"] >= 2, (active(page), ring)
    assert ring["contrast"] >= 3, (active(page), ring)


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(
                f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return "\n".join(lines)


def wait_for_htmx(page):
    page.wait_for_function("() => window.htmx !== undefined && document.readyState === 'complete'")


def htmx_swap(page, query, action):
    """Do action, which should make htmx fetch a URL containing query; return once the new
    content has settled. htmx wires up swapped-in elements only when they settle (20 ms after the
    swap): a change made before that would go unnoticed, by a test if not by a person."""
    page.evaluate(
        """() => { window.tandemSettled = new Promise(settled =>
            document.body.addEventListener('htmx:afterSettle', settled, {once: true})); }"""
    )
    with page.expect_response(lambda r: query in r.url) as response:
        action()
    page.evaluate("() => window.tandemSettled.then(() => true)")
    return response.value


# --- 1. the French flow, with a screenshot ------------------------------------------------------


def test_french_flow_to_a_matrix_with_screenshot(new_context, results_dir):
    context = new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()

    page.goto("/")
    assert html_lang(page) == "nl"  # Dutch until someone picks another language
    expect(page.locator("h1")).to_have_text("Samenwerking tussen gemeente en OCMW")
    expect(page.get_by_role("button", name="Nederlands")).to_have_attribute("aria-current", "true")

    with page.expect_navigation():  # a POST to set_language, redirected back here
        page.get_by_role("button", name="Français").click()
    assert html_lang(page) == "fr"
    assert urlparse(page.url).path == "/"  # back on the page where the button was
    expect(page.locator("h1")).to_have_text("Coopération entre commune et CPAS")
    expect(page.get_by_role("button", name="Français")).to_have_attribute("aria-current", "true")
    expect(page.locator(".site-header nav")).to_contain_text("Campagnes")

    page.get_by_role("link", name="Coopération de gestion dans les villes-centres 2010").click()
    expect(page).to_have_url(re.compile(re.escape(CAMPAIGN) + "$"))
    expect(page.locator("h1")).to_have_text("Coopération de gestion dans les villes-centres 2010")

    page.locator("main").get_by_role("link", name="Gestion financière", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(FINANCIAL) + "$"))
    assert html_lang(page) == "fr"
    expect(page).to_have_title(re.compile("^Gestion financière"))

    table = matrix_table(page)
    expect(table).to_be_visible()
    expect(table.locator("caption")).to_contain_text("Gestion financière")
    headers = column_headers(page)
    expect(headers).to_have_count(expected_columns("financieel", "predefined"))
    expect(headers.first).to_have_text("Ville")
    expect(headers.nth(1)).to_contain_text("Emprunts")  # the first aspect: Leningen
    expect(city_rows(page)).to_have_count(CITIES)
    expect(city_rows(page).locator("th[scope='row']").first).to_be_visible()
    expect(city_rows(page).locator("th[scope='row']", has_text="Alost")).to_have_count(1)
    legend = page.locator(".legend")
    expect(legend).to_be_visible()
    expect(legend.locator(".legend-title")).to_have_text("Légende")
    expect(legend).to_contain_text("2 = coopération formelle")

    screenshot = results_dir / "matrix-financieel-fr.png"
    screenshot.unlink(missing_ok=True)
    page.screenshot(path=screenshot, full_page=True)
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 30_000, len(data)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 1400 and height > 900  # the whole page, taller than the window

    # The choice is remembered: a cookie, then French on a fresh page of the same browser.
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert cookies.get("tandem_language") == "fr"
    other = context.new_page()
    other.goto("/governance/")
    assert html_lang(other) == "fr"
    expect(other.locator("h1")).to_have_text("Aperçu de la gouvernance")
    page.reload()
    assert html_lang(page) == "fr"
    expect(page.locator("h1")).to_contain_text("Gestion financière")


# --- 2. axe-core: WCAG 2.0/2.1 A and AA ---------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "pages"), [("nl", PAGES), ("fr", PAGES), ("en", MATRIX_PAGES)]
)
def test_no_wcag_a_or_aa_violations(new_context, language, pages):
    page = new_context(language).new_page()
    axe = Axe()
    failures = {}
    for path in pages:
        page.goto(path)
        assert html_lang(page) == language, path
        result = axe.run(page, options=AXE_OPTIONS)
        violations = result.response["violations"]
        if violations:
            failures[path] = format_violations(violations)
        # axe did run its rules: the page passed some of them
        assert result.response["passes"], path
    assert not failures, "\n".join(f"{language} {p}:\n{text}" for p, text in failures.items())


# --- 3. keyboard --------------------------------------------------------------------------------


def test_skip_link_and_visible_focus(new_context):
    page = new_context().new_page()
    page.goto(FINANCIAL)
    skip = page.locator(".skip-link")
    expect(skip).not_to_be_in_viewport()  # off-screen until focused

    page.keyboard.press("Tab")
    assert active(page)["cls"] == "skip-link"
    expect(skip).to_be_in_viewport()  # shown when focused, off-screen otherwise
    expect(skip).to_have_text("Naar de hoofdinhoud")
    assert_focus_visible(page)

    page.keyboard.press("Enter")
    assert active(page)["id"] == "main"
    assert page.url.endswith("#main")
    # The next Tab continues inside main: the first breadcrumb, with a visible focus ring.
    page.keyboard.press("Tab")
    focused = active(page)
    assert focused["tag"] == "a" and focused["text"] == "Campagnes", focused
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert_focus_visible(page)

    # Buttons show their focus too (the "Show" button of the matrix form).
    tab_until(page, lambda e: e["tag"] == "button" and e["type"] == "submit")
    assert_focus_visible(page)
    # ... and the scrollable table region, which is focusable for keyboard scrolling.
    tab_until(page, lambda e: "table-scroll" in (e["cls"] or ""))
    assert_focus_visible(page)


def test_matrix_controls_operable_by_keyboard(new_context):
    page = new_context().new_page()
    page.goto(FINANCIAL)
    wait_for_htmx(page)
    predefined = expected_columns("financieel", "predefined")
    every = expected_columns("financieel", "all")
    expect(column_headers(page)).to_have_count(predefined)

    # The aspect set: one tab stop for the radio group, arrows to choose.
    tab_until(page, lambda e: e["name"] == "aspects")
    assert active(page)["value"] == "predefined" and active(page)["checked"]
    assert_focus_visible(page)
    htmx_swap(page, "aspects=other", lambda: page.keyboard.press("ArrowRight"))
    expect(page).to_have_url(re.compile(r"aspects=other"))
    expect(column_headers(page)).to_have_count(expected_columns("financieel", "other"))
    # The swap must leave the keyboard user where they were.
    expect(page.locator("input[name=aspects][value=other]")).to_be_focused()
    htmx_swap(page, "aspects=all", lambda: page.keyboard.press("ArrowRight"))
    expect(column_headers(page)).to_have_count(every)
    expect(page.locator("input[name=aspects][value=all]")).to_be_focused()

    # The order: the next tab stop, again operated with the arrows.
    page.keyboard.press("Tab")
    assert active(page)["name"] == "sort" and active(page)["value"] == "name"
    htmx_swap(page, "sort=total", lambda: page.keyboard.press("ArrowDown"))
    expect(page).to_have_url(re.compile(r"aspects=all&sort=total"))
    expect(page.locator("input[name=sort][value=total]")).to_be_focused()
    totals = city_totals(page)
    numbers = [t for t in totals if t is not None]
    assert numbers == sorted(numbers, reverse=True) and len(totals) == CITIES, totals

    # Back to by name with the keyboard, then the "Show" button submits the form.
    htmx_swap(page, "sort=name", lambda: page.keyboard.press("ArrowUp"))
    page.keyboard.press("Tab")
    assert active(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(FINANCIAL + "?aspects=all&sort=name"), page.url
    expect(column_headers(page)).to_have_count(every)
    names = city_rows(page).locator("th[scope='row']").all_inner_texts()
    assert names == sorted(names), names


def test_language_buttons_operable_by_keyboard(new_context):
    page = new_context().new_page()
    page.goto(FINANCIAL + "?aspects=other")
    assert html_lang(page) == "nl"

    passed = tab_until(page, lambda e: e["tag"] == "button" and e["text"] == "Français")
    order = [e["text"] or e["name"] for e in passed]
    assert order.index("Nederlands") < order.index("Français")  # in reading order
    assert_focus_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert html_lang(page) == "fr"
    assert page.url.endswith(FINANCIAL + "?aspects=other"), page.url  # the same page, in French

    tab_until(page, lambda e: e["tag"] == "button" and e["text"] == "English")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert html_lang(page) == "en"
    expect(page.locator("h1")).to_contain_text("Financial management")


# --- 4. htmx with JavaScript, a plain form without ----------------------------------------------


def test_htmx_swaps_the_table_in_place(new_context):
    page = new_context().new_page()
    page.goto(FINANCIAL)
    wait_for_htmx(page)
    page.evaluate("() => { window.tandemMarker = 'still here'; }")
    loads = []  # a full navigation loads a new document; pushState does not
    page.on("domcontentloaded", lambda loaded: loads.append(loaded.url))
    first_city = city_rows(page).first.locator("th").inner_text()
    assert first_city == "Aalst"  # by name

    response = htmx_swap(page, "aspects=all", page.get_by_label("Alle aspecten").check)
    assert response.request.headers.get("hx-request") == "true"
    expect(column_headers(page)).to_have_count(expected_columns("financieel", "all"))
    expect(page).to_have_url(re.compile(re.escape(FINANCIAL) + r"\?aspects=all&sort=name$"))
    expect(page.locator("thead .origin-note").first).to_have_text("bevestigingsronde")

    htmx_swap(page, "sort=total", page.get_by_label("op totaal (hoogste eerst)").check)
    expect(page).to_have_url(re.compile(r"\?aspects=all&sort=total$"))
    totals = [t for t in city_totals(page) if t is not None]
    assert totals == sorted(totals, reverse=True), totals
    expect(city_rows(page).first.locator("th")).not_to_have_text(first_city)

    # Swapped, not reloaded: the page's JavaScript state survived, one region was replaced.
    assert page.evaluate("() => window.tandemMarker") == "still here"
    expect(page.locator("table.matrix")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator(".legend")).to_have_count(1)
    assert loads == [], loads
    # The domain tabs were replaced too (out of band): they carry the chosen aspects and sort.
    expect(page.locator("#domain-tabs")).to_have_count(1)
    personnel = page.locator("#domain-tabs a").nth(1)
    expect(personnel).to_have_attribute("href", re.compile(r"/personeel/\?aspects=all&sort=total$"))
    # The swapped page is as accessible as a loaded one.
    result = Axe().run(page, options=AXE_OPTIONS)
    assert not result.response["violations"], format_violations(result.response["violations"])

    # Back restores the previous state of the table.
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?aspects=all&sort=name$"))
    expect(column_headers(page)).to_have_count(expected_columns("financieel", "all"))


def test_without_javascript_the_form_submits(new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(FINANCIAL)
    assert page.evaluate("() => window.htmx") is None  # the page's scripts do not run
    expect(column_headers(page)).to_have_count(expected_columns("financieel", "predefined"))

    # Choosing alone changes nothing without JavaScript ...
    page.get_by_label("Andere aspecten (bevestigingsronde)").check()
    page.get_by_label("op totaal (hoogste eerst)").check()
    assert page.url.endswith(FINANCIAL)
    # ... the "Show" button submits the form and the page shows the new table.
    with page.expect_navigation():
        page.get_by_role("button", name="Tonen").click()
    assert page.url.endswith(FINANCIAL + "?aspects=other&sort=total"), page.url
    expect(column_headers(page)).to_have_count(expected_columns("financieel", "other"))
    expect(page.locator("input[name=aspects][value=other]")).to_be_checked()
    expect(page.locator("input[name=sort][value=total]")).to_be_checked()
    totals = [t for t in city_totals(page) if t is not None]
    assert totals == sorted(totals, reverse=True), totals
    expect(city_rows(page)).to_have_count(CITIES)

    # With the keyboard: Enter in a radio group submits the form (implicit submission).
    page.get_by_label("Alle aspecten").check()
    page.get_by_label("Alle aspecten").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(FINANCIAL + "?aspects=all&sort=total"), page.url
    expect(column_headers(page)).to_have_count(expected_columns("financieel", "all"))

    # The domain tabs keep the choice.
    page.get_by_role("link", name="2. Personeelsmanagement").click()
    assert "/domains/personeel/?aspects=all&sort=total" in page.url
    expect(column_headers(page)).to_have_count(expected_columns("personeel", "all"))


# --- 5. colour is not the only signal -----------------------------------------------------------


def test_scores_show_text_and_the_legend_lists_the_degrees(new_context):
    degrees = list(DegreeLevel.objects.order_by("value"))
    assert [d.value for d in degrees] == [0, 1, 2]
    symbols = {d.symbol: d.value for d in degrees}
    page = new_context().new_page()
    backgrounds = {}
    for path in (MATRIX.format("financieel") + "?aspects=all", PAIR):
        page.goto(path)
        cells = page.locator("td.score")
        assert cells.count() > 0, path
        seen = cells.evaluate_all(
            """cells => cells.map(c => ({
                text: c.innerText.trim(), cls: c.className,
                symbol: (c.querySelector('.symbol') || {}).textContent || null,
                background: getComputedStyle(c).backgroundColor,
                contrast: ("""
            + CONTRAST_JS
            + """)(c)}))"""
        )
        # axe leaves these cells "incomplete" (too little text to judge), so check them here:
        # bold 16px text is not large text, WCAG 1.4.3 asks 4.5:1.
        low = [c for c in seen if c["contrast"] < 4.5]
        assert not low, low[:5]
        for cell in seen:
            if "deg-none" in cell["cls"]:
                assert cell["text"].startswith("—") and "niet beantwoord" in cell["text"], cell
                continue
            value = int(re.search(r"deg-(\d)", cell["cls"]).group(1))
            match = re.search(r"(?<!\d)([012])(?!\d)", cell["text"])
            assert match and int(match.group(1)) == value, cell  # the score is written out
            assert symbols[cell["symbol"]] == value, cell  # and its symbol matches
            backgrounds.setdefault(value, set()).add(cell["background"])
        assert {c["cls"].split()[-1] for c in seen} >= {"deg-0", "deg-1", "deg-2"}, path

    # One colour per degree, all different: colour adds to the text, never replaces it.
    assert all(len(colours) == 1 for colours in backgrounds.values()), backgrounds
    assert len({next(iter(c)) for c in backgrounds.values()}) == 3, backgrounds

    swatches = page.locator(".legend .swatch").evaluate_all(
        "els => els.map(e => [e.textContent, (" + CONTRAST_JS + ")(e)])"
    )
    assert len(swatches) == 4 and all(ratio >= 4.5 for _, ratio in swatches), swatches
    legend = page.locator(".legend li")
    expect(legend).to_have_count(4)  # three degrees and "not answered"
    for item, degree in zip(legend.all()[:3], degrees, strict=True):
        expect(item).to_contain_text(f"{degree.value} = {degree.label}")
        expect(item.locator(".swatch")).to_contain_text(degree.symbol)
    expect(legend.nth(3)).to_contain_text("niet beantwoord")
