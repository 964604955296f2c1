"""The trajectory's organisation scan (issue 18.1) in headless Chromium: an editor records an
interview and writes a perspective's picture in Dutch and in French, with and without
JavaScript, by keyboard; a form with a mistake comes back with what was typed; no axe-core WCAG
A/AA violation on its pages; the pages fit a 390 px phone; a script payload shows as text."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tandem.accounts.models import PairRole
from tandem.trajectory.models import Interview, ScanPicture
from tests import factories
from tests.browser.layout import page_widths
from tests.browser.test_pages_in_chromium import AXE_OPTIONS, format_violations, html_lang

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Kaai-van-Aalst-2026!"
PAYLOAD = '"><svg onload=alert(1)>'
TRAJECTORY = "/pairs/41002/trajectory/"


def _editor():
    user = factories.user(username="directeur@aalst.be", password=PASSWORD)
    factories.pair_role(user=user, pair="41002", role=PairRole.Role.EDITOR)
    return user


def _login(page):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "directeur@aalst.be")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element `selector` names has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector({selector!r})"):
            return
    raise AssertionError(f"{selector} not reached by keyboard")


@pytest.mark.parametrize(("language", "javascript"), [("nl", True), ("fr", False)])
def test_an_editor_records_an_interview_and_writes_a_picture(
    site, new_context, language, javascript, results_dir
):
    _editor()
    page = new_context(language, java_script_enabled=javascript).new_page()
    _login(page)
    page.goto(TRAJECTORY)
    assert html_lang(page) == language
    _tab_to(page, "a[href$='/trajectory/interviews/new/']")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.fill("input[name=held_on]", "12/03/2026")
    page.fill("input[name=role]", "financieel directeur")
    page.select_option("select[name=administration]", "welfare_centre")
    page.check("input[name=perspectives][value=financial]")
    page.fill("textarea[name=support]", f"Het college wil samenwerken {PAYLOAD}")
    # The witness is missing: the form comes back with an error summary and what was typed.
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("textarea[name=support]")).to_have_value(
        f"Het college wil samenwerken {PAYLOAD}"
    )
    page.fill("input[name=witness]", "An Peeters")
    page.locator("input[name=witness]").press("Enter")
    page.wait_for_url(f"**{TRAJECTORY}")
    assert Interview.objects.get(
        trajectory__pair__municipality__refnis="41002", witness="An Peeters"
    ).perspectives == ["financial"]
    page.goto(f"{TRAJECTORY}scan/financial/")
    expect(page.locator("main")).to_contain_text(f"Het college wil samenwerken {PAYLOAD}")
    page.fill("textarea[name=text]", "Twee diensten, één ambitie.")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{TRAJECTORY}")
    assert (
        ScanPicture.objects.get(
            trajectory__pair__municipality__refnis="41002", perspective="financial"
        ).text
        == "Twee diensten, één ambitie."
    )
    expect(page.locator("main")).to_contain_text("Twee diensten, één ambitie.")
    page.screenshot(path=str(results_dir / f"trajectory-{language}.png"), full_page=True)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_scan_pages_have_no_wcag_violations_and_fit_a_phone(site, new_context, language):
    _editor()
    factories.pair_role(
        user=factories.user(username="lezer"), pair="41002", role=PairRole.Role.READER
    )
    page = new_context(language).new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _login(page)
    page.goto(f"{TRAJECTORY}interviews/new/")
    page.fill("input[name=held_on]", "12/03/2026")
    page.fill("input[name=witness]", f"Getuige {PAYLOAD}")
    page.fill("input[name=role]", "OCMW-voorzitter")
    page.select_option("select[name=administration]", "both")
    page.check("input[name=perspectives][value=strategic]")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{TRAJECTORY}")
    interview = Interview.objects.get(trajectory__pair__municipality__refnis="41002")
    paths = [
        TRAJECTORY,
        f"{TRAJECTORY}interviews/new/",
        f"{TRAJECTORY}interviews/{interview.pk}/",
        f"{TRAJECTORY}scan/strategic/",
        f"{TRAJECTORY}dossiers/leningen/",
        f"{TRAJECTORY}own-dossiers/new/",
        f"{TRAJECTORY}target/",
        f"{TRAJECTORY}phases/new/",
        f"{TRAJECTORY}print/",
        f"{TRAJECTORY}history/",
    ]
    axe, failures = Axe(), {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            page.goto(path)
            assert html_lang(page) == language, path
            widths = page_widths(page)
            assert widths[0] <= widths[1], (path, width, widths)
            if width == 1280:
                result = axe.run(page, options=AXE_OPTIONS)
                if result.response["violations"]:
                    failures[path] = format_violations(result.response["violations"])
    assert not failures, "\n".join(f"{language} {p}:\n{text}" for p, text in failures.items())
    assert not dialogs
