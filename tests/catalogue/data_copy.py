"""A copy of the shipped catalogue data, for tests that spoil one file and load the catalogue."""

from pathlib import Path

from tandem.catalogue.services import DATA_DIR


def copy_catalogue_data(target: Path) -> None:
    for path in DATA_DIR.rglob("*.yaml"):
        copy = target / path.relative_to(DATA_DIR)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
