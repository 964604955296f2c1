"""A reproducible random sample of mutmut's mutants, stratified by module (QUALITY.md T1).

A full `make mutation` run tries every one of the ~3600 mutants at 8-25 s each: most of a day on
two cores. A sample estimates each module's kill rate in a fraction of that time. The mutants of
each module (one stratum) are listed from mutmut's `<source>.meta` files under mutants/, sorted by
name, shuffled by a generator seeded with `--seed` and the module's name, and the first
`--per-module` of them are drawn: the same seed and the same mutants give the same sample, the
sample of one module does not depend on which other modules are selected, and a sample of 10 is
the start of the sample of 20 (a sample can grow). A module with no more mutants than
`--per-module` is tried whole. `GLOB:N` draws N of the mutants of the modules GLOB matches.

    python benchmarks/mutation_sample.py [--seed 15] [--per-module 20] [MODULE_GLOB[:N] ...]
    python benchmarks/mutation_sample.py --run [...]   # runs the sample with mutmut, one child

The mutants/ directory must exist: `mutmut run` generates it (an unmatched name such as
`mutmut run --max-children 1 none` generates the mutants and collects the coverage, then stops).
`benchmarks/mutation_report.py --sample` reports the kill rate of the same sample: pass it the
same seed, size and module globs.
"""

import argparse
import fnmatch
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
DEFAULT_SEED = 15  # issue 15
DEFAULT_PER_MODULE = 20


def module_name(meta: Path, mutants: Path = MUTANTS) -> str:
    """tandem.analysis.matrix for mutants/src/tandem/analysis/matrix.py.meta."""
    relative = meta.relative_to(mutants / "src").with_suffix("").with_suffix("")
    return ".".join(relative.parts)


def mutants_by_module(mutants: Path = MUTANTS) -> dict[str, list[str]]:
    """Every module's mutant names, sorted; modules without mutants are left out."""
    found = {}
    for meta in sorted(mutants.glob("src/**/*.py.meta")):
        names = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if names:
            found[module_name(meta, mutants)] = sorted(names)
    return found


def draw(module: str, names: list[str], seed: int, per_module: int) -> list[str]:
    """per_module of the module's mutants at random (all of them if there are no more): the
    first ones of a seeded shuffle, so a smaller sample is part of a larger one."""
    shuffled = sorted(names)
    random.Random(f"{seed}:{module}").shuffle(shuffled)
    return shuffled[:per_module]


def sample_size(module: str, globs: list[str], per_module: int) -> int | None:
    """How many of the module's mutants to draw: None when no glob selects it. A glob may end
    in `:N` (e.g. 'tandem.formats.*:6') to draw N instead of per_module; the first glob that
    matches decides. No globs select every module."""
    if not globs:
        return per_module
    for glob in globs:
        pattern, _, size = glob.partition(":")
        if fnmatch.fnmatch(module, pattern):
            return int(size) if size else per_module
    return None


def sample(
    seed: int = DEFAULT_SEED,
    per_module: int = DEFAULT_PER_MODULE,
    globs: list[str] | None = None,
    mutants: Path = MUTANTS,
) -> dict[str, tuple[int, list[str]]]:
    """Per selected module: its number of mutants and the sampled names."""
    chosen = {}
    for module, names in mutants_by_module(mutants).items():
        size = sample_size(module, globs or [], per_module)
        if size is not None:
            chosen[module] = (len(names), draw(module, names, seed, size))
    return chosen


def test_seconds(mutants: Path = MUTANTS) -> Callable[[str], float]:
    """Seconds the tests covering a mutant took in mutmut's coverage run (0 before that run):
    a lower bound of the mutant's time, which adds pytest's start and the database setup."""
    stats_file = mutants / "mutmut-stats.json"
    if not stats_file.exists():
        return lambda name: 0.0
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    tests, duration = stats["tests_by_mangled_function_name"], stats["duration_by_test"]

    def seconds(name: str) -> float:
        function = name.partition("__mutmut_")[0]
        return float(sum(duration.get(test, 0.0) for test in tests.get(function, ())))

    return seconds


def add_sample_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (%(default)s)")
    parser.add_argument(
        "--per-module", type=int, default=DEFAULT_PER_MODULE, help="mutants per module"
    )
    parser.add_argument(
        "modules", nargs="*", help="module globs, e.g. 'tandem.formats.*' or 'tandem.formats.*:6'"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_sample_arguments(parser)
    parser.add_argument("--run", action="store_true", help="run the sample: mutmut, one child")
    parser.add_argument(
        "--summary", action="store_true", help="per module: sample size, time of its tests"
    )
    args = parser.parse_args()
    if not MUTANTS.is_dir():
        print("no mutants/ directory: run `mutmut run` first", file=sys.stderr)
        return 1
    chosen = sample(args.seed, args.per_module, args.modules)
    if args.summary:
        seconds = test_seconds()
        for module, (total, names) in chosen.items():
            estimate = sum(seconds(name) for name in names)
            print(f"{module}: {len(names)} of {total}, tests ~{estimate / 60:.0f} min")
        return 0
    names = [name for _, picked in chosen.values() for name in picked]
    if not args.run:
        print("\n".join(names))
        return 0
    env = dict(os.environ)
    env.setdefault("TANDEM_VAR_DIR", "/tmp/tandem-mutation-sample")
    env.setdefault("TANDEM_SEEDS_DIR", str((ROOT / ".." / "shared" / "seeds").resolve()))
    mutmut = ROOT / ".venv" / "bin" / "mutmut"
    command = [str(mutmut), "run", "--max-children", "1", *names]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
