"""The analysis grid in headless Chromium: no axe-core WCAG A/AA violation on the pair grid with
its peer practice, the comparison, a factor matrix and the edit pages, in Dutch and French;
an editor records a desirable entry without JavaScript and a bad form keeps what was typed;
S9: a script payload in an entry shows as text and never runs."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tandem.accounts.models import PairRole
from tandem.grid.models import GridEntry
from tests import factories
from tests.browser.layout import page_widths
from tests.browser.test_pages_in_chromium import AXE_OPTIONS, format_violations, html_lang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Ontvanger-Aalst-2012!"
PAYLOAD = '"><svg onload=alert(1)>'
GRID = "/campaigns/financieel-2012"
AALST = f"{GRID}/pairs/41002/grid"


def _editor():
    user = factories.user(username="ontvanger@aalst.be", password=PASSWORD)
    factories.pair_role(user=user, pair="41002", role=PairRole.Role.EDITOR)
    return user


def _login(page):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "ontvanger@aalst.be")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_grid_pages_have_no_wcag_violations(site, new_context, language, results_dir):
    _editor()
    entry = GridEntry.objects.filter(
        table__participation__pair__municipality__refnis="41002", stage="desirable"
    ).first()
    pages = [
        f"{GRID}/",
        f"{GRID}/grid/",
        f"{GRID}/grid/?stage=desirable&mapping=focusgroepen",
        f"{GRID}/grid/factors/producten/",
        f"{AALST}/",
        f"{AALST}/debiteurenbeheer/",
        f"{AALST}/entries/{entry.pk}/",
        f"{AALST}/entries/new/?domain=financiele-planning&stage=current",
        f"{AALST}/table/",
        f"{AALST}/history/",
        f"{GRID}/grid/factors/planning/pairs/41002/",
        "/pairs/41002/subjects/",  # issue 17.7: the pair across the frameworks
    ]
    page = new_context(language).new_page()
    _login(page)
    axe = Axe()
    failures = {}
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, path
        assert html_lang(page) == language, path
        result = axe.run(page, options=AXE_OPTIONS)
        if result.response["violations"]:
            failures[path] = format_violations(result.response["violations"])
        assert result.response["passes"], path
    page.goto(f"{AALST}/debiteurenbeheer/")
    page.screenshot(path=str(results_dir / f"grid-pair-domain-{language}.png"), full_page=True)
    assert not failures, "\n".join(f"{language} {p}:\n{text}" for p, text in failures.items())


def test_an_editor_records_desirable_cooperation_without_javascript(site, new_context):
    _editor()
    page = new_context("nl", java_script_enabled=False).new_page()
    _login(page)
    page.goto(f"{AALST}/entries/new/?domain=rapportering-analyse&stage=desirable")
    page.fill("textarea[name=way]", "Samen één rapport voor het MAT, elk kwartaal")
    page.fill("input[name=label]", "Kwartaalrapport")
    page.locator("main form button[type=submit]").first.click()
    # No component ticked: the form comes back with the message and the typed text.
    expect(page.locator(".field-error")).to_be_visible()
    expect(page.locator("textarea[name=way]")).to_have_value(
        "Samen één rapport voor het MAT, elk kwartaal"
    )
    page.get_by_label("Financiële rapportering", exact=True).check()
    page.fill("textarea[name=obstacles-0-text]", "verschillende software")
    page.get_by_label("Technisch").first.check()
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_contain_text("Rapportering en analyse")
    expect(page.locator("main")).to_contain_text("Kwartaalrapport")
    entry = GridEntry.objects.get(label="Kwartaalrapport")
    assert [o.text for o in entry.obstacles.all()] == ["verschillende software"]


def test_a_script_payload_in_an_entry_shows_as_text(site, new_context):
    entry = GridEntry.objects.filter(
        table__participation__pair__municipality__refnis="31005",
        domain__slug="debiteurenbeheer",
        stage="current",
    ).first()
    entry.label = entry.way = PAYLOAD
    entry.save()
    page = new_context("nl").new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in (f"{GRID}/pairs/31005/grid/", f"{AALST}/debiteurenbeheer/"):
        page.goto(path)
        expect(page.locator("main")).to_contain_text(PAYLOAD)
        assert page.locator("main svg[onload]").count() == 0
    assert dialogs == []


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_feedback_loop_by_keyboard_without_wcag_violations(site, new_context, language):
    """Issue 17.6: the coordinator sends Aalst's table, the pair's editor answers it, both by
    keyboard; the pair page in each state and the feedback page pass axe."""
    from tandem.campaigns.models import Campaign
    from tandem.grid.models import SynthesisTable

    _editor()
    coordinator = factories.user(username="coordinator@vvsg.be", password=PASSWORD)
    factories.campaign_role(user=coordinator, campaign=Campaign.objects.get(slug="financieel-2012"))
    axe = Axe()
    failures = {}

    def check(page):
        result = axe.run(page, options=AXE_OPTIONS)
        if result.response["violations"]:
            failures[page.url] = format_violations(result.response["violations"])

    page = new_context(language).new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "coordinator@vvsg.be")
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "login" not in url)
    page.goto(f"{AALST}/")
    check(page)
    page.locator("section.feedback form button").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("section.feedback form textarea")).to_be_visible()
    check(page)
    page.goto(f"{GRID}/grid/feedback/")
    check(page)
    table = SynthesisTable.objects.get(participation__pair__municipality__refnis="41002")
    assert table.status == "sent"

    page = new_context(language).new_page()
    _login(page)
    page.goto(f"{AALST}/")
    page.locator("section.feedback textarea").fill("Rij 3 verbeterd")
    page.locator("section.feedback input[type=checkbox]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page)
    table.refresh_from_db()
    assert (table.status, table.answer_note) == ("confirmed", "Rij 3 verbeterd")
    assert not failures, "\n".join(f"{language} {p}:\n{text}" for p, text in failures.items())


def test_the_grid_pages_fit_a_390_px_screen(site, new_context):
    """Walking Gent's planning page at 390 px (issue 17.6) showed the peer-practice tables pushing
    the whole page sideways: a wide table scrolls inside its own region (WCAG 1.4.10)."""
    page = new_context("fr", viewport={"width": 390, "height": 844}).new_page()
    for path in [
        f"{GRID}/pairs/44021/grid/financiele-planning/",
        f"{AALST}/",
        f"{GRID}/grid/",
        "/pairs/41002/subjects/",
    ]:
        page.goto(path)
        widths = page_widths(page)
        assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths}"
