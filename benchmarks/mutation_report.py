"""Kill rate per module of the last `make mutation` run (QUALITY.md T1), read from mutmut's data.

mutmut keeps one `<source>.meta` file per mutated module under mutants/, mapping each mutant to
the exit code of its test run. A mutant counts as caught when its tests failed or timed out; the
kill rate is caught / (mutants − mutants without any covering test − skipped), the "no tests"
column shows the faults that no test reaches at all, and the strict rate counts them as survivors.
Mutants a partial run has not tried yet ("not run") count in neither rate.

    python benchmarks/mutation_report.py [--survivors]

--survivors lists the surviving mutants by name: `mutmut show NAME` prints the planted fault.
Never part of CI: `make mutation` runs it after mutmut.
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

MUTANTS = Path(__file__).resolve().parents[1] / "mutants"
CAUGHT = {"killed", "timeout", "caught by type check"}
UNREACHED = {"no tests", "skipped"}
COLUMNS = ("caught", "survived", "no tests", "not run", "mutants", "kill rate", "strict")


def module_name(meta: Path) -> str:
    """tandem.analysis.matrix for mutants/src/tandem/analysis/matrix.py.meta."""
    relative = meta.relative_to(MUTANTS / "src").with_suffix("").with_suffix("")
    return ".".join(relative.parts)


def read_results() -> dict[str, dict[str, str]]:
    """Each module's mutants and their status (killed, survived, no tests, not checked …)."""
    results = {}
    for meta in sorted(MUTANTS.glob("src/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            results[module_name(meta)] = {k: status_by_exit_code[v] for k, v in codes.items()}
    return results


def rate(numerator: int, denominator: int) -> str:
    return f"{100 * numerator / denominator:.1f} %" if denominator else "–"


def row(name: str, counts: Counter[str]) -> list[str]:
    caught = sum(counts[s] for s in CAUGHT)
    unreached = counts["no tests"]
    not_run = counts["not checked"]
    total = sum(counts.values())
    tried = total - not_run - sum(counts[s] for s in UNREACHED)
    survived = tried - caught
    figures = [caught, survived, unreached, not_run, total]
    return [name, *map(str, figures), rate(caught, tried), rate(caught, tried + unreached)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args()
    if not MUTANTS.is_dir():
        print("no mutants/ directory: run `make mutation` first", file=sys.stderr)
        return 1
    results = read_results()
    total: Counter[str] = Counter()
    table = [["module", *COLUMNS]]
    for module, statuses in results.items():
        counts = Counter(statuses.values())
        if counts["not checked"] == sum(counts.values()):
            continue  # not part of this run
        total += counts
        table.append(row(module, counts))
    table.append(row("total", total))
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        figures = zip(line[1:], widths[1:], strict=True)
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in figures]
        print("  ".join(cells))
    if args.survivors:
        print()
        for statuses in results.values():
            for name, status in statuses.items():
                if status not in CAUGHT | UNREACHED | {"not checked"}:
                    print(f"{status}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
