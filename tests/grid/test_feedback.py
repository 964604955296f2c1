"""Seed 000's feedback loops (issue 17.6; S000 §4, 1b-1c): a coordinator sends a pair's
synthesis table to its participants, who confirm or correct it; an answered table changes no
more until it is reopened; once the tables are shared, the other pairs read the answered ones
and may add forms of cooperation they had not named."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import AccountPreferences, PairRole
from tandem.grid.mails import participants, send_table_notice
from tandem.grid.models import GridEntry, SynthesisTable, TableSharing
from tests import factories

AALST, BRUGGE = "41002", "31005"


@pytest.fixture
def loop(tenants):
    """The private grid campaign of pairs A (Aalst) and B (Brugge), its coordinator, and an
    editor of each pair, each on a client of their own."""
    campaign = tenants["grid_shared"]
    people = {
        "coordinator": factories.user(username="grid-coordinator"),
        "editor_a": factories.user(username="editor-a"),
        "editor_b": factories.user(username="editor-b"),
    }
    factories.campaign_role(user=people["coordinator"], campaign=campaign)
    factories.pair_role(user=people["editor_a"], pair=AALST, role=PairRole.Role.EDITOR)
    factories.pair_role(user=people["editor_b"], pair=BRUGGE, role=PairRole.Role.EDITOR)
    clients = {}
    for role, user in people.items():
        clients[role] = Client()
        clients[role].force_login(user)
        clients[role].cookies["tandem_language"] = "en"
    return {"campaign": campaign, "entry_b": tenants["grid_shared_entry_b"], **clients}


def _url(name, refnis, **extra):
    return reverse(name, kwargs={"campaign": "grid-shared", "refnis": refnis, **extra})


def _table(refnis):
    return SynthesisTable.objects.get(
        participation__campaign__slug="grid-shared",
        participation__pair__municipality__refnis=refnis,
    )


def _entry_of(refnis):
    return GridEntry.objects.get(table=_table(refnis))


def _relabel(client, entry, label):
    """Post the entry's edit form as a person does, changing only its label."""
    data = {
        "components": [c.pk for c in entry.components.all()],
        "label": label,
        "opened_version": entry.version,
        "obstacles-TOTAL_FORMS": "1",
        "obstacles-INITIAL_FORMS": "0",
        "obstacles-0-text": "privacy",
        "obstacles-0-types": [t.pk for o in entry.obstacles.all() for t in o.types.all()],
    }
    return client.post(
        _url("grid-entry", entry.table.participation.pair.municipality.refnis, pk=entry.pk), data
    )


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_a_table_goes_from_draft_to_sent_to_corrected_and_its_history_names_each_step(loop):
    assert _table(BRUGGE).status == "draft"
    sent = loop["coordinator"].post(_url("grid-send", BRUGGE), follow=True)
    assert _table(BRUGGE).status == "sent" and _table(BRUGGE).sent_at is not None
    assert "is sent to its participants" in " ".join(_messages(sent))
    # The pair's editor finds it on My work.
    work = loop["editor_b"].get(reverse("my-work")).content.decode()
    assert "the synthesis table waits for your answer" in work
    # The pair corrects one entry, then answers.
    assert _relabel(loop["editor_b"], _entry_of(BRUGGE), "Debiteuren samen").status_code == 302
    answered = loop["editor_b"].post(
        _url("grid-answer", BRUGGE), {"note": "Label verbeterd", "read": "on"}, follow=True
    )
    table = _table(BRUGGE)
    assert (table.status, table.answer_note) == ("corrected", "Label verbeterd")
    assert "with 1 entry added, changed or removed since it was sent" in " ".join(
        _messages(answered)
    )
    steps = [
        (h.status, h.history_user.username if h.history_user else None)
        for h in table.history.order_by("history_date", "history_id")
    ]
    assert steps[-2:] == [("sent", "grid-coordinator"), ("corrected", "editor-b")]
    work = loop["editor_b"].get(reverse("my-work")).content.decode()
    assert "waits for your answer" not in work and "corrected by the participants" in work


def test_a_table_answered_without_changes_is_confirmed(loop):
    loop["coordinator"].post(_url("grid-send", AALST))
    response = loop["editor_a"].post(_url("grid-answer", AALST), {"read": "on"}, follow=True)
    assert _table(AALST).status == "confirmed"
    assert "confirmed as it stands" in " ".join(_messages(response))


def test_an_answer_without_the_tick_comes_back_with_what_was_typed(loop):
    loop["coordinator"].post(_url("grid-send", BRUGGE))
    response = loop["editor_b"].post(
        _url("grid-answer", BRUGGE), {"note": "Mijn lange opmerking blijft staan"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and "Tick this box" in html
    assert "Mijn lange opmerking blijft staan" in html
    assert _table(BRUGGE).status == "sent"


def test_an_answered_table_changes_no_more_until_a_coordinator_reopens_it(loop):
    loop["coordinator"].post(_url("grid-send", BRUGGE))
    loop["editor_b"].post(_url("grid-answer", BRUGGE), {"read": "on"})
    entry = _entry_of(BRUGGE)
    label = entry.label
    # Editing, deleting, adding and the intake are all refused, and nothing changes.
    refused = _relabel(loop["editor_b"], entry, "Te laat gewijzigd")
    assert "A coordinator can reopen it" in refused.content.decode()
    assert "Te laat gewijzigd" in refused.content.decode()  # what was typed is still there
    delete = loop["editor_b"].post(_url("grid-entry-delete", BRUGGE, pk=entry.pk), follow=True)
    assert "A coordinator can reopen it" in " ".join(_messages(delete))
    new = _url("grid-entry-new", BRUGGE) + "?domain=debiteurenbeheer&stage=current"
    assert loop["editor_b"].get(new).status_code == 302
    intake = loop["coordinator"].post(
        _url("grid-table", BRUGGE),
        {"attitude": "reticent", "opened_version": _table(BRUGGE).version},
    )
    assert "A coordinator can reopen it" in intake.content.decode()
    entry.refresh_from_db()
    assert entry.label == label and GridEntry.objects.filter(pk=entry.pk).exists()
    assert _table(BRUGGE).attitude == ""
    # The page offers no edit link any more.
    page = loop["editor_b"].get(_url("grid-pair-domain", BRUGGE, domain="debiteurenbeheer"))
    assert _url("grid-entry", BRUGGE, pk=entry.pk) not in page.content.decode()
    # A pair cannot reopen it; its coordinator can, and then the change goes through.
    assert loop["editor_b"].post(_url("grid-reopen", BRUGGE)).status_code == 404
    loop["coordinator"].post(_url("grid-reopen", BRUGGE))
    assert _table(BRUGGE).status == "draft"
    assert _relabel(loop["editor_b"], _entry_of(BRUGGE), "Na heropening").status_code == 302
    assert _entry_of(BRUGGE).label == "Na heropening"


def test_only_the_campaigns_coordinators_send_and_only_a_sent_table_is_answered(loop):
    assert loop["editor_b"].post(_url("grid-send", BRUGGE)).status_code == 404
    early = loop["editor_b"].post(_url("grid-answer", BRUGGE), {"read": "on"})
    assert early.status_code == 409 and "not waiting for an answer" in early.content.decode()
    assert _table(BRUGGE).status == "draft"
    # Pair A's editor does not reach pair B's table at all.
    assert loop["editor_a"].post(_url("grid-answer", BRUGGE), {"read": "on"}).status_code == 404


def test_sharing_asks_first_and_then_shows_the_answered_tables_to_the_other_pairs(loop):
    table_b = _url("grid-pair", BRUGGE)
    loop["coordinator"].post(_url("grid-send", BRUGGE))
    loop["editor_b"].post(_url("grid-answer", BRUGGE), {"read": "on"})
    # Answered but not shared: pair A does not read it.
    assert loop["editor_a"].get(table_b).status_code == 404
    feedback = reverse("grid-feedback", kwargs={"campaign": "grid-shared"})
    assert loop["editor_a"].get(feedback).status_code == 404  # coordinators only
    unticked = loop["coordinator"].post(feedback, {})
    assert unticked.status_code == 400 and not TableSharing.objects.exists()
    shared = loop["coordinator"].post(feedback, {"understood": "on"}, follow=True)
    assert "1 answered synthesis table is shared with the campaign's 2 participating pairs" in (
        " ".join(_messages(shared))
    )
    entry_label = _entry_of(BRUGGE).label
    page = loop["editor_a"].get(table_b)
    assert page.status_code == 200 and entry_label in page.content.decode()
    # Reading is all: pair A edits nothing of pair B's, nor reads its history.
    entry_b = _entry_of(BRUGGE)
    assert loop["editor_a"].get(_url("grid-entry", BRUGGE, pk=entry_b.pk)).status_code == 404
    assert loop["editor_a"].get(_url("grid-history", BRUGGE)).status_code == 404
    # Someone outside the campaign reads nothing.
    outsider = Client()
    outsider.force_login(factories.user(username="outsider"))
    assert outsider.get(table_b).status_code == 404
    # Reopened, pair B's table is a draft again: pair A no longer reads it.
    loop["coordinator"].post(_url("grid-reopen", BRUGGE))
    assert loop["editor_a"].get(table_b).status_code == 404
    again = loop["coordinator"].post(feedback, {"understood": "on"}, follow=True)
    assert "already shared" in " ".join(_messages(again))
    assert TableSharing.objects.count() == 1


def test_after_sharing_a_pair_adds_what_it_had_not_named_and_only_that_changes(loop):
    from tandem.catalogue.models import Domain

    loop["coordinator"].post(_url("grid-send", AALST))
    loop["editor_a"].post(_url("grid-answer", AALST), {"read": "on"})
    loop["coordinator"].post(
        reverse("grid-feedback", kwargs={"campaign": "grid-shared"}), {"understood": "on"}
    )
    domain = Domain.objects.get(framework__slug="financieel-2012", slug="debiteurenbeheer")
    new = _url("grid-entry-new", AALST) + "?domain=debiteurenbeheer&stage=current"
    data = {
        "components": [domain.aspects.get(slug="debiteurenbeheer").pk],
        "label": "Gezamenlijke inning, gezien bij Brugge",
    }
    assert loop["editor_a"].post(new, data).status_code == 302
    added = GridEntry.objects.get(label="Gezamenlijke inning, gezien bij Brugge")
    assert added.added_after_sharing and added.table == _table(AALST)
    assert _relabel(loop["editor_a"], added, "Gezamenlijke inning").status_code == 302
    original = GridEntry.objects.get(table=_table(AALST), added_after_sharing=False)
    refused = _relabel(loop["editor_a"], original, "Gewijzigd na delen")
    assert refused.status_code == 200 and "A coordinator can reopen it" in refused.content.decode()
    page = loop["editor_a"].get(_url("grid-pair", AALST)).content.decode()
    assert "Added after the tables were shared" in page


def test_the_feedback_page_counts_every_state_and_lists_the_remarks(loop):
    loop["coordinator"].post(_url("grid-send", BRUGGE))
    loop["editor_b"].post(_url("grid-answer", BRUGGE), {"read": "on", "note": "Alles klopt"})
    html = (
        loop["coordinator"]
        .get(reverse("grid-feedback", kwargs={"campaign": "grid-shared"}))
        .content.decode()
    )
    assert "draft: 1" in html and "confirmed by the participants: 1" in html
    assert "sent to the participants: 0" in html
    assert "The synthesis tables of 2 pairs" in html and "Alles klopt" in html


def test_sending_a_table_mails_the_people_who_answer_for_the_pair(
    loop, tenants, mailoutbox, django_capture_on_commit_callbacks
):
    """Everyone who answers for Brugge in this campaign gets one mail, in the language of their
    account (else the questionnaire's), with the table's link; a reader, someone bound to another
    campaign and a deactivated account get none."""
    french = factories.user(username="editrice-b", email="editrice@brugge.be")
    AccountPreferences.objects.create(user=french, language="fr")
    factories.pair_role(user=french, pair=BRUGGE, role=PairRole.Role.EDITOR)
    reader = factories.user(username="lezer-b")
    factories.pair_role(user=reader, pair=BRUGGE, role=PairRole.Role.READER)
    elsewhere = factories.user(username="elders-b")
    factories.pair_role(user=elsewhere, pair=BRUGGE, campaign=tenants["shared"])
    gone = factories.user(username="weg-b", is_active=False)
    factories.pair_role(user=gone, pair=BRUGGE)
    with django_capture_on_commit_callbacks(execute=True):
        sent = loop["coordinator"].post(_url("grid-send", BRUGGE), follow=True)
    assert "3 people get a mail." in " ".join(_messages(sent))
    to = {m.to[0]: m for m in mailoutbox}
    assert set(to) == {"respondent-b@example.be", "editor-b@example.be", "editrice@brugge.be"}
    link = "http://testserver" + reverse("grid-pair", args=["grid-shared", BRUGGE])
    for mail in mailoutbox:
        assert link in mail.body and link in mail.alternatives[0][0]
    assert to["editrice@brugge.be"].subject.startswith("Votre tableau de synthèse attend")
    questionnaire = _table(BRUGGE).participation.get_language_display()
    assert to["editor-b@example.be"].subject.startswith(
        {"Dutch": "Uw synthesetabel wacht", "French": "Votre tableau"}[questionnaire]
    )


def test_a_table_answered_before_its_mail_leaves_gets_none(loop, mailoutbox):
    table = _table(BRUGGE)
    table.status = SynthesisTable.Status.CONFIRMED
    table.save()
    left = send_table_notice.call(
        table_id=table.pk, user_ids=[1, 2, 3], base_url="http://testserver/", attempt=1
    )
    assert (left, mailoutbox) == (0, [])


def test_a_failed_mail_is_tried_again_twice_for_those_it_did_not_reach(
    loop, mailoutbox, monkeypatch
):
    from django.core.mail import EmailMultiAlternatives

    tries: list[str] = []
    real_send = EmailMultiAlternatives.send

    def flaky(message, *args, **kwargs):
        tries.append(message.to[0])
        if message.to[0] == "editor-b@example.be":
            raise ConnectionError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
    table = _table(BRUGGE)
    table.status = SynthesisTable.Status.SENT
    table.save()
    people = sorted(u.pk for u in participants(table.participation))
    send_table_notice.call(table_id=table.pk, user_ids=people, base_url="http://t/", attempt=1)
    # Three attempts for the address that fails, one for the one that works; nobody twice.
    assert sorted(tries) == ["editor-b@example.be"] * 3 + ["respondent-b@example.be"]
    assert [m.to[0] for m in mailoutbox] == ["respondent-b@example.be"]
