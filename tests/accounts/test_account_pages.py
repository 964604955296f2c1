"""A person's own pages (issue 13): logging in by e-mail address, 'My work', the account page
with the language choice, the language order (own choice, questionnaire, browser), the
password reset by e-mail, and municipalities named in the page's language."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import AccountPreferences, PairRole
from tandem.campaigns.models import Campaign
from tandem.campaigns.services import coordination, invitations, rounds
from tests import factories
from tests.factories import PASSWORD

DUTCH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "nl-BE,nl;q=0.9"}
NAMUR = "92094"


def _lang(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.content.decode()).group(1)


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def namur(tenants):
    """A campaign with Namur (Wallonia: a French questionnaire), round 1 open, a coordinator."""
    campaign = coordination.create_campaign(
        user=tenants["coordinator"],
        framework=tenants["framework"],
        slug="cooperation-2026",
        name={"nl": "Samenwerking 2026", "fr": "Coopération 2026"},
        year=2026,
    )
    pair = factories.pair(NAMUR)
    coordination.set_pairs(campaign=campaign, pairs=[pair])
    rounds.open_round(round_=campaign.rounds.get(number=1))
    return {"campaign": campaign, "pair": pair, **tenants}


def _invite(namur, email="claire.dubois@namur.be"):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        invitations.invite(
            campaign=namur["campaign"],
            pair=namur["pair"],
            administration="ocmw",
            name="Claire Dubois",
            email=email,
            invited_by=namur["coordinator"],
            base_url="http://testserver/",
        )
    return re.search(r"http://testserver(/invitations/[^\s]+/)", mail.outbox[-1].body).group(1)


def test_a_walloon_respondent_with_a_dutch_browser_gets_french_from_the_invitation_on(namur):
    """Defect 3: the invitation, the password page and the questionnaire opened in Dutch, and
    again after a later login."""
    link = _invite(namur)
    browser = Client(**DUTCH_BROWSER)
    invitation = browser.get(link, follow=True)
    assert _lang(invitation) == "fr" and "Coopération 2026" in _text(invitation)
    accepted = browser.post(link, {"password1": PASSWORD, "password2": PASSWORD})
    assert accepted["Location"] == reverse("my-work")
    work = browser.get(reverse("my-work"))
    assert _lang(work) == "fr" and "Namur" in _text(work) and "Namen" not in _text(work)
    questionnaire = reverse("questionnaire", args=["cooperation-2026", NAMUR])
    assert _lang(browser.get(questionnaire)) == "fr"
    browser.post(reverse("logout"))
    assert _lang(browser.get(reverse("login"))) == "fr"  # this device last spoke French
    # A new device with a Dutch browser: the login page follows the browser, the pages after
    # it the questionnaire's language.
    other = Client(**DUTCH_BROWSER)
    assert _lang(other.get(reverse("login"))) == "nl"
    login = other.post(
        reverse("login"), {"username": "Claire.Dubois@namur.be", "password": PASSWORD}
    )
    assert login["Location"] == reverse("my-work")
    assert _lang(other.get(reverse("my-work"))) == "fr"
    assert _lang(other.get(questionnaire)) == "fr"


def test_the_persons_own_choice_wins_over_the_questionnaire_and_the_browser(namur):
    _invite(namur)
    browser = Client(**DUTCH_BROWSER)
    browser.post(
        _invite(namur, "jan.peeters@namur.be"), {"password1": PASSWORD, "password2": PASSWORD}
    )
    user = PairRole.objects.get(user__email="jan.peeters@namur.be").user
    saved = browser.post(reverse("account"), {"language": "nl"})
    assert saved.status_code == 302
    assert AccountPreferences.objects.get(user=user).language == "nl"
    questionnaire = reverse("questionnaire", args=["cooperation-2026", NAMUR])
    assert _lang(browser.get(questionnaire)) == "nl"
    # The choice is the account's: another device, with an English browser, speaks Dutch too.
    other = Client(HTTP_ACCEPT_LANGUAGE="en-GB")
    other.post(reverse("login"), {"username": "jan.peeters@namur.be", "password": PASSWORD})
    assert _lang(other.get(questionnaire)) == "nl"
    # The header's switcher changes the account's choice as well.
    other.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert AccountPreferences.objects.get(user=user).language == "en"
    assert _lang(other.get(questionnaire)) == "en"
    # 'Automatic' forgets the choice: the questionnaire's language again.
    cleared = other.post(reverse("account"), {"language": ""})
    assert cleared.cookies["tandem_language"].value == ""
    assert AccountPreferences.objects.get(user=user).language == ""
    assert _lang(other.get(questionnaire)) == "fr"


def test_logging_in_by_e_mail_address_in_any_capitals(tenants):
    client = Client()
    found = client.post(
        reverse("login"), {"username": "RESPONDENT-A@example.be", "password": PASSWORD}
    )
    assert found.status_code == 302 and client.session["_auth_user_id"] == str(tenants["user_a"].pk)
    wrong = Client().post(
        reverse("login"), {"username": "respondent-a@example.be", "password": "x"}
    )
    assert wrong.status_code == 200 and "_auth_user_id" not in wrong.client.session


def test_an_address_shared_by_two_accounts_logs_in_neither(tenants):
    factories.user(username="tweede", email="respondent-a@example.be")
    shared = Client().post(
        reverse("login"), {"username": "respondent-a@example.be", "password": PASSWORD}
    )
    assert shared.status_code == 200
    by_name = Client().post(reverse("login"), {"username": "respondent-a", "password": PASSWORD})
    assert by_name.status_code == 302


def test_my_work_lists_the_persons_own_questionnaires_registers_and_campaigns(tenants, client_as):
    tenants["shared"].rounds.update(status="open")
    factories.pair_role(user=tenants["user_a"], pair=tenants["pair_a"], role=PairRole.Role.EDITOR)
    html = client_as(tenants["user_a"]).get(reverse("my-work")).content.decode()
    assert reverse("questionnaire", args=["private-shared", "41002"]) in html
    assert reverse("register", args=["41002"]) in html
    for other in ("31005", "private-b", "Brugge"):
        assert other not in html
    coordinator = client_as(tenants["coordinator"]).get(reverse("my-work")).content.decode()
    assert reverse("manage", args=["private-shared"]) in coordinator


def test_my_work_shows_the_progress_per_domain(tenants, client_as):
    from tandem.campaigns.services.answering import save_answer

    shared = tenants["shared"]
    round_ = shared.rounds.get()
    round_.status = "open"
    round_.save()
    thesaurie = tenants["thesaurie"]
    stored = round_.responses.get(pair=tenants["pair_a"], aspect=thesaurie)
    save_answer(
        round_=round_,
        pair=tenants["pair_a"],
        respondent="joint",
        aspect=thesaurie,
        values={"degree": 2},
        expected_version=stored.version,
        user=tenants["user_a"],
    )
    text = _text(client_as(tenants["user_a"]).get(reverse("my-work")))
    domains = tenants["framework"].domains.count()
    assert f"0 van {domains} domeinen volledig" in text
    assert (
        "Financieel management ◐ bezig" in text or "financieel management ◐ bezig" in text.lower()
    )


def test_anonymous_visitors_are_sent_to_the_login_for_their_own_pages(client, db):
    for name in ("my-work", "account", "password_change"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_password_reset_mail_speaks_the_pages_language_and_its_link_works_once(tenants):
    browser = Client()
    browser.cookies["tandem_language"] = "fr"
    sent = browser.post(reverse("password_reset"), {"email": "respondent-a@example.be"})
    assert sent["Location"] == reverse("password_reset_done")
    message = mail.outbox[-1]
    assert message.to == ["respondent-a@example.be"] and "nouveau mot de passe" in message.body
    link = re.search(r"http://testserver(/accounts/reset/[^\s]+/)", message.body).group(1)
    form = browser.get(link, follow=True)
    assert 'name="new_password1"' in form.content.decode()
    changed = browser.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "Nieuw-Wachtwoord-2027", "new_password2": "Nieuw-Wachtwoord-2027"},
    )
    assert changed["Location"] == reverse("password_reset_complete")
    login = Client().post(
        reverse("login"), {"username": "respondent-a", "password": "Nieuw-Wachtwoord-2027"}
    )
    assert login.status_code == 302
    spent = browser.get(link, follow=True)
    assert 'name="new_password1"' not in spent.content.decode()
    assert reverse("password_reset") in spent.content.decode()  # ask for a new link


def test_password_reset_mails_are_limited_per_address_and_unknown_addresses_learn_nothing(tenants):
    for _ in range(5):
        answer = Client().post(reverse("password_reset"), {"email": "respondent-a@example.be"})
        assert answer["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 3  # TANDEM_RESETS_PER_ADDRESS
    unknown = Client().post(reverse("password_reset"), {"email": "niemand@example.be"})
    assert unknown["Location"] == reverse("password_reset_done") and len(mail.outbox) == 3


def test_municipalities_are_named_in_the_pages_language_and_brussels_by_both_names(client, db):
    campaign = factories.campaign(is_public=True, pairs=["41002"])
    factories.round_(campaign=campaign)
    url = reverse("campaign-pair", args=[campaign.slug, "41002"])
    assert client.get(url).status_code == 200
    from django.utils import translation

    from tandem.places.models import Municipality

    molenbeek = Municipality.objects.get(refnis="21012")
    namur = Municipality.objects.get(refnis=NAMUR)
    etterbeek = Municipality.objects.get(refnis="21005")
    with translation.override("nl"):
        assert molenbeek.name == "Sint-Jans-Molenbeek / Molenbeek-Saint-Jean"
        assert namur.name == "Namen" and etterbeek.name == "Etterbeek"
    with translation.override("fr"):
        assert molenbeek.name == "Molenbeek-Saint-Jean / Sint-Jans-Molenbeek"
        assert namur.name == "Namur"
    register = Client()
    register.cookies["tandem_language"] = "fr"
    html = register.get(reverse("governance"), {"by": "region"}).content.decode()
    assert "Bruxelles" in html


def test_a_campaign_named_in_french_shows_its_french_name_on_french_pages(namur):
    campaign = Campaign.objects.get(slug="cooperation-2026")
    campaign.is_public = True
    campaign.save()
    french, dutch = Client(), Client()
    french.cookies["tandem_language"] = "fr"
    dutch.cookies["tandem_language"] = "nl"
    url = reverse("campaign", args=["cooperation-2026"])
    assert "Coopération 2026" in _text(french.get(url)) and "Samenwerking" not in _text(
        french.get(url)
    )
    assert "Samenwerking 2026" in _text(dutch.get(url))


def test_my_work_and_the_account_page_stay_within_15_queries(
    tenants, client_as, django_assert_max_num_queries
):
    """P4: a respondent with a questionnaire and a register."""
    tenants["shared"].rounds.update(status="open")
    factories.pair_role(user=tenants["user_a"], pair=tenants["pair_a"], role=PairRole.Role.EDITOR)
    client = client_as(tenants["user_a"])
    for name in ("my-work", "account"):
        client.get(reverse(name))  # warm the per-process catalogue cache
        with django_assert_max_num_queries(15):
            assert client.get(reverse(name)).status_code == 200
