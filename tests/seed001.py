"""Reads the 14 score tables straight from seed 001, so tests compare Tandem with the source itself
(not with Tandem's own transcription)."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

SEED_FILE = "001_307b6ce7c88c2f5f.txt"
DOMAIN_ORDER = ["financieel", "personeel", "facilitair", "ict", "communicatie", "aankoop", "andere"]
# The seed's city labels (misprints included) → canonical names.
CITY = {
    "AALST": "Aalst",
    "ANTWERPEN": "Antwerpen",
    "BRUGGE": "Brugge",
    "GENK": "Genk",
    "GENT": "Gent",
    "HASSELT": "Hasselt",
    "KORTRIJK": "Kortrijk",
    "LEUVEN": "Leuven",
    "MECHELEN": "Mechelen",
    "OOSTENDE": "Oostende",
    "ROESELARE": "Roeselare",
    "ROESLARE": "Roeselare",
    "STRIJKLAAS": "Sint-Niklaas",
    "STNIKLAAS": "Sint-Niklaas",
    "TURNHOUT": "Turnhout",
}


@dataclass
class SeedTable:
    domain: str
    aspects: str  # predefined | other
    line: int
    columns: list[str]
    cells: dict[str, list[int | None]]  # canonical city → cells
    tot_stad: dict[str, int] | None
    tot_aspect: list[int] | None


def seed_path() -> Path:
    path = Path(settings.SEEDS_DIR) / SEED_FILE
    if not path.exists():
        raise FileNotFoundError(f"seed 001 not found at {path}: set TANDEM_SEEDS_DIR")
    return path


def read_tables() -> list[SeedTable]:
    lines = seed_path().read_text(encoding="utf-8").split("\n")
    tables, index = [], 0
    while index < len(lines):
        if not lines[index].startswith("STAD\t"):
            index += 1
            continue
        header = lines[index].split("\t")
        has_totals = header[-1] == "TOT STAD"
        columns = header[1:-1] if has_totals else header[1:]
        cells, tot_stad, tot_aspect = {}, {}, None
        row = index + 1
        while row < len(lines) and lines[row].strip():
            parts = lines[row].split("\t")
            values = (parts[1 : 1 + len(columns)] + [""] * len(columns))[: len(columns)]
            numbers = [int(v) if v.strip() else None for v in values]
            if parts[0] == "TOT ASPECT":
                tot_aspect = numbers
            else:
                cells[CITY[parts[0]]] = numbers
                if has_totals:
                    tot_stad[CITY[parts[0]]] = int(parts[-1])
            row += 1
        number = len(tables)
        tables.append(
            SeedTable(
                DOMAIN_ORDER[number // 2],
                "predefined" if number % 2 == 0 else "other",
                index + 1,
                columns,
                cells,
                tot_stad if has_totals else None,
                tot_aspect,
            )
        )
        index = row
    return tables
