"""The respondent's path as people walk it (issue 13), through the test client: the earlier
degree shown with its label, documents and links kept into the confirmation round, progress
that counts what is really missing, no internal version numbers, a submitted questionnaire that
says so, and a history that names system actions in the page's language."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.campaigns.models import ProposedAspect, Response, ResponseDocument
from tandem.campaigns.services import rounds
from tandem.campaigns.services.answering import save_answer
from tests import factories

from . import test_rounds
from .test_answering import JOINT

round_one_done = test_rounds.round_one_done  # the fixture, shared with the rounds' tests

# The degree scale's Dutch and French labels as the catalogue ships them (vocabulary.yaml).
FORMAL_NL, FORMAL_FR = "2 formele samenwerking", "2 coopération formelle"
NONE_NL = "0 geen samenwerking"


def _args(inventory, pair="pair_a"):
    return [inventory["campaign"].slug, inventory[pair].municipality.refnis]


def _domain_url(inventory, pair="pair_a", domain="financieel"):
    return reverse("questionnaire-domain", args=[*_args(inventory, pair), domain])


def _round_two(inventory):
    for proposal in ProposedAspect.objects.filter(campaign=inventory["campaign"]):
        proposal.status = ProposedAspect.Status.KEPT
        proposal.save()
    return rounds.start_confirmation_round(
        campaign=inventory["campaign"], user=inventory["coordinator"]
    )


def _row_html(html, key):
    start = html.index(f'id="row-{key}"')
    end = html.find('class="answer-row', start + 20)
    return html[start : end if end > 0 else len(html)]


def _previous_answer(html, key):
    row = _row_html(html, key)
    return re.search(r'<p class="previous-answer">(.*?)</p>', row, re.S).group(1)


def test_the_confirmation_round_shows_the_earlier_degree_with_its_label(
    round_one_done,
    client_as,
):
    _round_two(round_one_done)
    key = f"a{round_one_done['aspects'][0].pk}"
    client = client_as(round_one_done["user_a"])
    dutch = _previous_answer(client.get(_domain_url(round_one_done)).content.decode(), key)
    assert FORMAL_NL in dutch and "—" not in dutch
    client.cookies["tandem_language"] = "fr"
    french = _previous_answer(client.get(_domain_url(round_one_done)).content.decode(), key)
    assert FORMAL_FR in french


def test_the_confirmation_round_keeps_the_documents_and_links_of_the_round_before(
    inventory, client_as, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    client = client_as(inventory["user_a"])
    first = inventory["aspects"][0]
    key = f"a{first.pk}"
    from .test_answering import _answer_everything

    _answer_everything(inventory)
    version = Response.objects.get(round=inventory["round"], pair=inventory["pair_a"], aspect=first)
    client.post(
        _domain_url(inventory),
        {
            f"{key}-version": version.version,
            f"{key}-degree": "2",
            f"{key}-obstacles": "geen",
            f"{key}-regulation_link": "https://aalst.be/convenant.pdf",
            f"{key}-document": SimpleUploadedFile("convenant.pdf", b"%PDF-1.7\n%%EOF"),
        },
    )
    from tandem.campaigns.services.answering import submit

    submit(round_=inventory["round"], pair=inventory["pair_a"], respondent=JOINT, user=None)
    rounds.close_round(round_=inventory["round"])
    round_two = _round_two(inventory)
    copy = Response.objects.get(round=round_two, pair=inventory["pair_a"], aspect=first)
    assert copy.regulation_link == "https://aalst.be/convenant.pdf"
    assert [d.original_name for d in copy.documents.all()] == ["convenant.pdf"]
    html = client.get(_domain_url(inventory)).content.decode()
    row = _row_html(html, key)
    assert "convenant.pdf" in row and "https://aalst.be/convenant.pdf" in row
    # The copy is a download of its own in round two, with the same bytes.
    document = copy.documents.get()
    download = client.get(reverse("response-document", args=[*_args(inventory), document.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7\n%%EOF"
    assert ResponseDocument.objects.filter(response__pair=inventory["pair_a"]).count() == 2


def test_the_comparison_page_shows_both_degrees_with_their_labels(inventory, client_as):
    pair_b, first = inventory["pair_b"], inventory["aspects"][0]
    municipal = factories.user(username="gemeente-b")
    for user, respondent, degree in ((municipal, "gemeente", 2), (inventory["user_b"], "ocmw", 0)):
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
    url = reverse("pair-comparison", args=_args(inventory, "pair_b"))
    html = client.get(url).content.decode()
    row = html[html.index(first.label) :].split("</tr>")[0]
    text = re.sub(r"<[^>]+>", "", row)
    assert FORMAL_NL in text and NONE_NL in text


def test_the_conflict_view_shows_both_degrees_with_their_labels(inventory, client_as):
    from django.test import Client

    colleague = factories.user(username="collega-a")
    factories.pair_role(user=colleague, pair=inventory["pair_a"])
    key = f"a{inventory['aspects'][0].pk}"
    first, second = client_as(inventory["user_a"]), Client()
    second.force_login(colleague)
    first.post(_domain_url(inventory), {f"{key}-version": 0, f"{key}-degree": "2"})
    refused = second.post(_domain_url(inventory), {f"{key}-version": 0, f"{key}-degree": "0"})
    assert refused.status_code == 409
    box = refused.content.decode().split('class="conflict-box"')[1].split("</table>")[0]
    text = re.sub(r"<[^>]+>", "", box)
    assert FORMAL_NL in text and NONE_NL in text


def test_the_history_shows_degrees_with_their_labels(inventory, client_as):
    client = client_as(inventory["user_a"])
    key = f"a{inventory['aspects'][0].pk}"
    client.post(_domain_url(inventory), {f"{key}-version": 0, f"{key}-degree": "0"})
    client.post(_domain_url(inventory), {f"{key}-version": 1, f"{key}-degree": "2"})
    html = client.get(reverse("pair-history", args=_args(inventory))).content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    assert NONE_NL in text and FORMAL_NL in text


def _history_rows(html, marker):
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [row for row in body.split("<tr>") if marker in row]


def test_the_history_names_prefilled_answers_as_tandems_not_the_coordinators(
    round_one_done,
    client_as,
):
    round_one_done["coordinator"].first_name = "Coördinator"
    round_one_done["coordinator"].save()
    _round_two(round_one_done)
    client = client_as(round_one_done["user_a"])
    url = reverse("pair-history", args=_args(round_one_done))
    dutch = _history_rows(client.get(url).content.decode(), "Ronde 2")
    assert dutch and all("vooraf ingevuld uit ronde 1" in row for row in dutch)
    assert not any("Coördinator" in row or "coordinator" in row for row in dutch)
    client.cookies["tandem_language"] = "fr"
    french = client.get(url).content.decode()
    rows = _history_rows(french, "Tour 2")
    assert rows and all("pré-rempli à partir du tour 1" in row for row in rows)
    for english in ("Created", "Changed", "created", "changed"):
        assert f"({english})" not in french


def _overview(inventory, client):
    return client.get(reverse("questionnaire", args=_args(inventory))).content.decode()


def _task_hint(html, slug):
    hint = html.split(f'id="task-{slug}-hint">')[1].split("</span></span>")[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", hint))


def _task_state(html, slug):
    state = html.split(f'id="task-{slug}-state">')[1].split("</span>")[0]
    return re.sub(r"<[^>]+>", "", state).strip()


def test_a_domain_with_every_degree_but_missing_follow_ups_is_not_complete(inventory, client_as):
    """Defect 4: '7 / 7 answered' while the yes/no follow-ups were missing."""
    from .test_answering import _save

    aspects = inventory["aspects"]
    for aspect in aspects:
        _save(inventory, aspect, {"degree": 0})  # no 'is cooperation desirable?'
    html = _overview(inventory, client_as(inventory["user_a"]))
    asked = len(aspects)
    hint = _task_hint(html, "financieel")
    assert f"0 van {asked} aspecten volledig" in hint
    assert f"{asked} antwoorden ontbreken" in hint
    assert _task_state(html, "financieel") == "◐ bezig"
    # Answering the follow-ups completes the domain.
    for aspect in aspects:
        stored = Response.objects.get(
            round=inventory["round"], pair=inventory["pair_a"], aspect=aspect
        )
        _save(inventory, aspect, {"desirable": False}, version=stored.version)
    html = _overview(inventory, client_as(inventory["user_a"]))
    assert f"{asked} van {asked} aspecten volledig" in _task_hint(html, "financieel")
    assert _task_state(html, "financieel") == "● volledig"


def test_own_rows_are_counted_apart_and_need_their_answers_too(inventory, client_as):
    """Defect 4: '8 / 7' with an own 'other' row."""
    from tandem.campaigns.services.answering import add_own_row

    from .test_answering import _save

    aspects = inventory["aspects"]
    for aspect in aspects:
        _save(inventory, aspect, {"degree": 2})
    add_own_row(
        round_=inventory["round"],
        pair=inventory["pair_a"],
        respondent=JOINT,
        domain=inventory["financieel"],
        label="Budgetopvolging",
        user=inventory["user_a"],
    )
    html = _overview(inventory, client_as(inventory["user_a"]))
    hint = _task_hint(html, "financieel")
    asked = len(aspects)
    assert f"{asked} van {asked} aspecten volledig" in hint and "plus 1 eigen aspect" in hint
    assert "1 antwoord ontbreekt" in hint  # the own row has no degree yet
    assert _task_state(html, "financieel") == "◐ bezig"


def test_the_missing_list_is_never_cut(inventory, client_as):
    """Defect 4: the list stopped at 30 without saying so. Nothing is answered: every asked
    aspect of every domain is listed, with a link to its field."""
    from tandem.catalogue.models import Aspect

    html = _overview(inventory, client_as(inventory["user_a"]))
    summary = html.split('class="missing-summary"')[1].split("</div>")[0]
    items = re.findall(r'<li><a href="([^"]+)">', summary)
    asked = Aspect.objects.filter(
        domain__framework=inventory["framework"], origin="predefined"
    ).count()
    assert asked > 30 and len(items) == asked
    first = inventory["aspects"][0]
    assert items[0] == _domain_url(inventory) + f"#id_a{first.pk}-degree_0"


def test_required_follow_ups_are_marked_before_they_are_missed(inventory, client_as):
    from .test_answering import _save

    first = inventory["aspects"][0]
    _save(inventory, first, {"degree": 0})
    html = client_as(inventory["user_a"]).get(_domain_url(inventory)).content.decode()
    row = _row_html(html, f"a{first.pk}")
    legends = re.findall(r"<legend>(.*?)</legend>", row, re.S)
    marked = [text for text in legends if "(verplicht)" in text]
    assert len(marked) == 2  # the degree and 'is cooperation desirable?'
    assert not any("Soorten redenen" in text for text in marked)


def test_after_submit_a_banner_says_who_submitted_what_happens_next_and_who_reopens(
    inventory, client_as
):
    """Defect 6: disabled grey fields and 'Saved (v7)'."""
    from tandem.campaigns.services.answering import submit

    from .test_answering import _answer_everything

    inventory["coordinator"].first_name, inventory["coordinator"].last_name = "Els", "Claes"
    inventory["coordinator"].save()
    inventory["user_a"].first_name, inventory["user_a"].last_name = "An", "Peeters"
    inventory["user_a"].save()
    _answer_everything(inventory)
    submit(
        round_=inventory["round"],
        pair=inventory["pair_a"],
        respondent=JOINT,
        user=inventory["user_a"],
    )
    client = client_as(inventory["user_a"])
    for html in (_overview(inventory, client), client.get(_domain_url(inventory)).content.decode()):
        banner = re.sub(
            r"\s+",
            " ",
            re.sub(r"<[^>]+>", "", html.split('class="banner banner-done"')[1].split("</div>")[0]),
        )
        assert "Ingediend op" in banner and "door An Peeters" in banner
        assert "Els Claes" in banner and "heropenen" in banner
        assert not re.search(r"\(v\d+\)", html)
    domain = client.get(_domain_url(inventory)).content.decode()
    assert (
        " disabled" not in domain and "<input" not in domain.split("<main")[1].split("</main>")[0]
    )


def test_a_saved_row_never_shows_its_version_number(inventory, client_as):
    client = client_as(inventory["user_a"])
    key = f"a{inventory['aspects'][0].pk}"
    for version in range(3):
        client.post(_domain_url(inventory), {f"{key}-version": version, f"{key}-degree": "1"})
    html = client.get(_domain_url(inventory)).content.decode()
    status = html.split(f'id="status-{key}"')[1].split("</p>")[0]
    assert "Laatst bewaard op" in status and not re.search(r"v\d", status)


def test_the_print_view_holds_every_answer_with_follow_ups_and_document_names(
    inventory, client_as, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    client = client_as(inventory["user_a"])
    first, second = inventory["aspects"][:2]
    client.post(
        _domain_url(inventory),
        {
            f"a{first.pk}-version": 0,
            f"a{first.pk}-degree": "2",
            f"a{first.pk}-obstacles": "Aparte boekhouding",
            f"a{first.pk}-document": SimpleUploadedFile("protocol-2009.pdf", b"%PDF-1.7\n%%EOF"),
            f"a{second.pk}-version": 0,
            f"a{second.pk}-degree": "0",
            f"a{second.pk}-desirable": "yes",
            f"a{second.pk}-desirable_reasons": "Schaalvoordelen",
        },
    )
    url = reverse("questionnaire-print", args=_args(inventory))
    html = client.get(url).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for expected in (
        first.label,
        "Aparte boekhouding",
        "protocol-2009.pdf",
        second.label,
        "Schaalvoordelen",
    ):
        assert expected in text
    assert "Ontwerp, nog niet ingediend" in text
    # Every domain is on the page, each asked aspect once.
    for domain in inventory["framework"].domains.all():
        assert f'id="domain-{domain.slug}"' in html
    assert html.count('class="answer-readonly"') >= len(inventory["aspects"])


def test_enter_in_the_other_aspect_field_without_javascript_adds_it_and_saves_the_rows(
    inventory, client_as
):
    """Defect 5, without JavaScript: Enter presses the form's first button (Save); an aspect
    typed in 'other aspect' is added too and the typed rows are saved."""
    client = client_as(inventory["user_a"])
    key = f"a{inventory['aspects'][0].pk}"
    html = client.get(_domain_url(inventory)).content.decode()
    form = html.split("data-questionnaire")[1]
    first_button = re.search(r'<button type="submit" name="action" value="([^"]+)"', form).group(1)
    assert first_button == "save"
    response = client.post(
        _domain_url(inventory),
        {f"{key}-version": 0, f"{key}-degree": "1", "label": "Budgetopvolging", "action": "save"},
    )
    assert response.status_code == 302
    assert (
        Response.objects.get(
            round=inventory["round"], pair=inventory["pair_a"], aspect=inventory["aspects"][0]
        ).degree
        == 1
    )
    assert ProposedAspect.objects.filter(pair=inventory["pair_a"], label="Budgetopvolging").exists()


def test_an_autosave_with_a_document_stores_it_and_says_so_in_the_row(
    inventory, client_as, tmp_path, settings
):
    """Defect 1: a document chosen in a row was dropped by the row's autosave while the row
    said 'saved'."""
    import json

    settings.MEDIA_ROOT = tmp_path
    client = client_as(inventory["user_a"])
    key = f"a{inventory['aspects'][0].pk}"
    url = reverse("questionnaire-row", args=[*_args(inventory), "financieel", key])

    def autosave(version, name, content):
        return client.post(
            url,
            {
                f"{key}-version": version,
                f"{key}-degree": "2",
                f"{key}-shown": "2",
                f"{key}-document": SimpleUploadedFile(name, content),
            },
            HTTP_HX_REQUEST="true",
        )

    stored = autosave(0, "protocol.pdf", b"%PDF-1.7\n%%EOF")
    html = stored.content.decode()
    assert stored.status_code == 200
    assert "Het document “protocol.pdf” is bewaard." in html
    documents = html.split(f'id="documents-{key}"')[1].split("</div>")[0]
    assert 'hx-swap-oob="outerHTML"' in documents and "protocol.pdf" in documents
    assert json.loads(stored["HX-Trigger"]) == {"tandem:document-handled": {"row": key}}
    answer = Response.objects.get(round=inventory["round"], aspect=inventory["aspects"][0])
    assert [d.original_name for d in answer.documents.all()] == ["protocol.pdf"]
    # A refused file: the answer is saved, the row says why the file is not stored.
    refused = autosave(answer.version, "lijst.pdf", b"stad;ocmw\n1;2\n")
    status = refused.content.decode().split(f'id="status-{key}"')[1].split("</p>")[0]
    assert "Het document “lijst.pdf” is niet bewaard" in status and "PDF" in status
    assert "is bewaard." not in status.split("niet bewaard")[1]
    answer.refresh_from_db()
    assert answer.documents.count() == 1 and answer.version == 2


def test_the_history_does_not_bury_changes_under_the_status_lines_of_a_submit(inventory, client_as):
    from tandem.campaigns.services.answering import submit

    from .test_answering import _answer_everything

    _answer_everything(inventory)
    submit(round_=inventory["round"], pair=inventory["pair_a"], respondent=JOINT, user=None)
    html = (
        client_as(inventory["user_a"])
        .get(reverse("pair-history", args=_args(inventory)))
        .content.decode()
    )
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    submitted = [row for row in rows if "ingediend" in row]
    assert len(submitted) == 1 and "Ronde 1 · vragenlijst" in submitted[0]
    # Every answer's creation is still listed.
    answered = Response.objects.filter(round=inventory["round"], pair=inventory["pair_a"])
    assert len(rows) == answered.count() + 1


def test_an_autosave_with_a_document_stays_within_18_queries(
    inventory, client_as, tmp_path, settings, django_assert_max_num_queries
):
    """P4: the autosave's 16, plus the document and its history record, in the answer's
    transaction (the lock already says the questionnaire may be edited), and the row's list."""
    settings.MEDIA_ROOT = tmp_path
    client = client_as(inventory["user_a"])
    key = f"a{inventory['aspects'][0].pk}"
    url = reverse("questionnaire-row", args=[*_args(inventory), "financieel", key])
    client.get(_domain_url(inventory))  # warm the per-process catalogue cache
    with django_assert_max_num_queries(18):
        response = client.post(
            url,
            {
                f"{key}-version": 0,
                f"{key}-degree": "2",
                f"{key}-shown": "2",
                f"{key}-document": SimpleUploadedFile("protocol.pdf", b"%PDF-1.7\n%%EOF"),
            },
            HTTP_HX_REQUEST="true",
        )
    assert "protocol.pdf" in response.content.decode()


def test_an_own_rows_tag_follows_french_punctuation(inventory, client_as):
    """Found walking the French questionnaire: 'Autre aspect: Budget' lacked the space French
    puts before a colon; the tag takes the label colon of the page's language."""
    from tandem.campaigns.services.answering import add_own_row

    add_own_row(
        round_=inventory["round"],
        pair=inventory["pair_a"],
        respondent=JOINT,
        domain=inventory["financieel"],
        label="Budgetopvolging",
        user=inventory["user_a"],
    )
    from tandem.accounts.models import AccountPreferences

    tags = {}
    for language in ("fr", "nl"):  # the person's own choice of language, taken at login
        AccountPreferences.objects.update_or_create(
            user=inventory["user_a"], defaults={"language": language}
        )
        html = client_as(inventory["user_a"]).get(_domain_url(inventory)).content.decode()
        tags[language] = re.search(r'<span class="own-tag">([^<]*)</span>', html).group(1)
    assert tags == {"fr": "Autre aspect :", "nl": "Ander aspect:"}
