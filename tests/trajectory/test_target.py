"""Issue 18.2, the target picture of step 2 (S003:25-31): the intended results of the
cooperation, the people and services involved and the time frame, written by the pair's
editors, versioned (a stale save is a conflict that keeps what was typed), in the history, on
the trajectory page and in the printable scan; a reader reads it and cannot change it."""

from django.urls import reverse

from tandem.trajectory.models import TargetPicture
from tests.trajectory.conftest import AALST

TARGET = {
    "results": "Eén financiële dienst tegen 2028.",
    "people_and_services": "Financiële diensten van gemeente en OCMW.",
    "time_frame": "2027-2028",
}


def _url(name):
    return reverse(name, kwargs={"refnis": AALST})


def _target():
    return TargetPicture.objects.get(trajectory__pair__municipality__refnis=AALST)


def test_the_target_picture_is_written_shown_and_kept_in_the_history(scan, client_as):
    client = client_as(scan["editor"])
    saved = client.post(_url("trajectory-target"), TARGET)
    assert saved.status_code == 302 and saved["Location"].endswith("#target")
    target = _target()
    assert (target.results, target.time_frame) == (TARGET["results"], "2027-2028")
    assert target.history.latest().history_user == scan["editor"]
    for page in ("trajectory", "trajectory-print"):
        html = client.get(_url(page)).content.decode()
        assert "Eén financiële dienst tegen 2028." in html and "2027-2028" in html
    client.cookies["tandem_language"] = "en"
    history = client.get(_url("trajectory-history")).content.decode()
    assert "target picture" in history and "directeur-aalst" in history


def test_a_stale_save_of_the_target_picture_overwrites_nothing(scan, client_as):
    client = client_as(scan["editor"])
    client.post(_url("trajectory-target"), TARGET)
    opened = _target().version
    newer = {**TARGET, "time_frame": "2027-2029", "opened_version": opened}
    assert client.post(_url("trajectory-target"), newer).status_code == 302
    stale = {**TARGET, "time_frame": "Oud tabblad", "opened_version": opened}
    answer = client.post(_url("trajectory-target"), stale)
    assert answer.status_code == 409 and "Oud tabblad" in answer.content.decode()
    assert _target().time_frame == "2027-2029"


def test_a_reader_reads_the_target_picture_and_cannot_write_it(scan, client_as):
    client_as(scan["editor"]).post(_url("trajectory-target"), TARGET)
    client = client_as(scan["reader"])
    assert "Eén financiële dienst tegen 2028." in client.get(_url("trajectory")).content.decode()
    assert client.get(_url("trajectory-target")).status_code == 404
    assert client.post(_url("trajectory-target"), {**TARGET, "results": "x"}).status_code == 404
    assert _target().results == TARGET["results"]
