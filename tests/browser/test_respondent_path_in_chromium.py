"""The respondent's path in headless Chromium, in the language each defect was found in
(issue 13): a Walloon CPAS respondent with a Dutch browser follows the invitation and sees
French from the first page to the submit and after logging in again; a document chosen in a row
survives a reload; round 2 shows the earlier degree; Enter in a row's field never adds an
aspect; the pages fit a 390 px screen; axe finds no WCAG A/AA violation on the pages the issue
added or changed, in Dutch and in French. Screenshots go to test-results/."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from playwright.sync_api import expect

from tandem.accounts.models import CampaignRole
from tandem.campaigns import queries
from tandem.campaigns.models import ProposedAspect, Response, ResponseDocument
from tandem.campaigns.services import answering, coordination, invitations, rounds
from tests import factories
from tests.browser.layout import page_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Groene-Kaai-2026!"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
NAMUR, AALST = "92094", "41002"


def _campaign(slug, refnis, **names):
    coordinator = factories.user(
        username=f"coordinator-{slug}@uvcw.be",
        password=PASSWORD,
        first_name="Els",
        last_name="Claes",
    )
    campaign = coordination.create_campaign(
        user=coordinator,
        framework=factories.framework(),
        slug=slug,
        name=names or {"nl": f"Bevraging {slug}", "fr": f"Enquête {slug}"},
        year=2026,
    )
    pair = factories.pair(refnis)
    coordination.set_pairs(campaign=campaign, pairs=[pair])
    rounds.open_round(round_=campaign.rounds.get(number=1))
    return campaign, pair, coordinator


def _respondent(campaign, pair, username="resp@aalst.be"):
    user = factories.user(username=username, password=PASSWORD)
    factories.pair_role(user=user, pair=pair, campaign=campaign)
    return user


def _login(page, username, password=PASSWORD):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def _keys(domain_slug="financieel"):
    domain = factories.framework().domains.get(slug=domain_slug)
    return [f"a{a.pk}" for a in domain.aspects.filter(origin="predefined").order_by("order")]


def _choose_degree(page, key, degree):
    radio = page.locator(f"#row-{key} input[name='{key}-degree'][value='{degree}']")
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        radio.check()
    page.wait_for_timeout(50)  # htmx settles the swap 20 ms after the response


def _answer_the_rest(campaign, pair, user, skip_domain):
    """Everything but one domain, through the same service as the page (the browser answers the
    one domain itself)."""
    round_ = campaign.rounds.get(number=1)
    for domain in campaign.framework.domains.exclude(slug=skip_domain):
        for aspect in queries.questionnaire_aspects(round_, domain):
            answering.save_answer(
                round_=round_,
                pair=pair,
                respondent="joint",
                aspect=aspect,
                values={"degree": 2},
                expected_version=0,
                user=user,
            )


def test_a_walloon_respondent_with_a_dutch_browser_sees_french_from_invitation_to_submit(
    site, new_context, results_dir
):
    campaign, namur, coordinator = _campaign(
        "cooperation-2026", NAMUR, nl="Samenwerking 2026", fr="Coopération 2026"
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        invitations.invite(
            campaign=campaign,
            pair=namur,
            administration="ocmw",
            name="Claire Dubois",
            email="claire.dubois@namur.be",
            invited_by=coordinator,
            base_url=site,
        )
    link = re.search(r"https?://[^\s]+/invitations/[^\s/]+/", mail.outbox[-1].body).group(0)
    assert "Coopération 2026" in mail.outbox[-1].body

    # A Dutch browser (nl-BE), no language chosen: the invitation speaks the CPAS's French.
    browser = new_context(locale="nl-BE")
    page = browser.new_page()
    page.goto(link)
    assert _lang(page) == "fr"
    expect(page.locator("h1")).to_contain_text("Coopération 2026")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.screenshot(path=results_dir / "respondent-1-invitation-fr.png", full_page=True)
    page.get_by_role("button", name="Choisir le mot de passe et commencer").click()
    expect(page.locator("h1")).to_contain_text("Mon travail")
    assert _lang(page) == "fr"
    expect(page.locator("main")).to_contain_text("Namur")
    expect(page.locator("main")).not_to_contain_text("Namen")
    page.screenshot(path=results_dir / "respondent-2-my-work-fr.png", full_page=True)

    # The questionnaire, in French; the financial domain answered in the page.
    page.get_by_role("link", name=re.compile("Coopération 2026")).click()
    assert _lang(page) == "fr"
    expect(page.locator(".task-list")).to_contain_text("pas commencé")
    page.goto(f"/campaigns/cooperation-2026/pairs/{NAMUR}/questionnaire/financieel/")
    assert _lang(page) == "fr"
    for key in _keys():
        _choose_degree(page, key, 2)
    expect(page.locator(".row-status").first).to_contain_text("Enregistré le")
    page.screenshot(path=results_dir / "respondent-3-domain-fr.png", full_page=True)

    # Leave; log in again from another device with a Dutch browser: still French.
    browser.close()
    user = get_user_model().objects.get(username="claire.dubois@namur.be")
    _answer_the_rest(campaign, namur, user, skip_domain="financieel")
    again = new_context(locale="nl-BE").new_page()
    _login(again, "Claire.Dubois@namur.be")
    assert _lang(again) == "fr"
    expect(again.locator("h1")).to_contain_text("Mon travail")
    again.goto(f"/campaigns/cooperation-2026/pairs/{NAMUR}/questionnaire/")
    assert _lang(again) == "fr"
    expect(again.locator(".task-list")).not_to_contain_text("pas commencé")
    again.screenshot(path=results_dir / "respondent-4-overview-fr.png", full_page=True)
    # Submitting cannot be undone by the respondent: it asks for a confirmation first.
    again.get_by_role("button", name="Envoyer le questionnaire").click()
    expect(again.locator(".error-summary")).to_contain_text("Cochez cette case")
    again.screenshot(path=results_dir / "respondent-5-confirm-fr.png", full_page=True)
    again.get_by_label(re.compile("J'ai vérifié les réponses")).check()
    again.get_by_role("button", name="Envoyer le questionnaire").click()
    expect(again.locator(".banner-done")).to_contain_text("Envoyé le")
    expect(again.locator(".banner-done")).to_contain_text("Els Claes")
    assert _lang(again) == "fr"
    again.screenshot(path=results_dir / "respondent-5-submitted-fr.png", full_page=True)
    # After a logout, the login page speaks the language this device last used.
    again.get_by_role("button", name="Se déconnecter").click()
    again.goto("/accounts/login/")
    assert _lang(again) == "fr"


@pytest.fixture
def aalst(site):
    campaign, pair, coordinator = _campaign("samenwerking-2026", AALST)
    return campaign, pair, _respondent(campaign, pair), coordinator


def test_a_document_chosen_in_a_row_is_stored_by_its_autosave_and_survives_a_reload(
    aalst, new_context, results_dir, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    campaign, pair, user, _coordinator = aalst
    key = _keys()[0]
    page = new_context("nl").new_page()
    _login(page, user.username)
    url = f"/campaigns/samenwerking-2026/pairs/{AALST}/questionnaire/financieel/"
    page.goto(url)
    _choose_degree(page, key, 2)
    document = page.locator(f"#id_{key}-document")
    pdf = tmp_path / "protocol-2009.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n")
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        document.set_input_files(str(pdf))
    status = page.locator(f"#status-{key}")
    expect(status).to_contain_text("Het document “protocol-2009.pdf” is bewaard.")
    expect(page.locator(f"#documents-{key}")).to_contain_text("protocol-2009.pdf")
    assert page.evaluate(f"document.getElementById('id_{key}-document').files.length") == 0
    # Typing on in the row does not send the same file again.
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        page.locator(f"#id_{key}-obstacles").fill("Aparte boekhouding")
    page.screenshot(path=results_dir / "respondent-document-stored.png", full_page=True)
    page.reload()
    expect(page.locator(f"#documents-{key}")).to_contain_text("protocol-2009.pdf")
    assert ResponseDocument.objects.filter(response__pair=pair).count() == 1

    # A CSV renamed to .pdf is refused in the row, in Dutch, and the answer is still saved.
    fake = tmp_path / "lijst.pdf"
    fake.write_bytes(b"stad;ocmw\n1;2\n")
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        page.locator(f"#id_{key}-document").set_input_files(str(fake))
    expect(status).to_contain_text("Het document “lijst.pdf” is niet bewaard")
    expect(status).to_contain_text("geen echt PDF-document")
    expect(status).not_to_contain_text("is bewaard.")
    page.screenshot(path=results_dir / "respondent-document-refused.png", full_page=True)
    assert ResponseDocument.objects.filter(response__pair=pair).count() == 1


def test_round_two_shows_the_earlier_degree_with_its_label(aalst, new_context, results_dir):
    campaign, pair, user, coordinator = aalst
    round_one = campaign.rounds.get(number=1)
    first = factories.framework().domains.get(slug="financieel").aspects.order_by("order").first()
    _answer_the_rest(campaign, pair, user, skip_domain="")
    answering.submit(round_=round_one, pair=pair, respondent="joint", user=user)
    rounds.close_round(round_=round_one)
    ProposedAspect.objects.filter(campaign=campaign).update(status="kept")
    rounds.start_confirmation_round(campaign=campaign, user=coordinator)
    page = new_context("nl").new_page()
    _login(page, user.username)
    page.goto(f"/campaigns/samenwerking-2026/pairs/{AALST}/questionnaire/financieel/")
    previous = page.locator(f"#row-a{first.pk} .previous-answer")
    expect(previous).to_contain_text("2 formele samenwerking")
    expect(previous).not_to_contain_text("—")
    expect(page.locator(f"#status-a{first.pk}")).to_contain_text("Vooraf ingevuld")
    page.screenshot(path=results_dir / "respondent-round-two.png", full_page=True)


def test_enter_in_a_rows_field_saves_that_row_and_never_adds_an_aspect(aalst, new_context):
    campaign, pair, user, _coordinator = aalst
    key = _keys()[0]
    page = new_context("nl").new_page()
    _login(page, user.username)
    url = f"/campaigns/samenwerking-2026/pairs/{AALST}/questionnaire/financieel/"
    page.goto(url)
    _choose_degree(page, key, 1)
    link = page.locator(f"#id_{key}-regulation_link")
    link.fill("https://aalst.be/convenant")
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        link.press("Enter")
    assert page.url.endswith(url)  # no page load
    expect(page.locator(".messages")).to_have_count(0)
    assert not ProposedAspect.objects.filter(campaign=campaign).exists()
    stored = Response.objects.get(round__campaign=campaign, pair=pair, aspect_id=int(key[1:]))
    assert stored.regulation_link == "https://aalst.be/convenant"
    # Enter in 'other aspect' adds that aspect.
    page.locator("#id_label").fill("Budgetopvolging")
    page.locator("#id_label").press("Enter")
    expect(page.locator("#own-rows fieldset.answer-row")).to_contain_text("Budgetopvolging")
    assert ProposedAspect.objects.filter(campaign=campaign, label="Budgetopvolging").count() == 1


def test_the_questionnaire_fits_a_390_px_screen_without_sideways_scrolling(
    aalst, new_context, results_dir
):
    campaign, pair, user, _coordinator = aalst
    base = f"/campaigns/samenwerking-2026/pairs/{AALST}/questionnaire/"
    for language, degree in (("nl", 1), ("fr", 2)):
        page = new_context(language, viewport={"width": 390, "height": 844}).new_page()
        _login(page, user.username)
        page.goto(base + "financieel/")
        _choose_degree(page, _keys()[0], degree)  # the follow-ups of a degree widen the row
        for name, path in (
            ("overview", base),
            ("domain", base + "financieel/"),
            ("contacts", base + "contacts/"),
            ("print", base + "print/"),
            ("my-work", "/accounts/work/"),
        ):
            page.goto(path)
            widths = page_widths(page)
            page.screenshot(
                path=results_dir / f"respondent-390-{name}-{language}.png", full_page=True
            )
            assert widths[0] <= widths[1], f"{path} ({language}) scrolls sideways: {widths}"


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_respondents_pages_have_no_wcag_violations(aalst, new_context, language):
    campaign, pair, user, coordinator = aalst
    CampaignRole.objects.get_or_create(user=coordinator, campaign=campaign)
    base = f"/campaigns/samenwerking-2026/pairs/{AALST}/"
    anonymous = new_context(language).new_page()
    failures = {}

    def check(page, path):
        page.goto(path)
        result = Axe().run(page, options=AXE_OPTIONS)
        assert result.response["passes"], path
        if result.response["violations"]:
            failures[f"{language} {path}"] = [
                (v["id"], [n["target"] for n in v["nodes"]][:3])
                for v in result.response["violations"]
            ]

    for path in ("/accounts/login/", "/accounts/password-reset/", "/accounts/password-reset/sent/"):
        check(anonymous, path)
    page = new_context(language).new_page()
    _login(page, user.username)
    page.goto(base + "questionnaire/financieel/")
    _choose_degree(page, _keys()[0], 0)  # a follow-up block, and a row with 'required' marks
    for path in (
        "/accounts/work/",
        "/accounts/",
        "/accounts/password/",
        base + "questionnaire/",
        base + "questionnaire/financieel/",
        base + "questionnaire/contacts/",
        base + "questionnaire/print/",
        base + "history/",
    ):
        check(page, path)
    # Submitted: the banner and the answers read back instead of fields.
    Response.objects.filter(round__campaign=campaign).delete()
    _answer_the_rest(campaign, pair, user, skip_domain="")
    answering.submit(round_=campaign.rounds.get(number=1), pair=pair, respondent="joint", user=user)
    for path in (base + "questionnaire/", base + "questionnaire/financieel/"):
        check(page, path)
    assert not failures, failures


def test_a_row_is_answered_and_saved_by_keyboard_alone(aalst, new_context):
    """Tab from the top of the page to the first degree, arrow to choose, Tab on to the reasons,
    type, Space on a reason cluster: each step saves, and the focus is never lost by the swap."""
    campaign, pair, user, _coordinator = aalst
    key = _keys()[0]
    page = new_context("nl").new_page()
    _login(page, user.username)
    page.goto(f"/campaigns/samenwerking-2026/pairs/{AALST}/questionnaire/financieel/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == f"{key}-degree":
            break
    assert page.evaluate("document.activeElement.name") == f"{key}-degree"
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        page.keyboard.press("ArrowRight")  # 0 → 1: informal cooperation
    expect(page.locator(f"#status-{key}")).to_contain_text("Bewaard op")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == f"{key}-reasons"
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        page.keyboard.type("Samen sterker")  # saved once typing pauses
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        page.keyboard.press("Tab")  # and on leaving the field (its change event)
    assert page.evaluate("document.activeElement.name") == f"{key}-reason_clusters"
    with page.expect_response(lambda response: f"/rows/{key}/" in response.url):
        page.keyboard.press("Space")
    stored = Response.objects.get(round__campaign=campaign, pair=pair, aspect_id=int(key[1:]))
    assert (stored.degree, stored.reasons, stored.reason_clusters.count()) == (
        1,
        "Samen sterker",
        1,
    )
