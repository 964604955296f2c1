"""Issue 18.1, the organisation scan (seed 003 step 1, S003:19-23): a pair's editors record the
interviews with privileged witnesses (the seed's five questions, per perspective) and write the
scan's picture of the starting situation per perspective, beside what Tandem already knows of
the pair; every save is versioned and kept in the history; a reader reads it all, prints it,
and changes nothing."""

from django.urls import reverse

from tandem.trajectory.models import Interview, ScanPicture
from tests.trajectory.conftest import AALST

INTERVIEW = {
    "held_on": "12/03/2026",
    "witness": "An Peeters",
    "administration": "welfare_centre",
    "role": "financieel directeur",
    "perspectives": ["financial", "organisation"],
    "strengths": "Sterke sociale dienst.",
    "support": "Het college wil samenwerken.",
    "direction": "Eén financiële dienst.",
    "working_methods": "Twee boekhoudpakketten.",
    "housing": "Twee gebouwen, 300 m uit elkaar.",
}


def _interviews():
    return Interview.objects.filter(trajectory__pair__municipality__refnis=AALST)


def _url(name, **kwargs):
    return reverse(name, kwargs={"refnis": AALST, **kwargs})


def _record(client, **changes):
    return client.post(_url("trajectory-interview-new"), {**INTERVIEW, **changes})


def test_an_editor_records_an_interview_shown_under_its_perspectives(scan, client_as):
    client = client_as(scan["editor"])
    saved = _record(client)
    assert saved.status_code == 302 and saved["Location"] == _url("trajectory")
    interview = _interviews().get(witness="An Peeters")
    assert interview.perspectives == ["financial", "organisation"]
    assert interview.history.latest().history_user == scan["editor"]
    page = client.get(_url("trajectory")).content.decode()
    assert "An Peeters" in page and "financieel directeur" in page
    financial = client.get(_url("trajectory-picture", perspective="financial")).content.decode()
    strategic = client.get(_url("trajectory-picture", perspective="strategic")).content.decode()
    assert (
        "Twee boekhoudpakketten." in financial and "Twee gebouwen, 300 m uit elkaar." in financial
    )
    assert "Twee boekhoudpakketten." not in strategic


def test_patrimony_is_offered_only_once_the_pair_chooses_it(scan, client_as):
    client = client_as(scan["editor"])
    form = client.get(_url("trajectory-interview-new")).content.decode()
    assert 'value="patrimony"' not in form
    assert _record(client, perspectives=["patrimony"]).status_code == 200  # not a choice
    client.post(_url("trajectory-settings"), {"with_patrimony": "on"})
    assert 'value="patrimony"' in client.get(_url("trajectory-interview-new")).content.decode()
    assert _record(client, perspectives=["patrimony"]).status_code == 302


def test_a_form_with_mistakes_comes_back_with_what_was_typed(scan, client_as):
    answer = _record(client_as(scan["editor"]), held_on="31/02/2026", witness="")
    html = answer.content.decode()
    assert answer.status_code == 200 and not _interviews().exists()
    assert '<div class="error-summary" role="alert"' in html
    assert 'href="#id_witness"' in html and 'href="#id_held_on"' in html
    assert "Twee gebouwen, 300 m uit elkaar." in html and "financieel directeur" in html


def test_a_stale_interview_save_overwrites_nothing_and_keeps_what_was_typed(scan, client_as):
    client = client_as(scan["editor"])
    _record(client)
    interview = _interviews().get()
    opened = interview.version
    first = {**INTERVIEW, "support": "Eerste versie.", "opened_version": opened}
    assert client.post(_url("trajectory-interview", pk=interview.pk), first).status_code == 302
    stale = {**INTERVIEW, "support": "Tweede, oud tabblad.", "opened_version": opened}
    answer = client.post(_url("trajectory-interview", pk=interview.pk), stale)
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "Eerste versie." in html and "Tweede, oud tabblad." in html
    interview.refresh_from_db()
    assert interview.support == "Eerste versie." and interview.version == opened + 1


def test_the_picture_of_a_perspective_is_written_versioned_and_conflicts_on_a_stale_save(
    scan, client_as
):
    client = client_as(scan["editor"])
    url = _url("trajectory-picture", perspective="financial")
    assert client.post(url, {"text": "Twee diensten, één ambitie."}).status_code == 302
    picture = ScanPicture.objects.get(
        trajectory__pair__municipality__refnis=AALST, perspective="financial"
    )
    assert picture.version == 1
    # A second person opened the page before the picture existed: their save is a conflict.
    late = client.post(url, {"text": "Mijn eigen beeld."})
    assert late.status_code == 409 and "Mijn eigen beeld." in late.content.decode()
    picture.refresh_from_db()
    assert picture.text == "Twee diensten, één ambitie."
    page = client.get(_url("trajectory")).content.decode()
    assert "Twee diensten, één ambitie." in page


def test_what_tandem_knows_counts_the_pair_s_own_answers(scan, client_as):
    page = client_as(scan["editor"]).get(_url("trajectory")).content.decode()
    flat = " ".join(page.split())
    # Financieel: 4 aspects answered, 2 cooperating, 1 formal, 2 wishes (treasury formal, debtors
    # desirable), 1 formal cooperation with its obstacles named.
    assert (
        '<td class="count">4</td><td class="count">2</td> <td class="count">1</td>'
        '<td class="count">2</td><td class="count">1</td>'
    ) in flat, flat[flat.find("Inventaris 2026") : flat.find("Inventaris 2026") + 2000]


def test_deleting_an_interview_keeps_its_history(scan, client_as):
    client = client_as(scan["editor"])
    client.cookies["tandem_language"] = "en"
    _record(client)
    interview = _interviews().get()
    deleted = client.post(_url("trajectory-interview-delete", pk=interview.pk), follow=True)
    assert "The interview with An Peeters is deleted" in deleted.content.decode()
    assert not _interviews().exists()
    history = client.get(_url("trajectory-history")).content.decode()
    assert "An Peeters" in history and "directeur-aalst" in history


def test_a_reader_reads_and_prints_the_scan_and_changes_nothing(scan, client_as):
    _record(client_as(scan["editor"]))
    interview = _interviews().get()
    client = client_as(scan["reader"])
    page = client.get(_url("trajectory")).content.decode()
    assert "An Peeters" in page and _url("trajectory-interview-new") not in page
    printed = client.get(_url("trajectory-print")).content.decode()
    assert "Het college wil samenwerken." in printed
    for url in (
        _url("trajectory-interview-new"),
        _url("trajectory-interview", pk=interview.pk),
        _url("trajectory-picture", perspective="financial"),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(_url("trajectory-interview-delete", pk=interview.pk)).status_code == 404
    assert client.post(_url("trajectory-settings"), {"with_patrimony": "on"}).status_code == 404
    assert _interviews().count() == 1
