"""`tandem check-integrity`: the checks the apps register for orphans and inconsistencies that
the database constraints cannot refuse. Each app registers its own in its AppConfig.ready(), so
the command knows none of them (the demo's check of the seed's printed totals included)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.message}"


Check = Callable[[], list[Finding]]
_CHECKS: list[Check] = []


def register(check: Check) -> Check:
    """Add a check (once; a decorator)."""
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def check_integrity() -> list[Finding]:
    """Every registered check's findings, in the order the checks were registered."""
    findings: list[Finding] = []
    for check in _CHECKS:
        findings += check()
    return findings
