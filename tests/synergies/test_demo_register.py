"""Seed 004 as demo data and the report's domains as catalogue data."""

import pytest

from tandem.catalogue.models import SynergyDomain
from tandem.demo.services import DATA_DIR, load_demo
from tandem.synergies.models import FocusGroup, Measure, Meeting, ReportEdition, Synergy

pytestmark = pytest.mark.django_db


def test_the_report_domains_are_catalogue_data_in_dutch_and_french():
    domains = list(SynergyDomain.objects.filter(parent=None))
    assert [d.name_nl for d in domains][:3] == [
        "Human Resources",
        "Overheidsopdrachten",
        "Begroting en boekhouding",
    ]
    assert all(d.name_fr and d.name_nl != d.name_fr or d.slug == "communicatie" for d in domains)
    themes = SynergyDomain.objects.get(slug="maatschappelijk").themes.order_by("order")
    assert [t.name_nl for t in themes] == [
        "Huisvesting",
        "Energie",
        "Protocol bij agressie",
        "Dienstverlening aan de bevolking",
    ]
    assert SynergyDomain.objects.get(slug="andere-ocmws").section == "other_ocmws"
    assert SynergyDomain.objects.get(slug="gewestelijk").section == "regional"


def test_the_demo_pair_holds_seed_004(molenbeek):
    assert Synergy.objects.filter(pair=molenbeek).count() == 55
    assert Measure.objects.filter(pair=molenbeek).count() == 20
    meetings = Meeting.objects.filter(pair=molenbeek)
    assert [m.date.isoformat() for m in meetings] == [
        "2022-09-14",
        "2022-12-07",
        "2023-01-16",
        "2023-01-19",
    ]
    assert FocusGroup.objects.filter(pair=molenbeek).count() == 5
    assert ReportEdition.objects.get(pair=molenbeek, year=2023).introduction_nl.startswith(
        "Tijdens het overlegcomité waar de begroting 2022"
    )
    assert all(s.source.startswith("S004:") for s in Synergy.objects.filter(pair=molenbeek))


def test_the_data_file_notes_the_italics_choice():
    header = (DATA_DIR / "molenbeek-synergies-2023.yaml").read_text(encoding="utf-8")[:3000]
    assert "italics" in header and "2022" in header and "2021" in header


def test_loading_the_demo_again_changes_nothing(molenbeek):
    versions = list(Synergy.objects.filter(pair=molenbeek).values_list("pk", "version"))
    counts = load_demo()
    register = ("editions", "meetings", "focus groups", "synergies", "measures")
    assert all(counts.get(key, 0) == 0 for key in register)
    assert list(Synergy.objects.filter(pair=molenbeek).values_list("pk", "version")) == versions
