"""Issue 16.1 (the pair's part, for people without an account): a pair's editor invites a
colleague by e-mail; the mail leaves as a background job in the language the editor chose, its
link lets the person choose a password and gives them the editor or reader role for the pair
(all its campaigns), named in the role's history as given by the editor who invited. The editor
sends the invitation again or withdraws it; a withdrawn or replaced link answers 404; another
pair's invitation cannot be touched from here."""

import re

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import Invitation, PairRole
from tests import factories

PASSWORD = "Groene-Kaai-2026!"
LINK = re.compile(r"(http://testserver/invitations/[\w-]+/)")
URL = reverse("pair-people", kwargs={"refnis": "31005"})


@pytest.fixture
def editor_b(tenants):
    user = factories.user(username="editor-b", email="editor@brugge.be")
    user.first_name, user.last_name = "Jan", "Claes"
    user.save()
    factories.pair_role(user=user, pair=tenants["pair_b"], role=PairRole.Role.EDITOR)
    return user


@pytest.fixture
def client_b(editor_b, client_as):
    client = client_as(editor_b)
    client.cookies["tandem_language"] = "en"
    return client


def _invite(client, capture, email="els.peeters@brugge.be", language="en", role="editor"):
    with capture(execute=True):
        return client.post(
            URL,
            {
                "action": "grant",
                "email": email,
                "name": "Els Peeters",
                "role": role,
                "administration": "ocmw",
                "language": language,
            },
            follow=True,
        )


def test_someone_without_an_account_is_invited_and_the_link_gives_the_role(
    tenants, client_b, editor_b, django_capture_on_commit_callbacks
):
    done = _invite(client_b, django_capture_on_commit_callbacks, email="Els.Peeters@Brugge.be")
    assert (
        "els.peeters@brugge.be has no account yet: an invitation is queued. With its link, valid "
        "for 14 days, they choose a password and become pair editor of Brugge."
    ) in done.content.decode()
    invitation = Invitation.objects.get(email="els.peeters@brugge.be")
    assert (invitation.campaign, invitation.role, invitation.pair) == (
        None,
        "editor",
        tenants["pair_b"],
    )
    (sent,) = mail.outbox
    assert sent.to == ["els.peeters@brugge.be"]
    assert sent.subject == "Invitation: Tandem for Brugge"
    assert sent.body.startswith("Dear Els Peeters,")
    assert "Jan Claes invites you to Tandem" in sent.body
    assert "Your role: pair editor." in sent.body
    html, kind = sent.alternatives[0]
    assert kind == "text/html" and "Jan Claes invites you to Tandem" in html
    # The page lists the invitation with its mail's outcome until it is used.
    listed = client_b.get(URL).content.decode()
    assert "Invited, not yet active" in listed and "els.peeters@brugge.be" in listed
    assert "sent" in listed

    invitee = Client()
    page = invitee.get(LINK.search(sent.body).group(1), follow=True)
    assert "You are invited as pair editor of Brugge" in page.content.decode()
    welcome = invitee.post(
        reverse("invitation-open"), {"password1": PASSWORD, "password2": PASSWORD}, follow=True
    )
    assert welcome.redirect_chain[-1][0] == reverse("register", kwargs={"refnis": "31005"})
    role = PairRole.objects.get(user__email="els.peeters@brugge.be")
    assert (role.pair, role.role, role.campaign, role.administration) == (
        tenants["pair_b"],
        "editor",
        None,
        "ocmw",
    )
    (record,) = PairRole.history.filter(id=role.pk)
    assert (record.history_type, record.history_user) == ("+", editor_b)
    assert invitee.get(reverse("register", kwargs={"refnis": "31005"})).status_code == 200
    # Used: the link is spent, and the page no longer lists the invitation.
    assert invitee.get(LINK.search(sent.body).group(1)).status_code == 404
    assert "Invited, not yet active" not in client_b.get(URL).content.decode()


def test_the_mail_speaks_the_language_the_editor_chose(
    tenants, client_b, django_capture_on_commit_callbacks
):
    _invite(client_b, django_capture_on_commit_callbacks, language="fr", role="reader")
    (sent,) = mail.outbox
    assert sent.subject == "Invitation : Tandem pour Bruges"
    assert "Jan Claes vous invite dans Tandem" in sent.body
    invitee = Client()
    page = invitee.get(LINK.search(sent.body).group(1), follow=True)
    assert '<html lang="fr"' in page.content.decode()
    # Walking it showed the register in Dutch after a French welcome (Brugge is Flemish): the
    # language the editor chose for the new account holds for its pages.
    welcome = invitee.post(
        reverse("invitation-open"), {"password1": PASSWORD, "password2": PASSWORD}, follow=True
    )
    assert welcome.redirect_chain[-1][0] == reverse("register", kwargs={"refnis": "31005"})
    assert '<html lang="fr"' in welcome.content.decode()
    assert "Registre des synergies" in welcome.content.decode()


def test_a_second_invitation_is_refused_and_sending_again_replaces_the_link(
    tenants, client_b, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _invite(client_b, capture)
    twice = _invite(client_b, capture)
    assert "els.peeters@brugge.be is invited already" in twice.content.decode()
    assert Invitation.objects.count() == 1
    invitation = Invitation.objects.get()
    first_link = LINK.search(mail.outbox[0].body).group(1)
    with capture(execute=True):
        again = client_b.post(URL, {"action": "resend", "invitation": invitation.pk}, follow=True)
    assert "A new invitation to els.peeters@brugge.be is queued, valid for 14 days" in (
        again.content.decode()
    )
    assert len(mail.outbox) == 2
    assert Client().get(first_link).status_code == 404
    assert Client().get(LINK.search(mail.outbox[1].body).group(1)).status_code == 302


def test_a_withdrawn_invitation_answers_404(
    tenants, client_b, editor_b, django_capture_on_commit_callbacks
):
    _invite(client_b, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    done = client_b.post(URL, {"action": "withdraw", "invitation": invitation.pk}, follow=True)
    assert "The invitation to els.peeters@brugge.be is withdrawn" in done.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_by == editor_b
    assert Client().get(LINK.search(mail.outbox[0].body).group(1)).status_code == 404


def test_another_pairs_invitations_are_out_of_reach(
    tenants, client_b, django_capture_on_commit_callbacks
):
    editor_a = factories.user(username="editor-a", email="editor@aalst.be")
    factories.pair_role(user=editor_a, pair=tenants["pair_a"], role=PairRole.Role.EDITOR)
    url_a = reverse("pair-people", kwargs={"refnis": tenants["pair_a"].municipality.refnis})
    client_a = Client()
    client_a.force_login(editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(
            url_a,
            {"action": "grant", "email": "new@aalst.be", "role": "reader", "language": "nl"},
        )
    invitation_a = Invitation.objects.get(email="new@aalst.be")
    for action in ("resend", "withdraw"):
        answer = client_b.post(URL, {"action": action, "invitation": invitation_a.pk})
        assert answer.status_code == 404
    invitation_a.refresh_from_db()
    assert invitation_a.revoked_at is None and len(mail.outbox) == 1
    # Nor can Brugge's editor invite for Aalst.
    assert (
        client_b.post(
            url_a, {"action": "grant", "email": "x@aalst.be", "role": "editor", "language": "nl"}
        ).status_code
        == 404
    )
    assert not Invitation.objects.filter(email="x@aalst.be").exists()


@pytest.mark.django_db
def test_the_database_refuses_a_role_outside_the_invitations_scope(tenants):
    """A campaign invites respondents only; a pair's own invitation gives editor or reader."""
    with pytest.raises(IntegrityError):
        factories_invitation(tenants, campaign=None, role="respondent")


def factories_invitation(tenants, **fields):
    from django.utils import timezone

    return Invitation.objects.create(
        pair=tenants["pair_b"],
        email="x@brugge.be",
        token_hash="x" * 64,
        expires_at=timezone.now(),
        **fields,
    )
