"""Benchmark for issue 17.1: a domain's findings page for 565 pairs.

Target (issue 17): the findings page of one domain for 565 pairs answers in at most 200 ms with
at most 15 queries. A temporary SQLite database gets the reference data, the catalogue and one
campaign on framework 'management-2010' with every pair's submitted answers to every
predefined aspect of 'financieel' (7 aspects, 3,955 answers; fixed seed), each with a reason
text, one or two reason clusters, an instrument where it cooperates, a wish where the degree
asks one and obstacles where formal. It then times, as the campaign's coordinator (every pair
counted and quoted):

  findings   tandem.campaigns.findings.findings_for() (the page's data), median of --runs;
  page       the whole page through the test client (view, template, SVG bars), median, with
             the number of queries of one request after a warm-up (the catalogue's choice lists
             are kept a minute).

Run:  .venv/bin/python benchmarks/findings.py [--runs 15]
Not part of the test suite.
"""

import argparse
import statistics
import sys
import tempfile
import time

from synthetic import answer_all, campaign_with_pairs, prepare

PAGE_TARGET_MS = 200
QUERY_TARGET = 15


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        prepare(var_dir)
        from django.db import connection
        from django.test import Client

        from tandem.campaigns.findings import findings_for

        coordinator, campaign, round_, pairs = campaign_with_pairs()
        domain = campaign.framework.domains.get(slug="financieel")
        aspects = list(domain.aspects.filter(origin="predefined"))
        answers = answer_all(round_, pairs, aspects)

        timings = []
        for _run in range(args.runs):
            started = time.perf_counter()
            _round, found = findings_for(user=coordinator, campaign=campaign, domain=domain)
            timings.append((time.perf_counter() - started) * 1000)
        assert found.pairs == len(pairs), (found.pairs, len(pairs))

        client = Client()
        client.force_login(coordinator)
        url = f"/campaigns/{campaign.slug}/domains/financieel/findings/"
        assert client.get(url, secure=True).status_code == 200  # warm-up
        counter = Counter()
        with connection.execute_wrapper(counter):
            assert client.get(url, secure=True).status_code == 200
        pages = []
        for _run in range(args.runs):
            started = time.perf_counter()
            client.get(url, secure=True)
            pages.append((time.perf_counter() - started) * 1000)

    print(f"pairs x aspects           {len(pairs)} x {len(aspects)} = {answers} answers")
    print(f"findings (data)           median {statistics.median(timings):.0f} ms")
    print(
        f"page (whole request)      median {statistics.median(pages):.0f} ms, "
        f"{counter.count} queries; target <= {PAGE_TARGET_MS} ms, <= {QUERY_TARGET} queries"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
