"""Benchmark for the benchmarking pages (issue 5): comparing 565 pairs, a pair against its peers,
a trend over ten campaigns.

Target (issue 5, QUALITY.md P2/P3 spirit): every page under 200 ms (median, PostgreSQL), next to
the raw SQL floor: the single aggregate query that computes the same numbers.

How it works: the data set is the one of benchmarks/matrix.py (its generator is reused): ten
synthetic yearly campaigns on framework 'management-2010', all 565 pairs x all 77 aspects, in the
PostgreSQL database `tandem_bench` (built fresh, or left by an earlier `--keep` run and measured
again with `--reuse`). For the 2024 campaign it times, through the Django test client as a
superuser (so every pair is readable), the median of N runs of

  benchmark  /campaigns/synthetic-2024/benchmark/: the 565 pairs' domain totals as a heatmap
             with its table, the ranking, the distribution and the group summaries (by province);
  profile    /campaigns/synthetic-2024/benchmark/pairs/44021/: Gent against the median of the
             564 other pairs, as bars with their table;
  trend      /campaigns/synthetic-2024/benchmark/trends/?domain=financieel: the financial domain
             over the ten campaigns (and one aspect, thesaurie);
  CSV        the whole campaign's benchmark CSV, streamed (P6), read to its last row; the row
             count is checked (565 pairs and the header).

Each beside its raw SQL floor: one SELECT computing the same numbers (per pair and domain the sum
of degrees with the pairs' codes and names; per campaign the pairs answered, cooperating,
formal and the mean degree), whose result is asserted equal to what the page computed. The query
count per page is printed too (P4: at most 15).

Run:  .venv/bin/python benchmarks/comparisons.py [--runs 30] [--keep] [--reuse]
      --keep leaves the tandem_bench database in place; --reuse measures one an earlier --keep
      run (of this script or of benchmarks/matrix.py) left, without rebuilding it;
      --database NAME uses another database than tandem_bench.
Not part of the test suite.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import matrix as dataset  # noqa: E402  (benchmarks/matrix.py: database setup and generator)

CAMPAIGN = f"synthetic-{dataset.MEASURED_YEAR}"
PAIR = "44021"  # Gent
TREND_DOMAIN = "financieel"
TREND_ASPECT = "thesaurie"
TARGET_MS = 200.0
MAX_QUERIES = 15


# --- floors --------------------------------------------------------------------------------------


def totals_floor_sql() -> str:
    """Per pair of the campaign: its code and names, and per domain the sum of its submitted
    joint degrees over the domain's predefined aspects in the round (NULL domain: no answer)."""
    from tandem.campaigns.models import CampaignPair, Response
    from tandem.catalogue.models import Aspect
    from tandem.places.models import Municipality, Pair, Region

    return f"""
        WITH sums AS (
            SELECT r.pair_id, a.domain_id, SUM(r.degree) AS total
            FROM {Response._meta.db_table} r
            JOIN {Aspect._meta.db_table} a ON a.id = r.aspect_id
            WHERE r.round_id = %(round)s AND r.respondent = %(respondent)s
              AND r.status = %(status)s AND r.degree IS NOT NULL
              AND a.origin = 'predefined'
            GROUP BY r.pair_id, a.domain_id
        )
        SELECT cp.pair_id, m.refnis, m.name_nl, m.name_fr, rg.refnis, m.province_id,
               sums.domain_id, sums.total
        FROM {CampaignPair._meta.db_table} cp
        JOIN {Pair._meta.db_table} p ON p.id = cp.pair_id
        JOIN {Municipality._meta.db_table} m ON m.id = p.municipality_id
        JOIN {Region._meta.db_table} rg ON rg.id = m.region_id
        LEFT JOIN sums ON sums.pair_id = cp.pair_id
        WHERE cp.campaign_id = %(campaign)s
    """


def trend_floor_sql(aspect_ids: list[int], round_ids: list[int]) -> str:
    """Per round (one per campaign): pairs answered, cooperating, formal, sum and answers."""
    from tandem.campaigns.models import Response

    aspects = ", ".join(str(int(a)) for a in aspect_ids)
    rounds = ", ".join(str(int(r)) for r in round_ids)
    return f"""
        SELECT round_id, COUNT(DISTINCT pair_id),
               COUNT(DISTINCT CASE WHEN degree > 0 THEN pair_id END),
               COUNT(DISTINCT CASE WHEN degree = 2 THEN pair_id END),
               SUM(degree), COUNT(*)
        FROM {Response._meta.db_table}
        WHERE round_id IN ({rounds}) AND aspect_id IN ({aspects})
          AND respondent = %(respondent)s AND status = %(status)s AND degree IS NOT NULL
        GROUP BY round_id
    """


def run_sql(sql: str, params: dict) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# --- checks: the floor computes what the page shows ---------------------------------------------


def verify_totals(rows: list[tuple], page_rows) -> None:
    by_pair: dict = {}
    for pair_id, refnis, _nl, _fr, _region, _province, domain_id, total in rows:
        entry = by_pair.setdefault(pair_id, {"code": refnis, "totals": {}})
        if domain_id is not None:
            entry["totals"][domain_id] = total
    assert len(by_pair) == len(page_rows), "number of pairs differs"
    for row in page_rows:
        expected = by_pair[row.key]
        assert expected["code"] == row.code
        assert {k: v for k, v in row.totals.items() if v is not None} == expected["totals"]


def verify_trend(rows: list[tuple], points, campaign_of_round: dict) -> None:
    by_campaign = {campaign_of_round[r[0]]: r[1:] for r in rows}
    for point in points:
        answered, cooperating, formal, total, answers = by_campaign[point.campaign.pk]
        assert (point.answered, point.cooperating, point.formal) == (
            answered,
            cooperating,
            formal,
        )
        assert abs(point.mean - total / answers) < 1e-9


# --- timing --------------------------------------------------------------------------------------


def timed_get(client, url: str, params: dict | None = None) -> tuple[float, int, bytes]:
    """One GET through the test client: milliseconds, queries and the body (a streamed
    response is read to its end)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params or {}, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries), body


def median_of(function, runs: int) -> float:
    for _ in range(dataset.WARMUP):
        function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def client_for_superuser():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, created = get_user_model().objects.get_or_create(
        username="bench-comparisons", defaults={"is_superuser": True, "is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client, user


# --- the measurements ----------------------------------------------------------------------------


def benchmark(runs: int) -> list[dict]:
    from django.urls import reverse
    from tandem.campaigns.benchmark_pages import benchmark_page, profile_page
    from tandem.campaigns.benchmark_trends import trend_page

    from tandem.benchmark import queries
    from tandem.campaigns.models import Campaign, Response
    from tandem.catalogue.models import Aspect
    from tandem.places.models import Pair

    client, user = client_for_superuser()
    campaign = Campaign.objects.select_related("framework").get(slug=CAMPAIGN)
    round_ = queries.matrix_round(campaign)
    base = {
        "round": round_.pk,
        "campaign": campaign.pk,
        "respondent": Response.Respondent.JOINT,
        "status": Response.Status.SUBMITTED,
    }
    results = []

    # 1. The campaign's 565 pairs compared, grouped by province.
    url = reverse("benchmark", args=[CAMPAIGN])
    params = {"group": "province"}
    page = benchmark_page(user, campaign, params)
    floor = totals_floor_sql()
    verify_totals(run_sql(floor, base), page.rows)
    _, count, body = timed_get(client, url, params)
    assert body.count(b'<tr><th scope="row"><a href') == len(page.rows) == 565
    results.append(
        {
            "page": "benchmark (565 pairs, by province)",
            "ms": median_of(lambda: timed_get(client, url, params), runs),
            "data_ms": median_of(lambda: benchmark_page(user, campaign, params).charts, runs),
            "floor_ms": median_of(lambda: run_sql(floor, base), runs),
            "queries": count,
        }
    )

    # 2. Gent against the other 564 pairs.
    pair = Pair.objects.select_related("municipality__region").get(municipality__refnis=PAIR)
    url = reverse("benchmark-pair", args=[CAMPAIGN, PAIR])
    profile = profile_page(user, campaign, pair, {})
    verify_totals(run_sql(floor, base), [profile.row, *profile.peers])
    _, count, _ = timed_get(client, url)
    results.append(
        {
            "page": "pair profile (Gent vs 564 peers)",
            "ms": median_of(lambda: timed_get(client, url), runs),
            "data_ms": median_of(lambda: profile_page(user, campaign, pair, {}), runs),
            "floor_ms": median_of(lambda: run_sql(floor, base), runs),
            "queries": count,
        }
    )

    # 3. The trend over the ten campaigns: a whole domain, and one aspect.
    campaigns = queries.framework_campaigns(user, campaign)
    rounds = queries._matrix_rounds(campaigns)
    campaign_of_round = {r: c for c, r in rounds.items()}
    for label, params in (
        ("trend, whole domain (10 campaigns)", {"domain": TREND_DOMAIN}),
        ("trend, one aspect (10 campaigns)", {"domain": TREND_DOMAIN, "aspect": TREND_ASPECT}),
    ):
        aspects = Aspect.objects.filter(
            domain__framework=campaign.framework,
            domain__slug=TREND_DOMAIN,
            origin=Aspect.Origin.PREDEFINED,
        )
        if "aspect" in params:
            aspects = aspects.filter(slug=TREND_ASPECT)
        aspect_ids = list(aspects.values_list("pk", flat=True))
        sql = trend_floor_sql(aspect_ids, list(rounds.values()))
        trend = trend_page(user, campaign, params)
        assert len(trend.points) == len(dataset.YEARS)
        verify_trend(run_sql(sql, base), trend.points, campaign_of_round)
        url = reverse("benchmark-trends", args=[CAMPAIGN])
        _, count, _ = timed_get(client, url, params)
        results.append(
            {
                "page": label,
                "ms": median_of(lambda u=url, p=params: timed_get(client, u, p), runs),
                "data_ms": median_of(lambda p=params: trend_page(user, campaign, p), runs),
                "floor_ms": median_of(lambda s=sql: run_sql(s, base), runs),
                "queries": count,
            }
        )

    # 4. The whole campaign as CSV (P6): streamed, never cut.
    url = reverse("benchmark-export", args=[CAMPAIGN, "csv"])
    _, count, body = timed_get(client, url)
    lines = body.decode().splitlines()
    assert len(lines) == 1 + 565, len(lines)
    results.append(
        {
            "page": "CSV export, whole campaign (566 lines)",
            "ms": median_of(lambda: timed_get(client, url), runs),
            "data_ms": None,
            "floor_ms": median_of(lambda: run_sql(floor, base), runs),
            "queries": count,
        }
    )
    return results


def report(results: list[dict], runs: int) -> bool:
    print(
        f"\nMedian of {runs} runs after {dataset.WARMUP} warm-up runs "
        f"(target: every page <= {TARGET_MS:.0f} ms, <= {MAX_QUERIES} queries)"
    )
    print(
        f"{'page':<40} {'page ms':>8} {'data ms':>8} {'raw SQL ms':>10} {'ratio':>6} "
        f"{'queries':>7}  verdict"
    )
    passed = True
    for row in results:
        ok = row["ms"] <= TARGET_MS and row["queries"] <= MAX_QUERIES
        passed &= ok
        data = f"{row['data_ms']:>8.1f}" if row["data_ms"] is not None else f"{'-':>8}"
        print(
            f"{row['page']:<40} {row['ms']:>8.1f} {data} {row['floor_ms']:>10.2f} "
            f"{row['ms'] / row['floor_ms']:>5.1f}x {row['queries']:>7}  {'ok' if ok else 'MISS'}"
        )
    print(
        "\n'page' is the whole request through the test client (view, queries, template, and for "
        "the CSV every streamed line); 'data' builds the page's numbers and charts without "
        "rendering; 'raw SQL' is the floor query alone."
    )
    worst = max(r["ms"] for r in results)
    print(
        f"\nSUMMARY postgres: slowest page median {worst:.1f} ms (<= {TARGET_MS:.0f}) -> "
        f"{'PASS' if passed else 'FAIL'}"
    )
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per measurement (>= 10)")
    parser.add_argument("--keep", action="store_true", help="keep the tandem_bench database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the data a --keep run left, do not rebuild"
    )
    parser.add_argument(
        "--database",
        default=dataset.PG_DATABASE,
        help=f"the PostgreSQL database to build or reuse (default {dataset.PG_DATABASE})",
    )
    args = parser.parse_args()
    dataset.PG_DATABASE = args.database  # benchmarks/matrix.py reads it when called
    dataset.DATABASE_URLS["postgres"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    if not dataset.postgres_answers():
        print("PostgreSQL on 127.0.0.1:5432 does not answer.")
        return 1
    runs, keep = max(args.runs, 10), args.keep or args.reuse
    print("=== postgres ===")
    if not args.reuse:
        dataset.recreate_postgres_database()
    dataset.setup_django("postgres")
    try:
        if args.reuse:
            print("Reusing the database of an earlier --keep run")
        else:
            started = time.perf_counter()
            dataset.load_base_data()
            elapsed = time.perf_counter() - started
            print(f"Migrated and loaded reference data + catalogue in {elapsed:.1f} s")
            dataset.generate_campaigns()
        passed = report(benchmark(runs), runs)
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            dataset.drop_postgres_database()
            print(f"Dropped database {dataset.PG_DATABASE} (use --keep to leave it).")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
