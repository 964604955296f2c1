"""End to end in headless Chromium: a coordinator creates a campaign for two pairs and invites a
respondent; the respondent opens the e-mailed link, sets a password, fills the financial domain
through every branch of the flow (and the other domains), reloads, submits; the coordinator
closes the round and sees the pair in the matrix. Screenshots of each step go to test-results/.
Then axe-core on the questionnaire page in Dutch and French."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission
from django.core import mail
from playwright.sync_api import expect

from tandem.campaigns.models import Campaign, Response, Submission
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Groene-Kaai-2026!"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _login(page, username, password):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    page.wait_for_load_state()


def _coordinator():
    user = factories.user(username="coordinator@vvsg.be", password=PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="add_campaign"))
    return user


def _row(page, key):
    return page.locator(f"#row-{key}")


def _choose_degree(page, key, degree, autosave=True):
    """Click a degree and, with JavaScript, wait for its autosave: the answer swaps in the
    follow-up questions, which moves the rows below (a click during the move could miss)."""
    radio = _row(page, key).locator(f"input[name='{key}-degree'][value='{degree}']")
    if not autosave:
        radio.check()
        return
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        radio.check()
    page.wait_for_timeout(50)  # htmx settles the swap 20 ms after the response


def _saved(page, key):
    expect(page.locator(f"#status-{key}")).to_contain_text(re.compile(r"\d{1,2}/\d{1,2}/\d{4}"))


def test_coordinator_to_respondent_to_matrix(site, new_context, results_dir):
    _coordinator()
    aalst = factories.pair("41002")
    brugge = factories.pair("31005")

    # 1. The coordinator creates the campaign, picks two pairs, opens round 1, invites.
    coordinator = new_context("nl").new_page()
    _login(coordinator, "coordinator@vvsg.be", PASSWORD)
    coordinator.goto("/campaigns/new/")
    coordinator.fill("#id_name_nl", "Samenwerking 2026")
    coordinator.fill("#id_slug", "samenwerking-2026")
    framework = factories.framework()
    coordinator.select_option("#id_framework", str(framework.pk))
    coordinator.fill("#id_year", "2026")
    coordinator.get_by_role("button", name="Bevraging aanmaken").click()
    expect(coordinator.locator("h1")).to_contain_text("Bestuursparen")
    coordinator.fill("#id_pairs", f"{aalst.refnis}, {brugge.refnis}")  # the search's code list
    coordinator.locator("#id_pairs").press("Enter")
    expect(coordinator.locator("#pair-count")).to_contain_text("2 bestuursparen gevonden")
    coordinator.screenshot(path=results_dir / "inventory-1-pairs.png", full_page=True)
    coordinator.get_by_role("button", name="Alle 2 gevonden bestuursparen toevoegen").click()
    expect(coordinator.locator("table caption").first).to_contain_text("Deelnemende bestuursparen")
    coordinator.goto("/campaigns/samenwerking-2026/manage/")
    coordinator.get_by_role("link", name="Ronde openen…").click()  # asks first (issue 16.6)
    expect(coordinator.locator("main")).to_contain_text("2 bestuursparen kunnen vanaf vandaag")
    coordinator.get_by_role("button", name="Ronde openen").click()
    expect(coordinator.locator(".messages")).to_contain_text(
        "Ronde 1 is geopend: 2 bestuursparen kunnen antwoorden."
    )
    coordinator.select_option("#id_pair", str(aalst.pk))
    coordinator.select_option("#id_administration", "ocmw")
    coordinator.fill("#id_name", "An Peeters")
    coordinator.fill("#id_email", "an.peeters@aalst.be")
    coordinator.get_by_role("button", name="Uitnodiging versturen").click()
    expect(coordinator.locator(".messages")).to_contain_text("an.peeters@aalst.be")
    coordinator.screenshot(path=results_dir / "inventory-2-invited.png", full_page=True)

    # 2. The respondent opens the e-mailed link and sets a password.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/invitations/[^\s/]+/", mail.outbox[0].body).group(0)
    respondent_context = new_context("nl")
    respondent = respondent_context.new_page()
    respondent.goto(link)
    respondent.fill("#id_password1", PASSWORD)
    respondent.fill("#id_password2", PASSWORD)
    respondent.screenshot(path=results_dir / "inventory-3-password.png", full_page=True)
    respondent.get_by_role("button", name="Wachtwoord kiezen en beginnen").click()
    expect(respondent.locator("h1")).to_contain_text("Mijn werk")
    respondent.get_by_role("link", name="Verder met de vragenlijst").click()
    expect(respondent.locator("h1")).to_contain_text("Vragenlijst Aalst")

    # 3. The financial domain through each branch, saved as typed (htmx).
    campaign = Campaign.objects.get(slug="samenwerking-2026")
    financieel = campaign.framework.domains.get(slug="financieel")
    aspects = list(financieel.aspects.filter(origin="predefined").order_by("order"))
    keys = [f"a{a.pk}" for a in aspects]
    respondent.goto("/campaigns/samenwerking-2026/pairs/41002/questionnaire/financieel/")
    none_key, informal_key, formal_key = keys[:3]
    _choose_degree(respondent, none_key, 0)
    _row(respondent, none_key).locator(f"input[name='{none_key}-desirable'][value='yes']").check()
    _row(respondent, none_key).locator(f"#id_{none_key}-desirable_reasons").fill("Schaalvoordelen")
    _choose_degree(respondent, informal_key, 1)
    _row(respondent, informal_key).locator(
        f"input[name='{informal_key}-formal_desirable'][value='no']"
    ).check()
    _choose_degree(respondent, formal_key, 2)
    _row(respondent, formal_key).locator(f"#id_{formal_key}-obstacles").fill("Aparte boekhouding")
    for key in keys[3:]:
        _choose_degree(respondent, key, 2)
        _saved(respondent, key)
    for key in keys:
        _saved(respondent, key)
    expect(_row(respondent, formal_key).locator(f"#id_{formal_key}-desirable")).to_have_count(0)
    respondent.screenshot(path=results_dir / "inventory-4-financial.png", full_page=True)

    # An own 'Andere (specifieer)' row, answered too.
    respondent.fill("#id_label", "Budgetopvolging")
    respondent.get_by_role("button", name="Dit aspect toevoegen").click()
    own = respondent.locator("fieldset.answer-row", has_text="Budgetopvolging")
    own.locator("input[name$='-degree'][value='1']").check()
    own.locator("input[name$='-formal_desirable'][value='yes']").check()
    expect(own.locator(".row-status")).to_contain_text(re.compile(r"\d{1,2}/\d{1,2}/\d{4}"))

    # 4. Reload: everything is still there.
    respondent.reload()
    expect(_row(respondent, none_key).locator(f"#id_{none_key}-desirable_reasons")).to_have_value(
        "Schaalvoordelen"
    )
    expect(
        _row(respondent, informal_key).locator(f"input[name='{informal_key}-degree'][value='1']")
    ).to_be_checked()
    expect(_row(respondent, formal_key).locator(f"#id_{formal_key}-obstacles")).to_have_value(
        "Aparte boekhouding"
    )

    # The other domains: formal cooperation everywhere, saved with the page's Save button.
    for domain in campaign.framework.domains.exclude(pk=financieel.pk).order_by("number"):
        respondent.goto(f"/campaigns/samenwerking-2026/pairs/41002/questionnaire/{domain.slug}/")
        names = [
            radio.get_attribute("name")
            for radio in respondent.locator("input[type=radio][name$='-degree'][value='2']").all()
        ]
        for name in names:
            _choose_degree(respondent, name.removesuffix("-degree"), 2)
        with respondent.expect_navigation(timeout=30_000):
            respondent.get_by_role("button", name="Bewaren", exact=True).click()
        expect(respondent.locator(".messages")).to_contain_text("bewaard", timeout=15_000)

    # 5. Submit.
    respondent.goto("/campaigns/samenwerking-2026/pairs/41002/questionnaire/")
    respondent.locator("#id_confirm").check()
    respondent.get_by_role("button", name="Vragenlijst indienen").click()
    expect(respondent.locator(".messages")).to_contain_text("ingediend")
    respondent.screenshot(path=results_dir / "inventory-5-submitted.png", full_page=True)
    assert Submission.objects.filter(round__campaign=campaign, pair=aalst).count() == 1
    assert (
        Response.objects.get(
            round__campaign=campaign, pair=aalst, aspect=aspects[0]
        ).desirable_reasons
        == "Schaalvoordelen"
    )

    # 6. The coordinator closes the round and sees the pair in the matrix.
    coordinator.goto("/campaigns/samenwerking-2026/manage/")
    coordinator.get_by_role("link", name="Ronde afsluiten…").click()
    expect(coordinator.locator("main")).to_contain_text(
        "Van 2 vragenlijsten: 1 ingediend, 0 bezig, 1 niet begonnen."
    )
    coordinator.get_by_role("button", name="Ronde afsluiten").click()
    expect(coordinator.locator(".messages")).to_contain_text("Ronde 1 is afgesloten.")
    coordinator.goto("/campaigns/samenwerking-2026/domains/financieel/")
    aalst_row = coordinator.locator("tbody tr", has_text="Aalst")
    expect(aalst_row).to_contain_text("Aalst")
    total = aalst_row.locator("td").last
    expect(total).to_have_text(re.compile(r"\b11\b"))  # 0 + 1 + 2 × 5 = 11
    coordinator.screenshot(path=results_dir / "inventory-6-matrix.png", full_page=True)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_questionnaire_page_has_no_wcag_a_or_aa_violations(site, new_context, language):
    from tandem.campaigns.services import coordination, rounds

    coordinator = _coordinator()
    campaign = coordination.create_campaign(
        user=coordinator,
        framework=factories.framework(),
        slug="toegankelijk",
        name="Toegankelijk",
        year=2026,
    )
    aalst = factories.pair("41002")
    coordination.set_pairs(campaign=campaign, pairs=[aalst])
    rounds.open_round(round_=campaign.rounds.get())
    user = factories.user(username="resp@aalst.be", password=PASSWORD)
    factories.pair_role(user=user, pair=aalst, campaign=campaign)
    page = new_context(language).new_page()
    _login(page, "resp@aalst.be", PASSWORD)
    page.goto("/campaigns/toegankelijk/pairs/41002/questionnaire/financieel/")
    key = page.locator("fieldset.answer-row").first.get_attribute("id").removeprefix("row-")
    _choose_degree(page, key, 2)  # show a follow-up block too
    expect(page.locator(f"#id_{key}-obstacles")).to_be_visible()
    failures = {}
    for path in (
        "/campaigns/toegankelijk/pairs/41002/questionnaire/financieel/",
        "/campaigns/toegankelijk/pairs/41002/questionnaire/",
        "/campaigns/toegankelijk/pairs/41002/questionnaire/contacts/",
    ):
        page.goto(path)
        result = Axe().run(page, options=AXE_OPTIONS)
        assert result.response["passes"], path
        if result.response["violations"]:
            failures[path] = [
                (v["id"], [n["target"] for n in v["nodes"]][:3])
                for v in result.response["violations"]
            ]
    assert not failures, failures


def test_answers_typed_then_tab_closed_are_there_in_another_browser(site, new_context):
    """R1 and R3: ten answers typed (degrees clicked, reasons typed and debounced), the browser
    closed without saving by hand; another browser of the same person shows all ten."""
    from tandem.campaigns.services import coordination, rounds

    coordinator = _coordinator()
    framework = factories.framework()
    campaign = coordination.create_campaign(
        user=coordinator, framework=framework, slug="r1", name="R1", year=2026
    )
    aalst = factories.pair("41002")
    coordination.set_pairs(campaign=campaign, pairs=[aalst])
    rounds.open_round(round_=campaign.rounds.get())
    user = factories.user(username="resp@aalst.be", password=PASSWORD)
    factories.pair_role(user=user, pair=aalst, campaign=campaign)
    url = "/campaigns/r1/pairs/41002/questionnaire/financieel/"
    keys = [
        f"a{a.pk}"
        for a in framework.domains.get(slug="financieel")
        .aspects.filter(origin="predefined")
        .order_by("order")
    ]
    first = new_context("nl")
    page = first.new_page()
    _login(page, "resp@aalst.be", PASSWORD)
    page.goto(url)
    for key in keys:  # 7 degrees
        _choose_degree(page, key, 1)
    for key in keys[:3]:  # 3 reasons, typed: saved by the debounce, not by a button
        with page.expect_response(lambda response, key=key: f"/rows/{key}/" in response.url):
            page.locator(f"#id_{key}-reasons").press_sequentially("getypt", delay=20)
    for key in keys:
        _saved(page, key)
    first.close()  # no Save button pressed

    other = new_context("nl").new_page()
    _login(other, "resp@aalst.be", PASSWORD)
    other.goto(url)
    for key in keys:
        expect(other.locator(f"input[name='{key}-degree'][value='1']")).to_be_checked()
    for key in keys[:3]:
        expect(other.locator(f"#id_{key}-reasons")).to_have_value("getypt")
    stored = Response.objects.filter(round__campaign=campaign, pair=aalst)
    assert stored.count() == 7 and stored.filter(reasons="getypt").count() == 3


def test_without_javascript_the_follow_up_appears_after_saving(site, new_context):
    from tandem.campaigns.services import coordination, rounds

    coordinator = _coordinator()
    framework = factories.framework()
    campaign = coordination.create_campaign(
        user=coordinator, framework=framework, slug="nojs", name="No JS", year=2026
    )
    aalst = factories.pair("41002")
    coordination.set_pairs(campaign=campaign, pairs=[aalst])
    rounds.open_round(round_=campaign.rounds.get())
    user = factories.user(username="resp@aalst.be", password=PASSWORD)
    factories.pair_role(user=user, pair=aalst, campaign=campaign)
    page = new_context("nl", java_script_enabled=False).new_page()
    _login(page, "resp@aalst.be", PASSWORD)
    page.goto("/campaigns/nojs/pairs/41002/questionnaire/financieel/")
    key = page.locator("fieldset.answer-row").first.get_attribute("id").removeprefix("row-")
    expect(page.locator(f"input[name='{key}-desirable']")).to_have_count(0)
    _choose_degree(page, key, 0, autosave=False)
    page.get_by_role("button", name="Bewaren", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("bewaard")
    expect(page.locator(f"input[name='{key}-desirable']")).to_have_count(2)  # ja / neen


XSS = '"><svg onload=alert(1)>'
# The payload is on the page as text: in the text of the page or as a form field's value.
SHOWS_AS_TEXT = """(payload) => document.body.innerText.includes(payload) ||
    [...document.querySelectorAll('input, textarea')].some((field) => field.value === payload)"""


def test_free_text_never_runs_as_script_in_the_browser(site, new_context):
    """S9 in the browser: the payload typed into every free-text field of an answer, an own row,
    a contact person, the campaign and the people's names; each page that shows them is opened
    as the respondent and as the coordinator, and no dialog ever opens."""
    from tandem.accounts.models import CampaignRole
    from tandem.campaigns.services import answering, coordination, rounds

    coordinator = _coordinator()
    coordinator.first_name = XSS
    coordinator.save()
    framework = factories.framework()
    campaign = coordination.create_campaign(
        user=coordinator, framework=framework, slug="s9", name=XSS, year=2026
    )
    CampaignRole.objects.get_or_create(user=coordinator, campaign=campaign, role="coordinator")
    aalst = factories.pair("41002")
    coordination.set_pairs(campaign=campaign, pairs=[aalst])
    round_ = campaign.rounds.get()
    rounds.open_round(round_=round_)
    user = factories.user(username="resp@aalst.be", password=PASSWORD, last_name=XSS)
    factories.pair_role(user=user, pair=aalst, campaign=campaign)
    financieel = framework.domains.get(slug="financieel")
    aspects = list(financieel.aspects.filter(origin="predefined").order_by("order"))
    texts = ("reasons", "regulation", "desirable_reasons", "formal_desirable_reasons", "obstacles")
    for degree, aspect in zip((0, 1, 2), aspects, strict=False):
        answering.save_answer(
            round_=round_,
            pair=aalst,
            respondent="joint",
            aspect=aspect,
            values={**{name: XSS for name in texts}, "degree": degree},
            expected_version=0,
            user=user,
        )
    answering.add_own_row(
        round_=round_, pair=aalst, respondent="joint", domain=financieel, label=XSS, user=user
    )
    factories.contact_person(campaign=campaign, pair=aalst, name=XSS, function=XSS)
    base = "/campaigns/s9/pairs/41002/"
    pages = {
        user.username: [
            f"{base}questionnaire/",
            f"{base}questionnaire/financieel/",
            f"{base}questionnaire/contacts/",
            f"{base}questionnaire/print/",
            f"{base}history/",
            "/accounts/work/",
            "/accounts/",
        ],
        coordinator.username: [
            "/campaigns/s9/manage/",
            "/campaigns/s9/manage/pairs/",
            "/campaigns/s9/manage/proposals/",
            f"{base}history/",
            "/accounts/work/",
        ],
    }
    dialogs = []
    for username, urls in pages.items():
        page = new_context("nl").new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        _login(page, username, PASSWORD)
        for url in urls:
            assert page.goto(url).status == 200, url
            page.wait_for_load_state("networkidle")
            assert page.locator("svg[onload]").count() == 0, url
            assert page.evaluate(SHOWS_AS_TEXT, XSS), url
    assert dialogs == []
