"""The questionnaire pages: the flow by degree with and without JavaScript, validation that loses
nothing, edit conflicts, uploads, contacts, submit and a save after the session expired."""

import io
import re
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from tandem.campaigns.models import (
    CampaignPair,
    ContactPerson,
    Response,
    ResponseDocument,
    Submission,
)
from tests import factories

from .test_answering import JOINT, _answer_everything


def _urls(inventory, domain="financieel"):
    args = [inventory["campaign"].slug, inventory["pair_a"].municipality.refnis]
    return {
        "overview": reverse("questionnaire", args=args),
        "domain": reverse("questionnaire-domain", args=[*args, domain]),
        "contacts": reverse("questionnaire-contacts", args=args),
        "print": reverse("questionnaire-print", args=args),
        "submit": reverse("questionnaire-submit", args=args),
        "row": lambda key: reverse("questionnaire-row", args=[*args, domain, key]),
        "history": reverse("pair-history", args=args),
    }


@pytest.fixture
def page(inventory, client_as):
    return client_as(inventory["user_a"]), _urls(inventory)


def _stored(inventory, aspect):
    return Response.objects.filter(
        round=inventory["round"], pair=inventory["pair_a"], aspect=aspect
    ).first()


def test_the_domain_page_lists_the_questionnaire_rows_in_order(inventory, page):
    client, urls = page
    html = client.get(urls["domain"]).content.decode()
    labels = [a.label for a in inventory["aspects"]]
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "Andere" in html or "Other aspects" in html


def test_without_javascript_the_follow_up_for_the_degree_appears_after_saving(inventory, page):
    client, urls = page
    key = f"a{inventory['aspects'][0].pk}"
    before = client.get(urls["domain"]).content.decode()
    assert f'name="{key}-desirable"' not in before
    response = client.post(
        urls["domain"], {f"{key}-version": 0, f"{key}-degree": "0", f"{key}-reasons": "apart"}
    )
    assert response.status_code == 302
    after = client.get(urls["domain"]).content.decode()
    assert f'name="{key}-desirable"' in after and f'name="{key}-obstacles"' not in after
    assert _stored(inventory, inventory["aspects"][0]).reasons == "apart"


@pytest.mark.parametrize(
    ("degree", "present", "absent"),
    [
        ("0", "desirable", "formal_desirable"),
        ("1", "formal_desirable", "obstacles"),
        ("2", "obstacles", "desirable_reasons"),
    ],
)
def test_htmx_autosave_sends_the_follow_ups_of_the_new_degree(
    inventory, page, degree, present, absent
):
    client, urls = page
    key = f"a{inventory['aspects'][1].pk}"
    response = client.post(
        urls["row"](key),
        {f"{key}-version": 0, f"{key}-degree": degree, f"{key}-shown": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'hx-swap-oob="outerHTML"' in html
    assert f'name="{key}-{present}"' in html and f'name="{key}-{absent}"' not in html
    assert f'name="{key}-version" value="1"' in html
    assert _stored(inventory, inventory["aspects"][1]).degree == int(degree)


def test_typing_in_a_follow_up_does_not_replace_it(inventory, page):
    client, urls = page
    key = f"a{inventory['aspects'][1].pk}"
    client.post(urls["row"](key), {f"{key}-version": 0, f"{key}-degree": "0"}, HTTP_HX_REQUEST="1")
    response = client.post(
        urls["row"](key),
        {
            f"{key}-version": 1,
            f"{key}-degree": "0",
            f"{key}-shown": "0",
            f"{key}-desirable_reasons": "schaal",
        },
        HTTP_HX_REQUEST="true",
    )
    assert f"followups-{key}" not in response.content.decode()
    assert _stored(inventory, inventory["aspects"][1]).desirable_reasons == "schaal"


def test_a_validation_error_redisplays_everything_typed(inventory, page):
    client, urls = page
    first, second = (f"a{a.pk}" for a in inventory["aspects"][:2])
    response = client.post(
        urls["domain"],
        {
            f"{first}-version": 0,
            f"{first}-degree": "2",
            f"{first}-regulation_link": "not a link",
            f"{first}-regulation": "protocol van 2009",
            f"{second}-version": 0,
            f"{second}-degree": "1",
            f"{second}-reasons": "kept as typed",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "protocol van 2009" in html and "not a link" in html and "kept as typed" in html
    assert _stored(inventory, inventory["aspects"][0]) is None
    assert _stored(inventory, inventory["aspects"][1]).reasons == "kept as typed"


def test_two_people_saving_the_same_aspect_the_second_sees_both_versions(inventory, client):
    """R5: both load version 0; the first save wins, the second gets the conflict view with
    both answers and nothing of the first is lost."""
    urls = _urls(inventory)
    colleague = factories.user(username="colleague-a")
    factories.pair_role(user=colleague, pair=inventory["pair_a"])
    first, second = Client(), Client()
    first.force_login(inventory["user_a"])
    second.force_login(colleague)
    key = f"a{inventory['aspects'][0].pk}"
    for c in (first, second):
        assert f'name="{key}-version" value="0"' in c.get(urls["domain"]).content.decode()
    ok = first.post(
        urls["domain"], {f"{key}-version": 0, f"{key}-degree": "2", f"{key}-reasons": "eerste"}
    )
    assert ok.status_code == 302
    refused = second.post(
        urls["domain"], {f"{key}-version": 0, f"{key}-degree": "0", f"{key}-reasons": "tweede"}
    )
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "eerste" in html and "tweede" in html
    stored = _stored(inventory, inventory["aspects"][0])
    assert (stored.degree, stored.reasons, stored.version) == (2, "eerste", 1)
    # Saving again from the conflict view is a deliberate replacement.
    replaced = second.post(
        urls["domain"], {f"{key}-version": 1, f"{key}-degree": "0", f"{key}-reasons": "tweede"}
    )
    assert replaced.status_code == 302 and _stored(inventory, inventory["aspects"][0]).version == 2


def _docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _bomb_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (30 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("protocol.pdf", b"%PDF-1.7\n%%EOF", True),
        ("overeenkomst.docx", _docx_bytes(), True),
        ("lijst.pdf", b"stad;ocmw\n1;2\n", False),  # a CSV renamed to .pdf
        ("script.exe", b"MZ", False),
        ("bom.docx", _bomb_bytes(), False),
        ("../../etc/passwd.pdf", b"%PDF-1.4", True),  # stored under a generated name
    ],
)
def test_documents_are_checked_by_content(
    inventory, page, name, content, accepted, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    client, urls = page
    key = f"a{inventory['aspects'][0].pk}"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        urls["domain"],
        {
            f"{key}-version": 0,
            f"{key}-degree": "2",
            f"{key}-document": SimpleUploadedFile(name, content),
        },
    )
    assert (response.status_code == 302) is accepted
    documents = list(ResponseDocument.objects.filter(response__pair=inventory["pair_a"]))
    assert len(documents) == int(accepted)
    if accepted:
        stored = documents[0]
        assert "/" not in stored.original_name and ".." not in stored.file.name
        assert stored.file.path.startswith(str(tmp_path))
        download = client.get(
            reverse(
                "response-document",
                args=[
                    inventory["campaign"].slug,
                    inventory["pair_a"].municipality.refnis,
                    stored.pk,
                ],
            )
        )
        assert download["Content-Disposition"].startswith("attachment")
        assert b"".join(download.streaming_content) == content


def test_a_document_over_20_mb_is_refused(inventory, page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client, urls = page
    key = f"a{inventory['aspects'][0].pk}"
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("groot.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))
    response = client.post(
        urls["domain"], {f"{key}-version": 0, f"{key}-degree": "1", f"{key}-document": big}
    )
    assert response.status_code == 400 and "20 MB" in response.content.decode()
    assert not ResponseDocument.objects.filter(response__pair=inventory["pair_a"]).exists()


def test_own_other_rows_are_added_answered_and_removed(inventory, page):
    client, urls = page
    added = client.post(urls["domain"], {"action": "add-own", "label": "Budgetopvolging"})
    assert added.status_code == 302
    own = Response.objects.get(
        round=inventory["round"], pair=inventory["pair_a"], aspect__isnull=True
    )
    assert own.proposal.label == "Budgetopvolging"
    key = f"o{own.proposal_id}"
    assert "Budgetopvolging" in client.get(urls["domain"]).content.decode()
    client.post(
        urls["row"](key), {f"{key}-version": own.version, f"{key}-degree": "1"}, HTTP_HX_REQUEST="1"
    )
    own.refresh_from_db()
    assert own.degree == 1
    client.post(
        urls["domain"], {"action": f"remove-own-{own.proposal_id}", f"{key}-version": own.version}
    )
    assert not Response.objects.filter(pk=own.pk).exists()


def test_contact_persons_are_validated_and_saved(inventory, page):
    client, urls = page
    domain = inventory["framework"].contact_domains.order_by("order").first()
    prefix = f"c{domain.pk}-gemeente"
    bad = client.post(
        urls["contacts"],
        {f"{prefix}-name": "An Peeters", f"{prefix}-phone": "bel me", f"{prefix}-email": "an@"},
    )
    html = bad.content.decode()
    assert bad.status_code == 400 and "An Peeters" in html and "bel me" in html
    assert not ContactPerson.objects.exists()
    good = client.post(
        urls["contacts"],
        {
            f"{prefix}-name": "An Peeters",
            f"{prefix}-function": "financieel directeur",
            f"{prefix}-phone": "053 72 22 11",
            f"{prefix}-email": "an.peeters@aalst.be",
        },
    )
    assert good.status_code == 302
    contact = ContactPerson.objects.get()
    assert (contact.administration, contact.phone) == ("gemeente", "053 72 22 11")


def test_submit_from_the_overview(inventory, page):
    client, urls = page
    overview = client.get(urls["overview"]).content.decode()
    assert 'class="missing-summary"' in overview and urls["submit"] not in overview
    client.post(urls["submit"], {"confirm": "on"})  # answers are missing
    assert not Submission.objects.filter(pair=inventory["pair_a"]).exists()
    _answer_everything(inventory)
    assert urls["submit"] in client.get(urls["overview"]).content.decode()
    # An irreversible step asks first: without the confirmation nothing is submitted.
    unconfirmed = client.post(urls["submit"])
    assert (
        unconfirmed.status_code == 400 and 'class="error-summary"' in unconfirmed.content.decode()
    )
    assert not Submission.objects.filter(pair=inventory["pair_a"]).exists()
    assert client.post(urls["submit"], {"confirm": "on"}).status_code == 302
    assert client.post(urls["submit"], {"confirm": "on"}).status_code == 302  # double click
    assert Submission.objects.filter(pair=inventory["pair_a"], respondent=JOINT).count() == 1
    # The domain page now reads the answers back instead of offering fields to change.
    html = client.get(urls["domain"]).content.decode()
    key = f"a{inventory['aspects'][0].pk}"
    assert 'class="banner banner-done"' in html and f'name="{key}-degree"' not in html
    assert "respondent-a" in html  # who submitted


def test_a_save_after_the_session_expired_is_stored_once_after_login(inventory, expired_client):
    urls = _urls(inventory)
    key = f"a{inventory['aspects'][0].pk}"
    anonymous = expired_client.post(
        urls["row"](key),
        {f"{key}-version": 0, f"{key}-degree": "1", f"{key}-reasons": "na time-out"},
        HTTP_HX_REQUEST="true",
    )
    assert anonymous.status_code == 204 and anonymous["HX-Redirect"].startswith(reverse("login"))
    assert _stored(inventory, inventory["aspects"][0]) is None
    expired_client.force_login(inventory["user_a"])
    expired_client.get(urls["domain"])
    expired_client.get(urls["domain"])  # a second visit does not store it again
    stored = Response.objects.filter(round=inventory["round"], aspect=inventory["aspects"][0])
    assert [(r.degree, r.reasons, r.version) for r in stored] == [(1, "na time-out", 1)]


def test_the_history_page_shows_who_changed_what(inventory, page):
    client, urls = page
    key = f"a{inventory['aspects'][0].pk}"
    client.post(urls["domain"], {f"{key}-version": 0, f"{key}-degree": "0"})
    client.post(urls["domain"], {f"{key}-version": 1, f"{key}-degree": "2"})
    html = client.get(urls["history"]).content.decode()
    assert "respondent-a" in html and inventory["aspects"][0].label in html


def test_separate_answers_are_compared_aspect_by_aspect(inventory, client_as):
    pair_b, first = inventory["pair_b"], inventory["aspects"][0]
    municipal = factories.user(username="gemeente-b")
    factories.pair_role(user=municipal, pair=pair_b, administration="gemeente")
    for user, respondent, degree in ((municipal, "gemeente", 2), (inventory["user_b"], "ocmw", 0)):
        from tandem.campaigns.services.answering import save_answer

        save_answer(
            round_=inventory["round"],
            pair=pair_b,
            respondent=respondent,
            aspect=first,
            values={"degree": degree},
            expected_version=0,
            user=user,
        )
    client = client_as(inventory["user_b"])
    url = reverse("pair-comparison", args=[inventory["campaign"].slug, pair_b.municipality.refnis])
    html = client.get(url).content.decode()
    row = html[html.index(first.label) :].split("</tr>")[0]
    assert "differs" in row or "verschilt" in row
    assert 'class="differs"' in html


@pytest.mark.parametrize(
    "name",
    ["overview", "domain", "contacts", "print", "history", "manage", "manage-pairs", "proposals"],
)
def test_questionnaire_and_coordination_pages_stay_within_15_queries(
    inventory, client_as, django_assert_max_num_queries, name
):
    """P4: no N+1 — the query count does not grow with the answers on the page."""
    _answer_everything(inventory)
    slug = inventory["campaign"].slug
    urls = {
        **_urls(inventory),
        "manage": reverse("manage", args=[slug]),
        "manage-pairs": reverse("manage-pairs", args=[slug]),
        "proposals": reverse("review-proposals", args=[slug]),
    }
    user = inventory["coordinator"] if name in ("manage", "manage-pairs", "proposals") else None
    client = client_as(user or inventory["user_a"])
    client.get(urls[name])  # warm the per-process vocabulary cache
    with django_assert_max_num_queries(15):
        assert client.get(urls[name]).status_code == 200


@pytest.mark.parametrize("degree", ["0", "2"])
def test_an_autosave_stays_within_its_queries(
    inventory, page, django_assert_max_num_queries, degree
):
    """P4 for the most frequent request: the seat (2 queries with the session and user's 2),
    the row (2), the locked save with its one history record (up to 9 with the savepoint), and
    the row's documents when the follow-ups ask for them."""
    client, urls = page
    _answer_everything(inventory)
    key = f"a{inventory['aspects'][0].pk}"
    version = _stored(inventory, inventory["aspects"][0]).version
    client.get(urls["domain"])  # warm the per-process catalogue cache
    with django_assert_max_num_queries(16):
        response = client.post(
            urls["row"](key),
            {f"{key}-version": version, f"{key}-degree": degree, f"{key}-shown": "2"},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    assert f'name="{key}-version" value="{version + 1}"' in response.content.decode()


@pytest.mark.parametrize("key", ["o" + "1" + "0" * 30, "a" + "9" * 25, "o١٢"])
def test_a_row_key_no_database_id_can_be_is_a_404(page, key):
    client, urls = page
    response = client.post(urls["row"](key), {f"{key}-version": 0}, HTTP_HX_REQUEST="1")
    assert response.status_code == 404


def _token(html, key):
    return re.search(rf'name="{key}-form_token" value="([0-9a-f]{{32}})"', html).group(1)


def test_an_old_tab_of_the_same_person_shows_the_conflict_instead_of_overwriting(page, inventory):
    """Issue 15.4: two tabs of one person; the newer tab saves; the older tab's autosave (still
    at version 0) gets both versions, and the newer text stays stored."""
    client, urls = page
    key = f"a{inventory['aspects'][0].pk}"
    old_tab, new_tab = (_token(client.get(urls["domain"]).content.decode(), key) for _ in "ab")
    assert old_tab != new_tab

    def autosave(token, degree, reasons):  # a row's autosave from a page opened at version 0
        data = {"version": 0, "form_token": token, "degree": degree, "reasons": reasons}
        return client.post(
            urls["row"](key),
            {f"{key}-{name}": value for name, value in data.items()},
            HTTP_HX_REQUEST="true",
        )

    saved = autosave(new_tab, "2", "nieuw")
    assert saved.status_code == 200
    stale = autosave(old_tab, "0", "oud")
    assert "nieuw" in stale.content.decode() and "oud" in stale.content.decode()
    assert _stored(inventory, inventory["aspects"][0]).reasons == "nieuw"
    # The newer tab's own Save button racing its autosave (still at version 0) is no conflict.
    again = autosave(new_tab, "2", "nieuwer")
    assert again.status_code == 200
    assert _stored(inventory, inventory["aspects"][0]).reasons == "nieuwer"


def _contact_post(prefix, name, version=None, **extra):
    data = {f"{prefix}-name": name, **{f"{prefix}-{k}": v for k, v in extra.items()}}
    if version is not None:
        data[f"{prefix}-version"] = version
    return data


def test_two_peoples_contact_saves_keep_each_others_entries(inventory):
    """Issue 15.5: both open the empty contacts page; each fills another cell; neither save
    deletes the other's entry (an empty cell one never touched is no removal)."""
    urls = _urls(inventory)
    colleague = factories.user(username="colleague-contacts")
    factories.pair_role(user=colleague, pair=inventory["pair_a"])
    first, second = Client(), Client()
    first.force_login(inventory["user_a"])
    second.force_login(colleague)
    domains = list(inventory["framework"].contact_domains.order_by("order")[:2])
    mine, theirs = (f"c{d.pk}-gemeente" for d in domains)
    for c in (first, second):
        assert f'name="{mine}-version" value="0"' in c.get(urls["contacts"]).content.decode()
    assert first.post(urls["contacts"], _contact_post(mine, "An", 0)).status_code == 302
    sent = second.post(
        urls["contacts"], {**_contact_post(mine, "", 0), **_contact_post(theirs, "Bert", 0)}
    )
    assert sent.status_code == 302
    assert sorted(ContactPerson.objects.values_list("name", flat=True)) == ["An", "Bert"]


def test_a_contact_changed_by_someone_else_meanwhile_shows_both_and_keeps_the_stored(inventory):
    urls = _urls(inventory)
    contact = factories.contact_person(
        campaign=inventory["campaign"], pair=inventory["pair_a"], name="An"
    )
    prefix = f"c{contact.contact_domain_id}-{contact.administration}"
    colleague = factories.user(username="colleague-contacts")
    factories.pair_role(user=colleague, pair=inventory["pair_a"])
    first, second = Client(), Client()
    first.force_login(inventory["user_a"])
    second.force_login(colleague)
    version = ContactPerson.objects.get().version
    assert (
        first.post(urls["contacts"], _contact_post(prefix, "An Peeters", version)).status_code
        == 302
    )
    refused = second.post(urls["contacts"], _contact_post(prefix, "Anna", version))
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "An Peeters" in html and "Anna" in html
    assert ContactPerson.objects.get().name == "An Peeters"
    # Removing it from a page opened before the change is a conflict too.
    removed = second.post(urls["contacts"], _contact_post(prefix, "", version))
    assert removed.status_code == 409 and ContactPerson.objects.filter(name="An Peeters").exists()
    # Saving again from the conflict view (it carries the stored version) is deliberate.
    again = second.post(urls["contacts"], _contact_post(prefix, "Anna", version + 1))
    assert again.status_code == 302 and ContactPerson.objects.get().name == "Anna"


def test_a_pair_editor_without_an_administration_on_a_separate_pair_is_told_why(inventory, client):
    """Issue 15.9: this was a 500 (KeyError) on every questionnaire page."""
    CampaignPair.objects.filter(campaign=inventory["campaign"], pair=inventory["pair_a"]).update(
        answer_mode="separate"
    )
    editor = factories.user(username="editor-without-administration")
    factories.pair_role(user=editor, pair=inventory["pair_a"], role="editor", administration="")
    client.force_login(editor)
    urls = _urls(inventory)
    for name in ("overview", "domain", "contacts", "print"):
        response = client.get(urls[name])
        assert response.status_code == 403, name
        assert "coördinator" in response.content.decode()
