"""Kill rate per module of the last `make mutation` run (QUALITY.md T1), read from mutmut's data.

mutmut keeps one `<source>.meta` file per mutated module under mutants/, mapping each mutant to
the exit code of its test run. A mutant counts as caught when its tests failed or timed out; the
kill rate is caught / (mutants − mutants without any covering test − skipped), the "no tests"
column shows the faults that no test reaches at all, and the strict rate counts them as survivors.
Mutants a partial run has not tried yet ("not run") count in neither rate.

    python benchmarks/mutation_report.py [--survivors] [--mutants DIR]
    python benchmarks/mutation_report.py --sample [--seed 15] [--per-module 20] [GLOB[:N] ...]

--survivors lists the surviving mutants by name: `mutmut show NAME` prints the planted fault.
--mutants reads another copy of mutmut's mutants/ directory (e.g. one kept before new tests).
--sample reports only the random sample that benchmarks/mutation_sample.py draws with the same
seed, size and module globs: per module, the sample's size out of the module's mutants, and the
kill rate of the sample with its Wilson 95 % interval (the range of the module's true kill rate
that the sample supports; "whole module" when every mutant was drawn, where there is nothing to
estimate). The total row then adds up the samples unweighted: it is no estimate of the whole.
Never part of CI: `make mutation` runs it after mutmut.
"""

import argparse
import fnmatch
import json
import math
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation_sample import add_sample_arguments, sample  # noqa: E402

MUTANTS = Path(__file__).resolve().parents[1] / "mutants"
CAUGHT = {"killed", "timeout", "caught by type check"}
UNREACHED = {"no tests", "skipped"}
COLUMNS = ("caught", "survived", "no tests", "not run", "mutants", "kill rate", "strict")


def module_name(meta: Path, mutants: Path = MUTANTS) -> str:
    """tandem.analysis.matrix for mutants/src/tandem/analysis/matrix.py.meta."""
    relative = meta.relative_to(mutants / "src").with_suffix("").with_suffix("")
    return ".".join(relative.parts)


def read_results(mutants: Path = MUTANTS) -> dict[str, dict[str, str]]:
    """Each module's mutants and their status (killed, survived, no tests, not checked …)."""
    results = {}
    for meta in sorted(mutants.glob("src/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            statuses = {k: status_by_exit_code[v] for k, v in codes.items()}
            results[module_name(meta, mutants)] = statuses
    return results


def rate(numerator: int, denominator: int) -> str:
    return f"{100 * numerator / denominator:.1f} %" if denominator else "–"


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval (95 % for z = 1.96) of a proportion seen in a sample."""
    p = successes / trials
    centre = p + z * z / (2 * trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    denominator = 1 + z * z / trials
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


def interval(successes: int, trials: int) -> str:
    if not trials:
        return "–"
    low, high = wilson(successes, trials)
    return f"{rate(successes, trials)} [{100 * low:.1f}, {100 * high:.1f}]"


def figures(counts: Counter[str]) -> tuple[int, int, int, int, int]:
    """caught, survived, no tests, not run and tried (caught + survived) of some mutants."""
    caught = sum(counts[s] for s in CAUGHT)
    unreached = counts["no tests"]
    not_run = counts["not checked"]
    tried = sum(counts.values()) - not_run - sum(counts[s] for s in UNREACHED)
    return caught, tried - caught, unreached, not_run, tried


def row(name: str, counts: Counter[str]) -> list[str]:
    caught, survived, unreached, not_run, tried = figures(counts)
    numbers = [caught, survived, unreached, not_run, sum(counts.values())]
    return [name, *map(str, numbers), rate(caught, tried), rate(caught, tried + unreached)]


def sample_row(name: str, counts: Counter[str], size: str, whole: bool) -> list[str]:
    caught, survived, unreached, not_run, tried = figures(counts)
    if whole:  # the whole module was tried: the rate is measured, not estimated
        rates = [rate(caught, tried) + " (whole module)", rate(caught, tried + unreached)]
    else:
        rates = [interval(caught, tried), interval(caught, tried + unreached)]
    return [name, size, *map(str, (caught, survived, unreached, not_run)), *rates]


def print_table(table: list[list[str]]) -> None:
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        rest = zip(line[1:], widths[1:], strict=True)
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in rest]
        print("  ".join(cells))


def sample_report(args: argparse.Namespace, results: dict[str, dict[str, str]]) -> None:
    """The kill rate of each module's sample, with its Wilson 95 % interval."""
    drawn = sample(args.seed, args.per_module, args.modules, args.mutants)
    print(f"Random sample (seed {args.seed}, up to {args.per_module} mutants per module)")
    print("kill rate = caught / (tried - no tests); strict counts no tests as survivors")
    print("[a, b] = Wilson 95 % interval of the module's kill rate\n")
    heading = ["module", "sample", "caught", "survived", "no tests", "not run"]
    table = [[*heading, "kill rate [95 %]", "strict [95 %]"]]
    total: Counter[str] = Counter()
    sizes = [0, 0]
    for module, (count, names) in drawn.items():
        statuses = results.get(module, {})
        counts = Counter(statuses.get(name, "not checked") for name in names)
        total += counts
        sizes = [sizes[0] + len(names), sizes[1] + count]
        size = f"{len(names)} of {count}"
        table.append(sample_row(module, counts, size, whole=len(names) == count))
    caught, survived, unreached, not_run, tried = figures(total)
    numbers = map(str, (caught, survived, unreached, not_run))
    rates = [rate(caught, tried), rate(caught, tried + unreached)]
    table.append(["all samples, unweighted", f"{sizes[0]} of {sizes[1]}", *numbers, *rates])
    print_table(table)
    if args.survivors:
        print()
        for module, (_, names) in drawn.items():
            for name in names:
                status = results.get(module, {}).get(name, "not checked")
                if status not in CAUGHT | UNREACHED | {"not checked"}:
                    print(f"{status}: {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--mutants", type=Path, default=MUTANTS, help="mutmut's mutants/ dir")
    parser.add_argument("--sample", action="store_true", help="report the random sample only")
    add_sample_arguments(parser)
    args = parser.parse_args()
    if not args.mutants.is_dir():
        print("no mutants/ directory: run `make mutation` first", file=sys.stderr)
        return 1
    results = read_results(args.mutants)
    if args.sample:
        sample_report(args, results)
        return 0
    results = {
        m: s
        for m, s in results.items()
        if not args.modules or any(fnmatch.fnmatch(m, g) for g in args.modules)
    }
    total: Counter[str] = Counter()
    table = [["module", *COLUMNS]]
    for module, statuses in results.items():
        counts = Counter(statuses.values())
        if counts["not checked"] == sum(counts.values()):
            continue  # not part of this run
        total += counts
        table.append(row(module, counts))
    table.append(row("total", total))
    print_table(table)
    if args.survivors:
        print()
        for statuses in results.values():
            for name, status in statuses.items():
                if status not in CAUGHT | UNREACHED | {"not checked"}:
                    print(f"{status}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
