"""Benchmark for performance property P3: a domain matrix of 565 pairs.

Target (design, QUALITY.md P3): building one domain's score matrix through the analysis path takes
at most 50 ms (median, PostgreSQL) and at most 3x the single raw SQL aggregate query that computes
the same cells and totals (the floor).

How it works: for each backend (SQLite file under var/bench/, PostgreSQL database `tandem_bench` on
127.0.0.1) a subprocess of this script creates a fresh database, migrates, loads the reference data
and the catalogue, and generates ten synthetic yearly campaigns on framework 'management-2010'
(all 565 pairs x all 77 aspects, ~435,000 responses, fixed seed). For one campaign it then times,
per domain, the median of N runs of

  analysis  tandem.campaigns.queries.domain_matrix() plus reading the totals a page shows
            (column totals, column counts, row totals) -- the full path of the matrix page;
  raw SQL   one SELECT computing the same matrix: the campaign's pairs with code and names,
            left-joined to the round's answers for the domain's aspects, pivoted to the cells and
            row total per pair, plus the column totals and counts; fetchall(). The ratio is
            judged against this query.
  answers-only  the same pivot over the answer rows alone, printed for information: it skips
            the rows of pairs without answers and all names, so it is not the same matrix.

Both the 'predefined' aspect set (the P3 target) and 'all' are measured; once per domain and set
the raw query's results are asserted equal to the matrix, so the floor computes the same thing.

Run:  .venv/bin/python benchmarks/matrix.py [--runs 30] [--keep] [--backend sqlite|postgres]
      (without --backend the script runs both backends, each in its own subprocess).
      --keep leaves the tandem_bench PostgreSQL database in place; var/bench/ is always kept.
      --reuse measures the database a previous --keep run left (no regeneration).
Not part of the test suite.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "var" / "bench"
SQLITE_FILE = BENCH_DIR / "matrix.sqlite3"
PG_DSN = "host=127.0.0.1 port=5432 user=postgres connect_timeout=3"
PG_DATABASE = "tandem_bench"
DATABASE_URLS = {
    "sqlite": f"sqlite:///{SQLITE_FILE}",
    "postgres": f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}",
}

FRAMEWORK = "management-2010"
YEARS = range(2015, 2025)  # ten synthetic yearly campaigns
MEASURED_YEAR = 2024
DOMAINS = ("financieel", "personeel", "facilitair", "ict", "communicatie", "aankoop", "andere")
SEED = 20100
# Degree weights: mostly answered, ~1% unanswered (None is not 0, see analysis/matrix.py).
DEGREES = (0, 1, 2, None)
DEGREE_WEIGHTS = (40, 35, 24, 1)
BATCH_SIZE = 5000
WARMUP = 3
TARGET_MS = 50.0
TARGET_RATIO = 3.0


# --- parent: one subprocess per backend ------------------------------------------------------


def postgres_answers() -> bool:
    import psycopg

    try:
        with psycopg.connect(PG_DSN + " dbname=postgres"):
            return True
    except psycopg.OperationalError:
        return False


def run_all(args) -> int:
    """Run each backend in a fresh interpreter: Django reads DATABASE_URL once, at setup."""
    started = time.perf_counter()
    status = 0
    for backend in ("sqlite", "postgres"):
        if backend == "postgres" and not postgres_answers():
            print("\nPostgreSQL on 127.0.0.1:5432 does not answer: skipping the postgres run.")
            continue
        command = [sys.executable, __file__, "--backend", backend, "--runs", str(args.runs)]
        command += [flag for flag, on in (("--keep", args.keep), ("--reuse", args.reuse)) if on]
        status = subprocess.run(command, cwd=REPO, check=False).returncode or status
    print(f"\nTotal run time: {time.perf_counter() - started:.1f} s")
    return status


# --- child: database setup -------------------------------------------------------------------


def recreate_postgres_database() -> None:
    import psycopg

    with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")


def drop_postgres_database() -> None:
    import psycopg

    with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def fresh_sqlite_file() -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)


def setup_django(backend: str) -> None:
    os.environ["DATABASE_URL"] = DATABASE_URLS[backend]
    os.environ["DJANGO_SETTINGS_MODULE"] = "tandem.settings"
    os.environ["DEBUG"] = "0"  # DEBUG would record every query and distort the timings
    import django

    django.setup()


def load_base_data() -> None:
    from django.core.management import call_command

    from tandem.catalogue.services import load_catalogue
    from tandem.places.services import load_reference

    call_command("migrate", verbosity=0)
    load_reference()
    load_catalogue()


# --- child: synthetic campaigns ---------------------------------------------------------------


def generate_campaigns() -> None:
    from django.db import connection

    from tandem.campaigns.models import Response
    from tandem.catalogue.models import Aspect, Framework
    from tandem.places.models import Pair

    framework = Framework.objects.get(slug=FRAMEWORK)
    pair_ids = list(Pair.objects.order_by("pk").values_list("pk", flat=True))
    aspect_ids = list(
        Aspect.objects.filter(domain__framework=framework)
        .order_by("domain__number", "order")
        .values_list("pk", flat=True)
    )
    rng = random.Random(SEED)
    started = time.perf_counter()
    for year in YEARS:
        create_campaign(framework, year, pair_ids, aspect_ids, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Statistics and visibility map, as autovacuum gives a live server after a bulk load
            # (index-only scans need the visibility map).
            cursor.execute("VACUUM ANALYZE")
    elapsed = time.perf_counter() - started
    print(
        f"Generated {len(YEARS)} campaigns x {len(pair_ids)} pairs x {len(aspect_ids)} aspects: "
        f"{Response.objects.count():,} responses in {elapsed:.1f} s"
    )


def create_campaign(
    framework, year: int, pair_ids: list[int], aspect_ids: list[int], rng: random.Random
) -> None:
    from django.db import transaction

    from tandem.campaigns.models import Campaign, CampaignPair, Response, Round

    with transaction.atomic():
        campaign = Campaign.objects.create(
            slug=f"synthetic-{year}",
            name=f"Synthetic {year}",
            framework=framework,
            year=year,
            status=Campaign.Status.CLOSED,
        )
        CampaignPair.objects.bulk_create(
            CampaignPair(campaign=campaign, pair_id=pair_id) for pair_id in pair_ids
        )
        round_ = Round.objects.create(campaign=campaign, number=1, status=Round.Status.CLOSED)
        degrees = iter(rng.choices(DEGREES, DEGREE_WEIGHTS, k=len(pair_ids) * len(aspect_ids)))
        # bulk_create skips simple_history on purpose: the benchmark needs no audit trail, and
        # the history table does not take part in matrix reads.
        Response.objects.bulk_create(
            (
                Response(
                    round=round_,
                    pair_id=pair_id,
                    aspect_id=aspect_id,
                    degree=next(degrees),
                    respondent=Response.Respondent.JOINT,
                    status=Response.Status.SUBMITTED,
                )
                for pair_id in pair_ids
                for aspect_id in aspect_ids
            ),
            batch_size=BATCH_SIZE,
        )


# --- child: the two measured paths ------------------------------------------------------------


def analysis(campaign, domain, aspect_set: str):
    """The page's path: domain_matrix() and the totals the page renders."""
    from tandem.campaigns.queries import domain_matrix

    result = domain_matrix(campaign, domain, aspect_set)
    matrix = result.matrix
    _ = (matrix.column_totals, matrix.column_counts, [row.total for row in matrix.rows])
    return result


def floor_sql(aspect_ids: list[int]) -> str:
    """The floor: one SELECT (valid on SQLite and PostgreSQL) computing the same matrix as the
    analysis path. It starts from the campaign's pairs, so a pair without answers still gets its
    row, as on the page, with the municipality's code and names, left-joins the round's answers
    for the aspects and pivots them: a 'pair' row per pair (cells, row total), a 'total' row
    (column totals, grand total) and a 'positive' row (pairs with degree > 0 per aspect)."""
    from tandem.campaigns.models import CampaignPair, Response
    from tandem.places.models import Municipality, Pair, Region

    ids = [int(a) for a in aspect_ids]  # integers from the database, safe to inline
    cells = ", ".join(f"MAX(CASE WHEN aspect_id = {a} THEN degree END)" for a in ids)
    totals = ", ".join(f"COALESCE(SUM(CASE WHEN aspect_id = {a} THEN degree END), 0)" for a in ids)
    positives = ", ".join(
        f"COUNT(CASE WHEN aspect_id = {a} AND degree > 0 THEN 1 END)" for a in ids
    )
    # Pivot the answers first and join the 565 pairs to the pivoted rows: grouping the joined
    # rows by pair and names instead costs twice as much on PostgreSQL.
    return f"""
        WITH cell AS (
            SELECT pair_id, aspect_id, degree FROM {Response._meta.db_table}
            WHERE round_id = %(round)s AND respondent = %(respondent)s AND status = %(status)s
              AND aspect_id IN ({", ".join(map(str, ids))})
        ),
        pivot AS (
            SELECT pair_id, {cells}, SUM(degree) AS total FROM cell GROUP BY pair_id
        )
        SELECT 'pair', cp.pair_id, m.refnis, m.name_nl, m.name_fr, rg.refnis, pivot.*
        FROM {CampaignPair._meta.db_table} cp
        JOIN {Pair._meta.db_table} p ON p.id = cp.pair_id
        JOIN {Municipality._meta.db_table} m ON m.id = p.municipality_id
        JOIN {Region._meta.db_table} rg ON rg.id = m.region_id
        LEFT JOIN pivot ON pivot.pair_id = cp.pair_id
        WHERE cp.campaign_id = %(campaign)s
        UNION ALL
        SELECT 'total', NULL, NULL, NULL, NULL, NULL, NULL, {totals}, COALESCE(SUM(degree), 0)
        FROM cell
        UNION ALL
        SELECT 'positive', NULL, NULL, NULL, NULL, NULL, NULL, {positives},
               COUNT(CASE WHEN degree > 0 THEN 1 END) FROM cell
    """


def answers_only_sql(aspect_ids: list[int]) -> str:
    """For information: the same pivot over the answers alone. It is cheaper because it skips
    what the matrix must show besides the cells: rows of pairs without answers and their names."""
    from tandem.campaigns.models import Response

    ids = [int(a) for a in aspect_ids]
    cells = ", ".join(f"MAX(CASE WHEN aspect_id = {a} THEN degree END)" for a in ids)
    totals = ", ".join(f"COALESCE(SUM(CASE WHEN aspect_id = {a} THEN degree END), 0)" for a in ids)
    positives = ", ".join(
        f"COUNT(CASE WHEN aspect_id = {a} AND degree > 0 THEN 1 END)" for a in ids
    )
    return f"""
        WITH cell AS (
            SELECT pair_id, aspect_id, degree FROM {Response._meta.db_table}
            WHERE round_id = %(round)s AND respondent = %(respondent)s AND status = %(status)s
              AND aspect_id IN ({", ".join(map(str, ids))})
        )
        SELECT 'pair', pair_id, {cells}, SUM(degree) FROM cell GROUP BY pair_id
        UNION ALL
        SELECT 'total', NULL, {totals}, COALESCE(SUM(degree), 0) FROM cell
        UNION ALL
        SELECT 'positive', NULL, {positives}, COUNT(CASE WHEN degree > 0 THEN 1 END) FROM cell
    """


def raw_floor(sql: str, result) -> list[tuple]:
    from django.db import connection

    from tandem.campaigns.models import Response

    params = {
        "round": result.round.pk,
        "campaign": result.campaign.pk,
        "respondent": Response.Respondent.JOINT,
        "status": Response.Status.SUBMITTED,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def verify(result, rows: list[tuple]) -> None:
    """Assert the floor computed exactly the matrix: every row with its code, name, cells and
    total, and the column totals and counts."""
    from tandem.places.naming import municipality_name

    matrix = result.matrix
    width = len(matrix.columns)
    by_kind = {}
    for kind, pair_id, *values in rows:
        by_kind.setdefault(kind, {})[pair_id] = values
    # Each row: code, name_nl, name_fr, region, the pivot's pair_id, the cells, the row total.
    assert by_kind["total"][None][5 : 5 + width] == matrix.column_totals, "column totals differ"
    assert by_kind["positive"][None][5 : 5 + width] == matrix.column_counts, "counts differ"
    assert len(by_kind["pair"]) == len(matrix.rows), "number of rows differs"
    for row in matrix.rows:
        refnis, name_nl, name_fr, region, _, *values = by_kind["pair"][row.header.key]
        assert refnis == row.header.code, f"code differs for pair {row.header.key}"
        assert municipality_name(name_nl, name_fr, region) == row.header.name, "name differs"
        assert values[:width] == row.cells, f"cells differ for pair {row.header.key}"
        assert values[width] == row.total, f"row total differs for pair {row.header.key}"


def median_ms(function, runs: int) -> float:
    for _ in range(WARMUP):
        function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure(campaign, domain, aspect_set: str, runs: int) -> dict:
    result = analysis(campaign, domain, aspect_set)
    aspect_ids = [a.pk for a in result.aspects]
    sql, answers_sql = floor_sql(aspect_ids), answers_only_sql(aspect_ids)
    verify(result, raw_floor(sql, result))
    analysis_ms = median_ms(lambda: analysis(campaign, domain, aspect_set), runs)
    raw_ms = median_ms(lambda: raw_floor(sql, result), runs)
    answers_ms = median_ms(lambda: raw_floor(answers_sql, result), runs)
    return {
        "aspects": len(result.aspects),
        "pairs": len(result.matrix.rows),
        "analysis": analysis_ms,
        "raw": raw_ms,
        "ratio": analysis_ms / raw_ms,
        "answers": answers_ms,
        "answers_ratio": analysis_ms / answers_ms,
    }


# --- child: report ----------------------------------------------------------------------------


def verdict(row: dict) -> str:
    misses = []
    if row["analysis"] > TARGET_MS:
        misses.append(f">{TARGET_MS:.0f}ms")
    if row["ratio"] > TARGET_RATIO:
        misses.append(f">{TARGET_RATIO:.0f}x")
    return "MISS " + " ".join(misses) if misses else "ok"


def print_table(title: str, rows: dict[str, dict]) -> None:
    print(f"\n{title}")
    print(
        f"{'domain':<13} {'aspects':>7} {'pairs':>5} {'analysis ms':>11} {'raw SQL ms':>10} "
        f"{'ratio':>6}  targets    {'answers-only ms':>15} {'ratio':>6}"
    )
    for slug, row in rows.items():
        print(
            f"{slug:<13} {row['aspects']:>7} {row['pairs']:>5} {row['analysis']:>11.2f} "
            f"{row['raw']:>10.2f} {row['ratio']:>5.2f}x  {verdict(row):<10} "
            f"{row['answers']:>15.2f} {row['answers_ratio']:>5.2f}x"
        )


def summary(backend: str, rows: dict[str, dict]) -> str:
    worst_ms = max(r["analysis"] for r in rows.values())
    worst_ratio = max(r["ratio"] for r in rows.values())
    passed = worst_ms <= TARGET_MS and worst_ratio <= TARGET_RATIO
    scope = "P3 target" if backend == "postgres" else "P3 targets applied for information"
    return (
        f"SUMMARY {backend}: predefined, slowest analysis median {worst_ms:.1f} ms "
        f"(<= {TARGET_MS:.0f}), worst ratio {worst_ratio:.2f}x (<= {TARGET_RATIO:.0f}x) "
        f"-> {'PASS' if passed else 'FAIL'} ({scope})"
    )


def run_backend(backend: str, runs: int, keep: bool, reuse: bool) -> None:
    print(f"\n=== {backend} ===")
    if not reuse:
        if backend == "sqlite":
            fresh_sqlite_file()
        else:
            recreate_postgres_database()
    setup_django(backend)
    try:
        benchmark(backend, runs, reuse)
    finally:
        from django.db import connections

        connections.close_all()
        if backend == "postgres" and not keep:
            drop_postgres_database()
            print(f"Dropped database {PG_DATABASE} (use --keep to leave it).")


def benchmark(backend: str, runs: int, reuse: bool = False) -> None:
    from django.db import connection

    from tandem.campaigns.models import Campaign
    from tandem.campaigns.queries import domain_for

    if reuse:
        print("Reusing the database of an earlier --keep run")
    else:
        started = time.perf_counter()
        load_base_data()
        elapsed = time.perf_counter() - started
        print(f"Migrated and loaded reference data + catalogue in {elapsed:.1f} s")
        generate_campaigns()
    campaign = Campaign.objects.get(slug=f"synthetic-{MEASURED_YEAR}")
    print(
        f"Database: {connection.vendor} {connection.Database.__name__}; measuring "
        f"{campaign.slug}: median of {runs} runs after {WARMUP} warm-up runs"
    )
    domains = {slug: domain_for(campaign, slug) for slug in DOMAINS}
    for aspect_set in ("predefined", "all"):
        rows = {slug: measure(campaign, d, aspect_set, runs) for slug, d in domains.items()}
        print_table(
            f"{backend}, aspect set '{aspect_set}' (targets: analysis <= {TARGET_MS:.0f} "
            f"ms on PostgreSQL, <= {TARGET_RATIO:.0f}x raw SQL)",
            rows,
        )
        if aspect_set == "predefined":
            predefined = rows
    print("\n" + summary(backend, predefined))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=sorted(DATABASE_URLS))
    parser.add_argument("--runs", type=int, default=30, help="timed runs per measurement (>= 30)")
    parser.add_argument("--keep", action="store_true", help="keep the tandem_bench database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the data a --keep run left, do not rebuild"
    )
    args = parser.parse_args()
    if args.backend is None:
        return run_all(args)
    run_backend(args.backend, max(args.runs, 30), args.keep or args.reuse, args.reuse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
