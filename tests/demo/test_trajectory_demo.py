"""Issue 18.8 for step 1: the demo's organisation scan (demo/data/genk-trajectory.yaml) follows
seed 003's method: its questions and perspectives are the seed's own words (S003:19-23, 53-65),
checked against the seed here; everything else is marked as illustration; loading it again
changes nothing; the scan page shows it to the pair's editors."""

import re
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from tandem.accounts.models import PairRole
from tandem.demo.trajectory import load_trajectories
from tandem.trajectory.models import SCAN_QUESTIONS, Interview, Perspective, Trajectory
from tests import factories

SEED = next((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("003_*.txt"))
DATA = Path(__file__).resolve().parents[2] / "src" / "tandem" / "demo" / "data"
GENK = "71016"


def _seed(first: int, last: int) -> str:
    """Seed 003's lines first to last (1-based, as the citations count them), whitespace made
    single."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[first - 1 : last]
    return " ".join(" ".join(lines).split()).casefold()


def test_the_scan_s_questions_and_perspectives_are_the_seed_s_words_at_the_cited_lines():
    questions_at, perspectives_at = _seed(19, 23), _seed(53, 65)
    with translation.override("nl"):
        questions = [str(label) for _name, label in SCAN_QUESTIONS]
        perspectives = [str(p.label) for p in Perspective]
    # The seed asks "sterke punten binnen beide besturen?" after "Gesprekken met bevoorrechte
    # getuigen over de vertreksituatie:"; Tandem opens that question with "Wat zijn de".
    assert questions[0].startswith("Wat zijn de ")
    for question in [questions[0].removeprefix("Wat zijn de "), *questions[1:]]:
        assert question.casefold() in questions_at, question
    for perspective in perspectives:
        assert re.search(rf"\b{re.escape(perspective.casefold())}\b", perspectives_at), perspective


def test_the_data_file_says_what_is_illustration():
    text = (DATA / "genk-trajectory.yaml").read_text(encoding="utf-8")
    assert "ILLUSTRATION" in text and "S003:19-23" in text and "S003:53-65" in text
    data = yaml.safe_load(text)
    assert all("(illustratie)" in entry["witness"] for entry in data["interviews"])


@pytest.mark.django_db
def test_the_demo_scan_is_loaded_once_and_shown_to_the_pair(client):
    trajectory = Trajectory.objects.get(pair__municipality__refnis=GENK)
    assert trajectory.interviews.count() == 3 and trajectory.pictures.count() == 2
    exception = trajectory.dossiers.get(cooperates=False)
    assert exception.dossier.slug == "verzekeringen" and "raamcontract" in exception.motivation
    finance = Interview.objects.get(trajectory=trajectory, role="financieel directeur")
    assert finance.perspectives == ["financial"]
    counts: dict = {}
    load_trajectories(DATA, counts)
    assert counts == {} and trajectory.interviews.count() == 3  # nothing new the second time
    assert trajectory.dossiers.count() == 2
    editor = factories.user(username="directeur-genk")
    factories.pair_role(user=editor, pair=GENK, role=PairRole.Role.EDITOR)
    client.force_login(editor)
    page = client.get(reverse("trajectory", kwargs={"refnis": GENK})).content.decode()
    assert "Financieel directeur (illustratie)" in page
    assert "twee boekhoudpakketten houden één financiële dienst tegen" in page
