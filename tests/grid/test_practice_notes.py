"""Issue 17.6: good-practice notes on a sub-domain of a pair's synthesis table (seed 000's «Kader»
boxes): written by the pair's editors or the campaign's coordinators, read by the pairs who may
read that pair's table, each text in Dutch, French or both; the demo carries the eight boxes."""

from pathlib import Path

import yaml
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tandem.accounts.models import PairRole
from tandem.catalogue.models import Aspect
from tandem.grid.models import PracticeNote
from tests import factories
from tests.seed000 import cited, letters

DEMO = "financieel-2012"
NOTES = Path(settings.BASE_DIR) / "src/tandem/demo/data/financieel-2012/practice-notes.yaml"


def _client(user, language="en"):
    client = Client()
    client.force_login(user)
    client.cookies["tandem_language"] = language
    return client


def _blocks_in_order(text: str, seed: str) -> int:
    """How many runs of the seed, in the seed's order, make up `text` (letters only): 1 when the
    text is the seed's own words; one more for each page footer the transcription left out."""
    blocks, start, at = 0, 0, 0
    while start < len(text):
        low, high = 0, len(text) - start  # the longest prefix found after `at`
        while low < high:
            middle = (low + high + 1) // 2
            if seed.find(text[start : start + middle], at) >= 0:
                low = middle
            else:
                high = middle - 1
        assert low >= 20, f"not in the seed: {text[start : start + 60]}"
        at = seed.find(text[start : start + low], at) + low
        start += low
        blocks += 1
    return blocks


def test_the_demo_notes_are_the_seeds_eight_boxes_word_for_word():
    notes = yaml.safe_load(NOTES.read_text(encoding="utf-8"))["notes"]
    assert [n["number"] for n in notes] == list(range(1, 9))
    for note in notes:
        seed = letters(cited(note["source"]))
        assert letters(note["title"]["nl"]) in seed, note["number"]
        # Boxes 3 and 5 are interrupted by a page's footnotes, which the notes leave out.
        assert _blocks_in_order(letters(note["text"]["nl"]), seed) <= 2, note["number"]


def test_the_demo_campaign_carries_a_note_per_city_of_each_box(db):
    notes = PracticeNote.objects.filter(participation__campaign__slug=DEMO)
    # Eight boxes; box 8 is about Antwerpen, Genk and Gent: ten notes.
    assert notes.count() == 10
    ghent = notes.filter(participation__pair__municipality__refnis="44021")
    assert ghent.count() == 3
    treasury = ghent.get(source="S000:3564-3590")
    assert treasury.stage == "desirable" and treasury.domain.slug == "financiele-planning"
    assert treasury.title_nl == "Wenselijke samenwerking op vlak van thesaurie in Gent"
    assert [c.slug for c in treasury.components.all()] == ["thesaurie"]


def test_a_pairs_editor_writes_a_note_and_a_peer_reads_it_on_its_own_page(db):
    editor = factories.user(username="editor-aalst-notes")
    factories.pair_role(user=editor, pair="41002", role=PairRole.Role.EDITOR)
    url = reverse("grid-note-new", args=[DEMO, "41002"]) + "?domain=debiteurenbeheer"
    component = Aspect.objects.get(domain__framework__slug=DEMO, slug="debiteurenbeheer")
    # No text in any language: the form comes back with what was typed and a summary.
    refused = _client(editor).post(url, {"stage": "current", "title_nl": "Samen innen"})
    assert refused.status_code == 200 and 'class="error-summary"' in refused.content.decode()
    # One message that says what to do, not the database rule's name (found in the NL walk).
    assert "practice_note_" not in refused.content.decode()
    assert "Write a title and a text in Dutch, in French or in both." in refused.content.decode()
    assert (
        "Samen innen" in refused.content.decode()
        and not PracticeNote.objects.filter(title_nl="Samen innen").exists()
    )
    saved = _client(editor).post(
        url,
        {
            "stage": "current",
            "components": [component.pk],
            "title_fr": "Recouvrement <b>commun</b>",
            "text_fr": "Une cellule commune depuis 2024.\n\nDeux agents.",
        },
    )
    assert saved.status_code == 302
    note = PracticeNote.objects.get(title_fr="Recouvrement <b>commun</b>")
    assert note.history.latest().history_user == editor
    # The demo campaign is public: Brugge's page of the sub-domain shows it, escaped, and in
    # Dutch marks the French text with its language.
    page = Client().get(reverse("grid-pair-domain", args=[DEMO, "31005", "debiteurenbeheer"]))
    html = page.content.decode()
    assert "Recouvrement &lt;b&gt;commun&lt;/b&gt;" in html and "<b>commun" not in html
    assert (
        '<div lang="fr"><p>Une cellule commune depuis 2024.</p>\n\n<p>Deux agents.</p></div>'
        in html
    )
    # Only Aalst's own people may edit or delete it.
    assert reverse("grid-note", args=[DEMO, "41002", note.pk]) not in html
    other = factories.user(username="editor-brugge-notes")
    factories.pair_role(user=other, pair="31005", role=PairRole.Role.EDITOR)
    assert (
        _client(other).get(reverse("grid-note", args=[DEMO, "41002", note.pk])).status_code == 404
    )
    assert (
        _client(other).post(reverse("grid-note-delete", args=[DEMO, "41002", note.pk])).status_code
        == 404
    )
    assert (
        _client(editor).post(reverse("grid-note-delete", args=[DEMO, "41002", note.pk])).status_code
        == 302
    )
    assert not PracticeNote.objects.filter(pk=note.pk).exists()


def test_a_note_of_a_private_campaign_stays_with_those_who_read_its_pair(tenants):
    """tenants: grid-shared holds notes of pairs A and B; A's respondent reads its own pair's
    sub-domain page without B's note (B's table is not readable to A)."""
    page = _client(tenants["user_a"]).get(
        reverse("grid-pair-domain", args=["grid-shared", "41002", "debiteurenbeheer"])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Geheime werkwijze van" in html  # A's own note
    assert "Brugge" not in html.split('id="notes-title"')[1].split("</section>")[0]
