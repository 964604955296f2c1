"""The 2010 framework: 7 domains, every predefined aspect of the questionnaire with its exact
label, every 'other' aspect of the seed's second tables; loaded from data files, idempotently."""

import re
from pathlib import Path

import pytest
import yaml

from tandem.catalogue.models import (
    Aspect,
    DegreeLevel,
    Domain,
    Instrument,
    ObstacleType,
    ReasonCluster,
)
from tandem.catalogue.services import CatalogueError, load_catalogue
from tests.seed001 import DOMAIN_ORDER, read_tables, seed_path

FRAMEWORK = "management-2010"


def questionnaire_rows() -> dict[int, list[str]]:
    """The row labels of each cluster's first grid in the seed's questionnaire (S001:636-1119)."""
    lines = seed_path().read_text(encoding="utf-8").split("\n")
    start = lines.index("BIJLAGE: VRAGENLIJST")
    clusters: dict[int, list[str]] = {}
    current = None
    collecting = False
    for line in lines[start:]:
        match = re.match(r"Cluster (\d):", line)
        if match:
            current, collecting = int(match.group(1)), False
            clusters[current] = []
            continue
        if current and line.startswith("\tGeen\tInformele\tFormele"):
            collecting = True
            continue
        if collecting:
            label = line.split("\t")[0].strip()
            if label.startswith("Andere"):
                collecting = False
            elif label:
                clusters[current].append(label)
    return clusters


def test_seven_domains_with_their_predefined_aspects(db):
    domains = Domain.objects.filter(framework__slug=FRAMEWORK).order_by("number")
    assert [d.slug for d in domains] == DOMAIN_ORDER
    counts = [d.aspects.filter(origin=Aspect.Origin.PREDEFINED).count() for d in domains]
    assert counts == [7, 7, 7, 5, 5, 3, 7]


def test_predefined_aspect_labels_are_the_questionnaire_labels(db):
    rows = questionnaire_rows()
    for domain in Domain.objects.filter(framework__slug=FRAMEWORK):
        labels = list(
            domain.aspects.filter(origin=Aspect.Origin.PREDEFINED)
            .order_by("order")
            .values_list("label_nl", flat=True)
        )
        seed = rows[domain.number]
        # The questionnaire prints "ICT- dienst"; Tandem keeps it as a source label.
        normalised = [label.replace("ICT- dienst", "ICT-dienst") for label in seed]
        assert labels == normalised, domain.slug


def test_confirmation_aspects_are_the_columns_of_the_second_tables(db):
    for table in read_tables():
        if table.aspects != "other":
            continue
        aspects = Aspect.objects.filter(
            domain__framework__slug=FRAMEWORK,
            domain__slug=table.domain,
            origin=Aspect.Origin.CONFIRMATION,
        ).order_by("order")
        assert [a.source_labels[0] for a in aspects] == table.columns, table.domain


def test_every_aspect_has_short_and_full_labels_in_three_languages(db):
    for aspect in Aspect.objects.filter(domain__framework__slug=FRAMEWORK):
        for language in ("nl", "fr", "en"):
            assert getattr(aspect, f"short_label_{language}"), (aspect.slug, language)
            assert getattr(aspect, f"label_{language}"), (aspect.slug, language)


def test_the_degree_scale_and_vocabularies(db):
    assert list(DegreeLevel.objects.values_list("value", "code")) == [
        (0, "none"),
        (1, "informal"),
        (2, "formal"),
    ]
    assert DegreeLevel.objects.get(value=2).label_fr == "coopération formelle"
    assert set(ReasonCluster.objects.values_list("slug", flat=True)) >= {
        "organisatorisch-structureel",
        "organisatorisch-cultureel",
        "efficientiewinst",
        "regelgeving",
        "schaal",
    }
    assert set(ObstacleType.objects.values_list("slug", flat=True)) >= {
        "juridisch",
        "technisch",
        "financieel",
        "fysiek",
        "cultureel",
        "organisatorisch",
        "personeel",
    }
    assert Instrument.objects.filter(slug="beheersovereenkomst", formal=True).exists()


def _contrast(foreground: str, background: str) -> float:
    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_degree_colours_meet_wcag_aa_contrast(db):
    for degree in DegreeLevel.objects.all():
        assert _contrast(degree.text_colour, degree.colour) >= 4.5, degree.value
        assert degree.symbol  # colour is never the only signal


def test_loading_the_catalogue_twice_changes_nothing(db):
    assert not load_catalogue().changed()


def test_a_malformed_framework_file_names_the_file_and_entry(db, tmp_path: Path):
    source = Path(__file__).resolve().parents[2] / "src/tandem/catalogue/data"
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "vocabulary.yaml").write_text((source / "vocabulary.yaml").read_text())
    data = yaml.safe_load((source / "frameworks/management-2010.yaml").read_text())
    data["domains"][1]["aspects"][2]["label"] = {"fr": "sans néerlandais"}
    (tmp_path / "frameworks/broken.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(
        CatalogueError, match="broken.yaml domain personeel aspect personeelsadministratie"
    ):
        load_catalogue(tmp_path)
