"""Benchmark for performance property P5: the annual synergy report.

Targets (QUALITY.md P5, issue 4): for the demo report (Sint-Jans-Molenbeek, seed 004) HTML at most
1 s, DOCX at most 0.5 s and PDF at most 1.5 s on this machine, and faster than the path a
municipality takes today: converting the same report's DOCX to PDF with LibreOffice headless.

How it works: a fresh SQLite database under var/bench/ is migrated and loaded with the reference
data, the catalogue and the demo data. Then:

  demo report   the demo pair's 2023 report in Dutch is generated 20 times per format, each time
                from the database (assembly + rendering), after one warm-up; the median is
                printed with the minimum and maximum;
  100 pairs     100 synthetic pairs get a register copied from the demo pair with random savings
                figures (fixed seed), and their reports are generated one after the other in all
                three formats; the total and the mean per report are printed;
  LibreOffice   the demo report's DOCX is converted to PDF with
                `libreoffice --headless --convert-to pdf` 5 times (a fresh profile each run,
                as a scripted conversion starts); the median is compared with Tandem's PDF.

Run:  .venv/bin/python benchmarks/reports.py [--runs 20] [--pairs 100] [--lo-runs 5]
Needs Debian's libreoffice-writer-nogui for the comparison (skipped with a note otherwise).
Not part of the test suite.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "var" / "bench"
DATABASE = BENCH_DIR / "reports.sqlite3"
TARGETS = {"html": 1.0, "docx": 0.5, "pdf": 1.5}


def setup_django():
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tandem.catalogue.services import load_catalogue
    from tandem.demo.services import load_demo
    from tandem.places.services import load_reference

    load_reference()
    load_catalogue()
    load_demo()


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def demo_report(runs: int) -> dict:
    from tandem.places.models import Pair
    from tandem.reports.synergy.generate import build, render

    pair = Pair.objects.select_related("municipality__region").get(municipality__refnis="21012")
    results = {}
    for fmt in ("html", "docx", "pdf"):
        render(build(pair, 2023, "nl"), fmt)  # warm-up: templates, fonts, imports
        times = [timed(lambda f=fmt: render(build(pair, 2023, "nl"), f))[0] for _ in range(runs)]
        results[fmt] = times
    return results


def synthetic_pairs(count: int) -> list:
    from tandem.places.models import Pair
    from tandem.synergies.models import Measure, Meeting, ReportEdition, Synergy

    rng = random.Random(2023)
    demo = Pair.objects.get(municipality__refnis="21012")
    pairs = list(
        Pair.objects.exclude(pk=demo.pk).select_related("municipality__region").order_by("pk")
    )[:count]
    synergies = list(Synergy.objects.filter(pair=demo))
    measures = list(Measure.objects.filter(pair=demo))
    meetings = list(Meeting.objects.filter(pair=demo))
    edition = ReportEdition.objects.get(pair=demo, year=2023)
    copies = []
    for pair in pairs:
        for synergy in synergies:
            copy = Synergy(
                **{f.attname: getattr(synergy, f.attname) for f in Synergy._meta.concrete_fields}
            )
            copy.pk, copy.pair = None, pair
            if rng.random() < 0.4:
                copy.expected_savings = Decimal(rng.randrange(500, 50000))
                copy.realised_savings = Decimal(rng.randrange(0, 40000))
                copy.expected_fte = Decimal(rng.randrange(0, 20)) / 10
            copies.append(copy)
    Synergy.objects.bulk_create(copies, batch_size=2000)
    for model, rows in ((Measure, measures), (Meeting, meetings)):
        model.objects.bulk_create(
            [
                model(**{f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields
                         if f.attname not in ("id", "pair_id")}, pair=pair)
                for pair in pairs
                for row in rows
            ],
            batch_size=2000,
        )  # fmt: skip
    ReportEdition.objects.bulk_create(
        [
            ReportEdition(pair=pair, year=2023, introduction_nl=edition.introduction_nl)
            for pair in pairs
        ]
    )
    return pairs


def hundred_pairs(pairs) -> dict:
    from tandem.reports.synergy.generate import build, render

    totals = dict.fromkeys(("html", "docx", "pdf"), 0.0)
    start = time.perf_counter()
    for pair in pairs:
        for fmt in totals:
            elapsed, _ = timed(lambda p=pair, f=fmt: render(build(p, 2023, "nl"), f))
            totals[fmt] += elapsed
    totals["all"] = time.perf_counter() - start
    return totals


def libreoffice(runs: int) -> list[float] | None:
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if binary is None:
        return None
    from tandem.places.models import Pair
    from tandem.reports.synergy.generate import build, render

    pair = Pair.objects.select_related("municipality__region").get(municipality__refnis="21012")
    times = []
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "verslag.docx"
        source.write_bytes(render(build(pair, 2023, "nl"), "docx"))
        for run in range(runs):
            profile = Path(work) / f"profile{run}"
            command = [
                binary, f"-env:UserInstallation=file://{profile}", "--headless",
                "--convert-to", "pdf", "--outdir", work, str(source),
            ]  # fmt: skip
            elapsed, done = timed(lambda c=command: subprocess.run(c, capture_output=True))
            if done.returncode != 0 or not (Path(work) / "verslag.pdf").exists():
                print("LibreOffice failed:", done.stderr.decode()[-300:])
                return None
            times.append(elapsed)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--lo-runs", type=int, default=5)
    args = parser.parse_args()
    print("setting up a fresh SQLite database with the demo data ...", flush=True)
    setup_django()

    print(f"\n== demo report (21012, 2023, nl): {args.runs} runs per format, from the database")
    demo = demo_report(args.runs)
    verdicts = []
    for fmt, times in demo.items():
        median = statistics.median(times)
        ok = median <= TARGETS[fmt]
        verdicts.append(ok)
        print(
            f"{fmt:5} median {median * 1000:7.1f} ms  (min {min(times) * 1000:.1f}, "
            f"max {max(times) * 1000:.1f})  target <= {TARGETS[fmt] * 1000:.0f} ms  "
            f"{'PASS' if ok else 'FAIL'}"
        )

    print(
        f"\n== {args.pairs} synthetic pairs in a row (55 synergies, 20 measures, 4 meetings each)"
    )
    pairs = synthetic_pairs(args.pairs)
    totals = hundred_pairs(pairs)
    for fmt in ("html", "docx", "pdf"):
        print(
            f"{fmt:5} total {totals[fmt]:7.1f} s   mean {totals[fmt] / len(pairs) * 1000:7.1f} ms"
        )
    print(f"all   total {totals['all']:7.1f} s for {len(pairs) * 3} documents")

    print(f"\n== LibreOffice headless, the demo DOCX to PDF, {args.lo_runs} runs")
    office = libreoffice(args.lo_runs)
    if office is None:
        print("LibreOffice is not installed (apt-get install libreoffice-writer-nogui): skipped")
    else:
        lo_median = statistics.median(office)
        pdf_median = statistics.median(demo["pdf"])
        faster = pdf_median < lo_median
        verdicts.append(faster)
        print(
            f"libreoffice median {lo_median * 1000:7.1f} ms (min {min(office) * 1000:.1f})  "
            f"Tandem PDF {pdf_median * 1000:.1f} ms  ratio {lo_median / pdf_median:.2f}x  "
            f"{'PASS' if faster else 'FAIL'}"
        )
    print("\nverdict:", "PASS" if all(verdicts) else "FAIL")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
