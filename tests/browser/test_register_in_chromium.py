"""The synergy register and the annual report in headless Chromium: no axe-core WCAG A/AA
violation on its pages in Dutch and French, a screenshot of the report page, an editor who adds a
synergy without JavaScript, and S9: a script payload in every free-text field shows as text."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tandem.accounts.models import PairRole
from tandem.synergies.models import ApprovedReport, FocusGroup, Measure, Meeting, Synergy
from tests import factories
from tests.browser.layout import page_widths
from tests.browser.test_pages_in_chromium import AXE_OPTIONS, format_violations, html_lang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sippelberg-2023!"
PAYLOAD = '"><svg onload=alert(1)>'
REGISTER = "/pairs/21012/register/"


def _editor():
    user = factories.user(username="secretaris@molenbeek.brussels", password=PASSWORD)
    pair = factories.pair("21012")
    factories.pair_role(user=user, pair=pair, role=PairRole.Role.EDITOR)
    return user, pair


def _login(page):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "secretaris@molenbeek.brussels")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_register_and_report_pages_have_no_wcag_violations(
    site, new_context, language, results_dir
):
    _, pair = _editor()
    synergy = Synergy.objects.filter(pair=pair).first()
    meeting = Meeting.objects.filter(pair=pair).first()
    group = FocusGroup.objects.filter(pair=pair).first()
    pages = [
        "/pairs/",
        REGISTER,
        f"{REGISTER}synergy/{synergy.pk}/",
        f"{REGISTER}meeting/{meeting.pk}/",
        f"{REGISTER}focus-group/{group.pk}/",
        f"{REGISTER}measure/new/",
        f"{REGISTER}history/",
        f"{REGISTER}import/",
        f"{REGISTER}people/",
        f"/pairs/21012/reports/2023/{language}/",
    ]
    page = new_context(language).new_page()
    _login(page)
    axe = Axe()
    failures = {}
    for path in pages:
        page.goto(path)
        assert html_lang(page) == language, path
        result = axe.run(page, options=AXE_OPTIONS)
        if result.response["violations"]:
            failures[path] = format_violations(result.response["violations"])
        assert result.response["passes"], path
    # The approval's question (issue 16.6), reached by keyboard from the report page's form,
    # and its error summary for a date that does not exist.
    page.goto(f"/pairs/21012/reports/2023/{language}/")
    page.locator("#id_decision_date").fill("30/01/2024")
    page.locator("#id_decision_date").press("Enter")
    page.wait_for_selector("button[value=confirm]")
    assert ApprovedReport.objects.filter(pair=pair).count() == 0  # asking approves nothing
    for label in ("question", "error"):
        result = axe.run(page, options=AXE_OPTIONS)
        if result.response["violations"]:
            failures[f"approve {label}"] = format_violations(result.response["violations"])
        page.goto(f"/pairs/21012/reports/2023/{language}/")
        page.locator("#id_decision_date").fill("31/02/2024")
        page.locator("#id_decision_date").press("Enter")
        page.wait_for_selector("#error-summary")
    assert not failures, "\n".join(f"{language} {p}:\n{text}" for p, text in failures.items())
    page.goto(f"/pairs/21012/reports/2023/{language}/")
    page.screenshot(path=str(results_dir / f"synergy-report-page-{language}.png"), full_page=False)


def test_an_editor_adds_a_synergy_without_javascript(site, new_context):
    _editor()
    page = new_context("nl", java_script_enabled=False).new_page()
    _login(page)
    page.goto(f"{REGISTER}synergy/new/")
    page.select_option("select[name=domain]", label="Informatica")
    page.fill("input[name=title_nl]", "Gedeelde functionaris voor gegevensbescherming")
    page.fill("textarea[name=description_nl]", "Mijn tekst blijft staan")
    page.fill("input[name=expected_savings]", "6,5,0")  # not an amount: the form comes back
    page.fill("input[name=start_year]", "2022")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("textarea[name=description_nl]")).to_have_value("Mijn tekst blijft staan")
    expect(page.locator("#id_expected_savings_error")).to_be_visible()
    page.fill("input[name=expected_savings]", "6.500")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("h1")).to_contain_text("Synergieregister")
    synergy = Synergy.objects.get(title_nl="Gedeelde functionaris voor gegevensbescherming")
    assert str(synergy.expected_savings) == "6500.00"


def test_payloads_in_register_text_show_as_text_on_every_page(site, new_context):
    """S9 in the browser: no dialog opens on any register or report page."""
    _, pair = _editor()
    synergy = Synergy.objects.filter(pair=pair).first()
    for field in (
        "title_nl",
        "title_fr",
        "description_nl",
        "partner_names",
        "savings_basis",
        "qualitative_gains",
        "owner_municipality",
        "owner_ocmw",
        "instrument_reference",
    ):
        setattr(synergy, field, f"{field} {PAYLOAD}")
    synergy.save()
    meeting = Meeting.objects.filter(pair=pair).first()
    for field in ("title_nl", "participants", "agenda_nl", "decisions_nl"):
        setattr(meeting, field, f"{field} {PAYLOAD}")
    meeting.save()
    measure = Measure.objects.filter(pair=pair).first()
    measure.title_nl, measure.owner = f"maatregel {PAYLOAD}", f"eigenaar {PAYLOAD}"
    measure.save()
    group = FocusGroup.objects.filter(pair=pair).first()
    group.service, group.contact_ocmw = f"dienst {PAYLOAD}", f"contact {PAYLOAD}"
    group.save()
    page = new_context("nl").new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _login(page)
    for path in (
        REGISTER,
        f"{REGISTER}synergy/{synergy.pk}/",
        f"{REGISTER}meeting/{meeting.pk}/",
        f"{REGISTER}measure/{measure.pk}/",
        f"{REGISTER}focus-group/{group.pk}/",
        f"{REGISTER}history/",
        "/pairs/21012/reports/2023/nl/",
        "/pairs/21012/reports/2023/fr/",
    ):
        page.goto(path)
        assert page.locator("svg[onload]").count() == 0, path
        assert PAYLOAD in page.locator("main").inner_text(), path
    assert dialogs == []


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_register_fits_a_390_px_screen(site, new_context, language):
    """Walking the register at 390 px (a new pair's, its tables empty) showed its four tables
    pushing the whole page sideways; each table scrolls in its own region instead."""
    _editor()
    page = new_context(language, viewport={"width": 390, "height": 844}).new_page()
    _login(page)
    page.goto(REGISTER)
    widths = page_widths(page)
    assert widths[0] <= widths[1], f"the register scrolls sideways: {widths}"
    result = Axe().run(page, options=AXE_OPTIONS)
    assert not result.response["violations"], format_violations(result.response["violations"])
