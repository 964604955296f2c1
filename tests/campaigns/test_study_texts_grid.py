"""Issue 17.6 (the grid campaign's study report): its coordinator writes per sub-domain the
summary, the current, desired and possible cooperation, the explanatory factors and a step
towards recommendations (S000 §5.1, §6.2.1), and per focus group the reading of its factor matrix
(S000 §5.2); the report is the grid's, for the campaign's coordinators only."""

import pytest
import yaml
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from tandem.campaigns.models import Campaign, StudyText
from tandem.catalogue.models import CooperationFocus
from tandem.demo.services import DATA_DIR
from tandem.reports.study.build import study_report
from tests import factories

ENTRIES = yaml.safe_load((DATA_DIR / "financieel-2012-study.yaml").read_text(encoding="utf-8"))[
    "texts"
]


@pytest.fixture
def grid(db):
    return Campaign.objects.get(slug="financieel-2012")


@pytest.fixture
def coordinator(grid, client_as):
    user = factories.user(username="grid-coordinator")
    factories.campaign_role(user=user, campaign=grid)
    client = client_as(user)
    client.cookies["tandem_language"] = "en"
    client.user = user
    return client


def _url(grid, section, language="nl"):
    return reverse("study-section", args=[grid.slug, section, language])


def _posted(client, url, **typed):
    """The section's form as the page shows it (texts and versions), with `typed` changed."""
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data.update({f"text-{part}": text for part, text in typed.items()})
    return client.post(url, {k: "" if v is None else v for k, v in data.items()}, follow=True)


def test_the_overview_lists_sub_domains_and_focus_groups_with_the_demo_s_texts(grid, coordinator):
    page = coordinator.get(reverse("study-texts", args=[grid.slug]))
    rows = {slug: languages for slug, _name, languages in page.context["rows"]}
    assert list(rows)[:2] == ["general", "financiele-planning"]
    assert [s for s in rows if s.startswith("factors-")] == [
        "factors-planning",
        "factors-processen",
        "factors-producten",
    ]
    # Written parts per section, counted from the demo's file: six parts per sub-domain.
    for number, slug in ((1, "financiele-planning"), (3, "rapportering-analyse")):
        written = sum(1 for e in ENTRIES if e.get("domain") == number)
        assert rows[slug] == [("nl", written, 6), ("fr", written, 6)]
    assert rows["factors-processen"] == [("nl", 1, 1), ("fr", 1, 1)]
    assert "synthesis table" in page.content.decode()


def test_a_sub_domain_s_parts_are_named_as_the_grid_reads_them(grid, coordinator):
    page = coordinator.get(_url(grid, "externe-contacten")).content.decode()
    for label in (
        "Summary of the findings",
        "Current cooperation",
        "Desirable cooperation",
        "Possible cooperation and obstacles",
        "Explanatory factors",
        "Towards recommendations",
    ):
        assert f">{label}<" in page or f">{label}\n" in page, label
    assert "What the score tables show" not in page
    assert reverse("grid-comparison", args=[grid.slug]) in page
    done = _posted(
        coordinator, _url(grid, "externe-contacten"), recommendations="Informeel uitwisselen."
    )
    assert "1 part saved." in done.content.decode()
    text = StudyText.objects.get(
        campaign=grid, domain__slug="externe-contacten", part="recommendations", language="nl"
    )
    assert (text.focus, text.version, text.updated_by) == (None, 1, coordinator.user)


def test_a_focus_group_s_reading_is_saved_with_its_focus(grid, coordinator):
    section = _url(grid, "factors-producten", "fr")
    page = coordinator.get(section).content.decode()
    assert reverse("grid-factors", args=[grid.slug, "producten"]) in page
    stored = StudyText.objects.get(campaign=grid, focus__slug="producten", language="fr")
    _posted(coordinator, section, factors="Les facteurs internes priment.")
    stored.refresh_from_db()
    assert (stored.text, stored.version, stored.domain) == (
        "Les facteurs internes priment.",
        2,
        None,
    )
    assert coordinator.get(_url(grid, "factors-inconnu")).status_code == 404


def test_a_text_belongs_to_a_domain_a_focus_or_the_study(grid):
    focus = CooperationFocus.objects.get(slug="planning")
    domain = grid.framework.domains.get(number=1)
    for wrong in (
        {"focus": focus, "part": "how"},
        {"focus": focus, "domain": domain, "part": "factors"},
        {"part": "factors"},
        {"domain": domain, "part": "introduction"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            StudyText.objects.create(campaign=grid, language="en", **wrong)
    StudyText.objects.create(campaign=grid, language="en", domain=domain, part="recommendations")


def test_an_inventory_has_no_focus_groups(inventory, client_as):
    client = client_as(inventory["coordinator"])
    slug = inventory["campaign"].slug
    assert (
        client.get(reverse("study-section", args=[slug, "factors-planning", "nl"])).status_code
        == 404
    )
    page = client.get(reverse("study-section", args=[slug, "financieel", "nl"])).content.decode()
    assert "Towards recommendations" not in page and "Naar aanbevelingen" not in page


def test_the_grid_report_is_for_the_coordinators(grid, coordinator, client_as):
    _posted(coordinator, _url(grid, "general"), introduction="Een <b>eigen</b> inleiding.")
    html = coordinator.get(reverse("study-report", args=[grid.slug, "nl", "html"]))
    body = html.content.decode()
    assert "Een &lt;b&gt;eigen&lt;/b&gt; inleiding." in body
    assert body.count('<table class="factors">') == 3
    assert "Een eigen" not in body
    aalst = factories.user(username="aalst-grid")
    factories.pair_role(user=aalst, pair="41002", role="editor")
    for fmt in ("html", "pdf", "docx"):
        url = reverse("study-report", args=[grid.slug, "nl", fmt])
        assert client_as(aalst).get(url).status_code == 404


def test_a_conflict_with_an_imported_text_says_so_and_keeps_what_was_typed(grid, coordinator):
    # The page was opened before the demo's text was loaded: no version for the introduction.
    conflict = coordinator.post(_url(grid, "general"), {"text-introduction": "Mijn inleiding."})
    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Saved by a data import:" in page and "Mijn inleiding." in page


def test_a_browser_s_line_breaks_are_no_change(grid, coordinator):
    """A browser posts a textarea's line breaks as CRLF: a text saved again unchanged is not a
    new version (the walk saved four parts where one had changed)."""
    url = _url(grid, "debiteurenbeheer")
    form = coordinator.get(url).context["form"]
    data = {n: ("" if f.initial is None else str(f.initial)) for n, f in form.fields.items()}
    data = {n: v.replace("\n", "\r\n") for n, v in data.items()}
    data["text-recommendations"] += "\r\n\r\nNog een zin."
    done = coordinator.post(url, data, follow=True)
    assert "1 part saved." in done.content.decode()
    versions = StudyText.objects.filter(
        campaign=grid, domain__slug="debiteurenbeheer", language="nl"
    ).values_list("part", "version")
    assert dict(versions) == {
        "scores": 1,
        "how": 1,
        "wishes": 1,
        "obstacles": 1,
        "why": 1,
        "recommendations": 2,
    }


def test_a_pair_without_a_synthesis_table_has_its_line_not_answered(grid, coordinator):
    factories.participation(campaign=grid, pair="21004")  # Brussels: no table yet
    with translation.override("en"):
        report = study_report(campaign=grid, language="en", user=coordinator.user, annex=True)
    assert report.pairs == 14
    for domain in report.domains:
        line = next(line for line in domain.lines if line.pair == "Bruxelles / Brussel")
        assert not line.answered
    assert "Bruxelles / Brussel" not in [pair.pair for pair in report.annex]
