"""The coordinator's pages as a coordinator walks them in Chromium: the pairs page takes a whole
province by keyboard and says how many pairs it added and removed; the coordination pages fit a
390 px screen."""

import re

import pytest
from playwright.sync_api import expect

from tandem.campaigns.models import CampaignPair
from tandem.places.models import Pair

from .test_respondent_path_in_chromium import AALST, NAMUR, _campaign, _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LUXEMBOURG = "80000"  # REFNIS code of the province of Luxembourg


@pytest.fixture
def campaign(site):
    campaign, _pair, coordinator = _campaign("coordinatie-2026", AALST)
    return campaign, coordinator


@pytest.mark.parametrize(
    "language, saved",
    [("nl", "{added} bestuursparen toegevoegd, 0 verwijderd."), ("fr", "{added} paires ajoutées")],
)
def test_a_province_is_added_by_keyboard_and_the_page_says_how_many(
    campaign, new_context, language, saved
):
    campaign, coordinator = campaign
    in_luxembourg = Pair.objects.filter(municipality__province__refnis=LUXEMBOURG).count()
    page = new_context(language).new_page()
    _login(page, coordinator.username)
    page.goto(f"/campaigns/{campaign.slug}/manage/pairs/")
    page.locator(f"input[name=provinces][value='{_province_pk()}']").check()
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text(saved.format(added=in_luxembourg))
    assert CampaignPair.objects.filter(campaign=campaign).count() == in_luxembourg + 1


def _province_pk():
    from tandem.places.models import Province

    return Province.objects.get(refnis=LUXEMBOURG).pk


def test_the_coordination_pages_fit_a_390_px_screen(campaign, new_context, results_dir):
    campaign, coordinator = campaign
    namur = Pair.objects.get(municipality__refnis=NAMUR)
    CampaignPair.objects.create(campaign=campaign, pair=namur, language="fr")
    for language in ("nl", "fr"):
        page = new_context(language, viewport={"width": 390, "height": 844}).new_page()
        _login(page, coordinator.username)
        for name in ("manage", "manage/pairs", "manage/proposals"):
            page.goto(f"/campaigns/{campaign.slug}/{name}/")
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            slug = re.sub(r"\W", "-", name)
            page.screenshot(
                path=results_dir / f"coordinator-390-{slug}-{language}.png", full_page=True
            )
            assert widths[0] <= widths[1], f"{name} ({language}) scrolls sideways: {widths}"
