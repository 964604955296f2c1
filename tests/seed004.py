"""Reads sections 3 and 4 of seed 004 straight from the source text, so the report tests compare
Tandem's output with the seed itself, not with Tandem's own transcription of it.

Each item starts with "- " or follows an item that ended in ";" or "." (one item, S004:323, is
printed without its bullet); other lines continue the item above. "Huisvesting:" and the like
are sub-headings; "3.2 Overheidsopdrachten" and the like are section headings."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

SEED_FILE = "004_97170bf5a1bbd48d.txt"
HEADING = re.compile(r"^(\d+)\.(\d+) (.+)$")
# Seed heading → Tandem's domain name (SEEDS.md §6.5; catalogue/data/synergy_domains.yaml).
DOMAIN_NAMES = {"Infrastructuur": "Infrastructuur en materiaal"}


@dataclass
class SeedSection:
    number: str  # "3.1"
    heading: str  # Tandem's domain name
    groups: dict[str, list[str]] = field(default_factory=dict)  # sub-heading ("" none) → items

    @property
    def items(self) -> list[str]:
        return [item for items in self.groups.values() for item in items]


def _tidy(item: str) -> str:
    # A closing ";" or "." is list punctuation; an ellipsis ("DMH, ...", S004:609) is text.
    return re.sub(r"\s*(;|(?<!\.)\.)\s*$", "", " ".join(item.split()))


def seed_sections() -> dict[str, SeedSection]:
    path = Path(settings.SEEDS_DIR) / SEED_FILE
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line == "3.1 Human Resources")
    sections: dict[str, SeedSection] = {}
    section = None
    group = ""
    current: list[str] | None = None
    for line in lines[start:]:
        if not line:
            continue
        match = HEADING.match(line)
        if match and int(match.group(1)) in (3, 4):
            heading = match.group(3).strip()
            section = SeedSection(match.group(0).split()[0], DOMAIN_NAMES.get(heading, heading))
            sections[section.number] = section
            group, current = "", None
            continue
        if line.startswith("4 MAATREGELEN"):
            section, current = None, None
            continue
        if (
            section is None
            or line.startswith("Naast de voortzetting")
            or line.startswith("stellen om de volgende acties")
        ):
            continue
        if line.endswith(":") and not line.startswith("- "):
            group, current = line[:-1].strip(), None
            continue
        items = section.groups.setdefault(group, [])
        ended = current is None or items[-1].rstrip().endswith((";", "."))
        if line.startswith("- ") or ended:
            items.append(line.removeprefix("- "))
            current = items
        else:
            items[-1] = f"{items[-1]} {line}"
    for found in sections.values():
        found.groups = {name: [_tidy(i) for i in items] for name, items in found.groups.items()}
    return sections


def meeting_dates() -> list[str]:
    """The steering group's dates as the seed lists them (S004:29-33), in Belgian short form."""
    path = Path(settings.SEEDS_DIR) / SEED_FILE
    dates = re.findall(r"^− (\d+)/(\d+)/(\d{4})", path.read_text(encoding="utf-8"), re.M)
    return [f"{int(d)}/{int(m)}/{y}" for d, m, y in dates]
