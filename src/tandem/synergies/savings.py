"""Expected and realised yearly savings per domain, with totals (the report's savings table).

An unknown figure is not zero: a domain where no synergy has an estimate shows no amount, and a
total adds only the known figures while saying how many synergies had one."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

FIGURES = ("expected_savings", "realised_savings", "expected_fte", "realised_fte")


@dataclass
class SavingsLine:
    label: str
    synergies: int = 0
    estimated: int = 0  # synergies with at least one figure
    figures: dict = field(default_factory=lambda: dict.fromkeys(FIGURES))

    def add(self, values: dict) -> None:
        self.synergies += 1
        known = {name: values.get(name) for name in FIGURES if values.get(name) is not None}
        if known:
            self.estimated += 1
        for name, value in known.items():
            self.figures[name] = (self.figures[name] or Decimal(0)) + Decimal(value)


def savings_table(rows: Iterable[tuple[str, dict]], total_label: str):
    """rows: (domain label, {figure: Decimal | None}) per synergy, in report order.
    Returns (one SavingsLine per domain in first-seen order, the total line)."""
    lines: dict[str, SavingsLine] = {}
    total = SavingsLine(total_label)
    for label, values in rows:
        lines.setdefault(label, SavingsLine(label)).add(values)
        total.add(values)
    return list(lines.values()), total
