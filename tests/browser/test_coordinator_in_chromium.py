"""The coordinator's pages as a coordinator walks them in Chromium: the pairs page searches as
one types (and without JavaScript as a plain form), adds all found by keyboard and says how many;
the coordination pages fit a 390 px screen and pass axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tandem.campaigns.models import CampaignPair
from tandem.places.models import Pair
from tests.browser.layout import page_widths

from .test_pages_in_chromium import AXE_OPTIONS, format_violations
from .test_respondent_path_in_chromium import AALST, NAMUR, _campaign, _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def campaign(site):
    campaign, _pair, coordinator = _campaign("coordinatie-2026", AALST)
    return campaign, coordinator


@pytest.mark.parametrize(
    "language, found, added",
    [
        ("nl", "6 bestuursparen gevonden", "6 bestuursparen aan de campagne toegevoegd."),
        ("fr", "6 paires trouvées", "6 paires ajoutées à la campagne."),
    ],
)
def test_a_search_as_you_type_adds_all_found_by_keyboard(
    campaign, new_context, language, found, added
):
    """Issue 16.3 with JavaScript: typing filters at once (no button), the region narrows it,
    and "add all found" takes the six Brussels municipalities whose name has "sint"."""
    campaign, coordinator = campaign
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/manage/pairs/")
    page.locator("#id_q").focus()
    page.keyboard.type("sint")
    page.locator("#id_region").select_option("04000")
    expect(page.locator("#pair-count")).to_contain_text(found)
    assert "q=sint" in page.url  # the search is in the address, to share or go back to
    page.locator("#pair-results button[value=add-all]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text(added)
    added_codes = set(
        CampaignPair.objects.filter(campaign=campaign)
        .exclude(pair__municipality__refnis=AALST)
        .values_list("pair__municipality__refnis", flat=True)
    )
    assert added_codes == {"21003", "21012", "21013", "21014", "21018", "21019"}


def test_without_javascript_the_search_is_a_form_and_the_pairs_are_ticked(campaign, new_context):
    campaign, coordinator = campaign
    page = new_context("fr", java_script_enabled=False).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/manage/pairs/")
    page.locator("#id_q").fill("chievres")
    page.locator("#id_q").press("Enter")
    expect(page.locator("#pair-count")).to_contain_text("1 paire trouvée")
    page.get_by_label("Chièvres").check()
    page.locator("#pair-results button[value=add]").click()
    expect(page.locator("main")).to_contain_text("1 paire ajoutée à la campagne.")
    assert CampaignPair.objects.filter(
        campaign=campaign, pair__municipality__refnis="51014"
    ).exists()


def _invitation(campaign, pair_refnis=AALST):
    from datetime import timedelta

    from django.utils import timezone

    from tandem.accounts.models import Invitation

    return Invitation.objects.create(
        campaign=campaign,
        pair=Pair.objects.get(municipality__refnis=pair_refnis),
        administration="ocmw",
        name="An Peeters",
        email="an.peeters@aalst.be",
        token_hash="a" * 64,
        expires_at=timezone.now() + timedelta(days=14),
    )


@pytest.mark.parametrize(
    "language, question, done",
    [
        (
            "nl",
            "De uitnodiging aan an.peeters@aalst.be intrekken?",
            "De uitnodiging aan an.peeters@aalst.be is ingetrokken: de link werkt niet meer.",
        ),
        (
            "fr",
            "Retirer l’invitation à an.peeters@aalst.be ?",
            "L’invitation à an.peeters@aalst.be est retirée : son lien ne fonctionne plus.",
        ),
    ],
)
def test_an_invitation_is_withdrawn_by_keyboard_after_a_question(
    campaign, new_context, language, question, done
):
    """Issue 16.1 and 16.6: from the people page, by keyboard, the step asks first (no change
    yet), then says what happened; the page checks with axe in both languages."""
    campaign, coordinator = campaign
    invitation = _invitation(campaign)
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/manage/people/")
    assert not Axe().run(page, options=AXE_OPTIONS).response["violations"]
    link = page.locator(f"a[href$='/invitations/{invitation.pk}/withdraw/']")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(question)
    assert not Axe().run(page, options=AXE_OPTIONS).response["violations"]
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text(done)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


@pytest.mark.parametrize(
    "language, preview, done",
    [
        ("nl", "2 personen worden uitgenodigd", "2 uitnodigingen in de wachtrij"),
        ("fr", "2 personnes seront invitées", "2 invitations en file d’attente"),
    ],
)
def test_a_bulk_invitation_is_checked_then_confirmed_by_keyboard(
    campaign, new_context, tmp_path, language, preview, done
):
    """Issue 16.2: the file's preview says how many, the confirmation by keyboard invites them;
    both pages pass axe."""
    from tandem.accounts.models import Invitation

    campaign, coordinator = campaign
    people = tmp_path / "people.csv"
    people.write_text(
        "email;refnis;administration;role;language;name\n"
        f"an@aalst.be;{AALST};ocmw;;;An Peeters\n"
        f"jan@aalst.be;{AALST};gemeente;;fr;Jan Claes\n",
        encoding="utf-8",
    )
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/manage/people/import/")
    page.locator("#id_file").set_input_files(str(people))
    page.locator("main form[enctype] button[type=submit]").click()
    expect(page.locator("#preview-title + p")).to_contain_text(preview)
    assert not Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert Invitation.objects.filter(campaign=campaign).count() == 0
    page.locator("button[value=confirm]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text(done)
    assert Invitation.objects.filter(campaign=campaign).count() == 2


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_pairs_pages_have_no_wcag_violations(campaign, new_context, language):
    campaign, coordinator = campaign
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    failures = {}
    for path in (
        f"/campaigns/{campaign.slug}/manage/pairs/?q=sint",
        f"/campaigns/{campaign.slug}/manage/pairs/?pairs=123",
        "/pairs/?q=aalst",
        f"/campaigns/{campaign.slug}/manage/reminders/schedule/",
        f"/campaigns/{campaign.slug}/manage/answers/{AALST}/joint/",
        f"/campaigns/{campaign.slug}/manage/people/import/",
        f"/campaigns/{campaign.slug}/manage/",
        f"/campaigns/{campaign.slug}/manage/mails/texts/",
        f"/campaigns/{campaign.slug}/manage/pairs/{AALST}/extension/",
    ):
        page.goto(path)
        result = Axe().run(page, options=AXE_OPTIONS)
        assert result.response["passes"], path
        if result.response["violations"]:
            failures[path] = format_violations(result.response["violations"])
    assert not failures, failures


def test_the_coordination_pages_fit_a_390_px_screen(campaign, new_context, results_dir):
    campaign, coordinator = campaign
    namur = Pair.objects.get(municipality__refnis=NAMUR)
    CampaignPair.objects.create(campaign=campaign, pair=namur, language="fr")
    for language in ("nl", "fr"):
        page = new_context(language, viewport={"width": 390, "height": 844}).new_page()
        _login(page, coordinator.username)
        for name in ("manage", "manage/pairs", "manage/people", "manage/proposals"):
            page.goto(f"/campaigns/{campaign.slug}/{name}/")
            widths = page_widths(page)
            slug = re.sub(r"\W", "-", name)
            page.screenshot(
                path=results_dir / f"coordinator-390-{slug}-{language}.png", full_page=True
            )
            assert widths[0] <= widths[1], f"{name} ({language}) scrolls sideways: {widths}"


def test_the_mail_preview_and_a_pair_s_people_fit_a_390_px_screen(campaign, new_context):
    """Walking the pages at 390 px showed the mail preview (long lines in <pre>) and the pair's
    people table scrolling the whole page sideways."""
    from tandem.accounts.models import PairRole

    campaign, coordinator = campaign
    PairRole.objects.create(
        user=coordinator, pair=Pair.objects.get(municipality__refnis=AALST), role="editor"
    )
    page = new_context("fr", viewport={"width": 390, "height": 844}).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/manage/mails/texts/")
    page.locator("button[value=preview]").click()
    expect(page.locator(".mail-preview").first).to_be_visible()
    widths = page_widths(page)
    assert widths[0] <= widths[1], f"mail preview scrolls sideways: {widths}"
    page.goto(f"/pairs/{AALST}/register/people/")
    widths = page_widths(page)
    assert widths[0] <= widths[1], f"a pair's people scroll sideways: {widths}"


@pytest.mark.parametrize(
    "language, done",
    [
        ("nl", "els@aalst.be heeft nog geen account: er staat een uitnodiging klaar"),
        ("fr", "els@aalst.be n'a pas encore de compte : une invitation est en file d'envoi"),
    ],
)
def test_a_pair_s_editor_invites_a_colleague_by_keyboard(campaign, new_context, language, done):
    """Issue 16.1: on the pair's people page an editor invites someone without an account, by
    keyboard; the page says so and lists the invitation, passes axe, and fits 390 px."""
    from tandem.accounts.models import Invitation, PairRole

    campaign, coordinator = campaign
    PairRole.objects.create(
        user=coordinator, pair=Pair.objects.get(municipality__refnis=AALST), role="editor"
    )
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    page.goto(f"/pairs/{AALST}/register/people/")
    page.locator("#id_email").focus()
    page.keyboard.type("els@aalst.be")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the role: reader
    page.locator("#id_name").fill("Els Peeters")
    page.locator("button[value=grant]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text(done)
    expect(page.locator("#invitations-caption")).to_be_visible()
    invitation = Invitation.objects.get(email="els@aalst.be")
    assert (invitation.role, invitation.language, invitation.campaign) == ("reader", language, None)
    result = Axe().run(page, options=AXE_OPTIONS)
    assert not result.response["violations"], format_violations(result.response["violations"])
    page.set_viewport_size({"width": 390, "height": 844})
    widths = page_widths(page)
    assert widths[0] <= widths[1], f"the invitations scroll sideways: {widths}"


@pytest.mark.parametrize(
    "language, question, done",
    [
        (
            "nl",
            "Aalst uit 'Bevraging coordinatie-2026' verwijderen?",
            "Aalst is verwijderd uit 'Bevraging coordinatie-2026'; mee gewist: 2 antwoorden.",
        ),
        (
            "fr",
            "Retirer Alost de « Enquête coordinatie-2026 » ?",
            "Alost est retirée de « Enquête coordinatie-2026 » ; supprimé avec elle : 2 réponses.",
        ),
    ],
)
def test_a_pair_with_answers_is_removed_by_keyboard_after_the_count(
    campaign, new_context, language, question, done
):
    """Issue 16.6: from the pairs page, by keyboard, the removal page counts what goes (nothing
    changes yet, axe passes, it fits 390 px), then the removal says what was deleted."""
    from tandem.campaigns.models import Response
    from tests import factories

    campaign, coordinator = campaign
    pair = Pair.objects.get(municipality__refnis=AALST)
    round_ = campaign.rounds.get(number=1)
    for aspect in campaign.framework.domains.first().aspects.all()[:2]:
        factories.response(round_=round_, pair=pair, aspect=aspect, degree=1)
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/manage/pairs/")
    page.locator(f"a[href$='/manage/pairs/{AALST}/remove/']").focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(question)
    result = Axe().run(page, options=AXE_OPTIONS)
    assert not result.response["violations"], format_violations(result.response["violations"])
    page.set_viewport_size({"width": 390, "height": 844})
    widths = page_widths(page)
    assert widths[0] <= widths[1], f"the removal page scrolls sideways: {widths}"
    assert Response.objects.filter(round__campaign=campaign, pair=pair).count() == 2
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text(done)
    assert not Response.objects.filter(round__campaign=campaign, pair=pair).exists()
    assert not CampaignPair.objects.filter(campaign=campaign, pair=pair).exists()


@pytest.mark.parametrize(
    "language, summary", [("nl", "Schaal: 1 citaat"), ("fr", "Échelle : 1 citation")]
)
def test_a_domain_s_findings_read_by_keyboard(
    campaign, new_context, results_dir, language, summary
):
    """Issue 17.1: the findings page beside the matrix passes axe in Dutch and French, its quotes
    open by keyboard (no JavaScript needed: <details>), and it fits 390 px."""
    from tandem.campaigns.models import Response
    from tandem.catalogue.models import ReasonCluster
    from tests import factories

    campaign, coordinator = campaign
    pair = Pair.objects.get(municipality__refnis=AALST)
    domain = campaign.framework.domains.get(slug="financieel")
    answer = factories.response(
        round_=campaign.rounds.get(number=1),
        pair=pair,
        aspect=domain.aspects.first(),
        degree=1,
        status=Response.Status.SUBMITTED,
        reasons="Eén kassier voor beide besturen",
        formal_desirable=True,
    )
    answer.reason_clusters.add(ReasonCluster.objects.get(slug="schaal"))
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/domains/financieel/findings/")
    result = Axe().run(page, options=AXE_OPTIONS)
    assert not result.response["violations"], format_violations(result.response["violations"])
    details = page.locator("summary", has_text=summary)
    details.focus()
    page.keyboard.press("Enter")
    expect(page.locator("blockquote", has_text="Eén kassier")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    widths = page_widths(page)
    page.screenshot(path=results_dir / f"findings-390-{language}.png", full_page=True)
    assert widths[0] <= widths[1], f"the findings scroll sideways: {widths}"


@pytest.mark.parametrize(
    "language, saved", [("nl", "1 deel bewaard."), ("fr", "1 partie enregistrée.")]
)
def test_the_study_s_texts_are_written_by_keyboard(campaign, new_context, language, saved):
    """Issue 17.4: the overview and a domain's section pass axe in both languages; a text typed
    by keyboard is saved with a message that counts it; the section fits 390 px."""
    from tandem.campaigns.models import StudyText

    campaign, coordinator = campaign
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/manage/study/")
    result = Axe().run(page, options=AXE_OPTIONS)
    assert not result.response["violations"], format_violations(result.response["violations"])
    page.locator(f"a[href$='/manage/study/financieel/{language}/']").focus()
    page.keyboard.press("Enter")
    page.locator("#id_text-how").focus()
    page.keyboard.type("Protocollen overal.")
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text(saved)
    result = Axe().run(page, options=AXE_OPTIONS)
    assert not result.response["violations"], format_violations(result.response["violations"])
    stored = StudyText.objects.get(campaign=campaign, part="how", language=language)
    assert stored.text == "Protocollen overal."
    page.set_viewport_size({"width": 390, "height": 844})
    widths = page_widths(page)
    assert widths[0] <= widths[1], f"the study section scrolls sideways: {widths}"
