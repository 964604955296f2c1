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
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_TARGET_MS = 200
QUERY_TARGET = 15
SEED = 2010


class Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _prepare(var_dir: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "TANDEM_VAR_DIR": var_dir,
            "TANDEM_SEEDS_DIR": str(ROOT.parent / "shared" / "seeds"),
            "DEBUG": "0",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _answers(campaign, round_, pairs, aspects):
    from tandem.campaigns.models import Response
    from tandem.catalogue.models import Instrument, ObstacleType, ReasonCluster

    rng = random.Random(SEED)
    clusters = list(ReasonCluster.objects.all())
    obstacle_types = list(ObstacleType.objects.all())
    instruments = list(Instrument.objects.all())
    rows = []
    for pair in pairs:
        for aspect in aspects:
            degree = rng.choice((0, 1, 2))
            rows.append(
                Response(
                    round=round_,
                    pair=pair,
                    aspect=aspect,
                    degree=degree,
                    status=Response.Status.SUBMITTED,
                    reasons=f"Reden van {pair.municipality.name_nl} voor {aspect.slug}.",
                    instrument=rng.choice(instruments) if degree else None,
                    regulation="Protocol van 2019." if degree else "",
                    desirable=rng.choice((True, False)) if degree == 0 else None,
                    desirable_reasons="Te klein." if degree == 0 else "",
                    formal_desirable=rng.choice((True, False)) if degree == 1 else None,
                    formal_desirable_reasons="Afspraken vastleggen." if degree == 1 else "",
                    obstacles="Privacy en wetgeving." if degree == 2 else "",
                )
            )
    created = Response.objects.bulk_create(rows, batch_size=2000)
    through_c = Response.reason_clusters.through
    through_o = Response.obstacle_types.through
    through_c.objects.bulk_create(
        [
            through_c(response_id=r.pk, reasoncluster_id=c.pk)
            for r in created
            for c in rng.sample(clusters, rng.choice((1, 2)))
        ],
        batch_size=5000,
    )
    through_o.objects.bulk_create(
        [
            through_o(response_id=r.pk, obstacletype_id=rng.choice(obstacle_types).pk)
            for r in created
            if r.degree == 2
        ],
        batch_size=5000,
    )
    return len(created)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir:
        _prepare(var_dir)
        from django.contrib.auth.models import User
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from tandem.campaigns.findings import findings_for
        from tandem.campaigns.services import coordination
        from tandem.catalogue.models import Framework
        from tandem.catalogue.services import load_catalogue
        from tandem.places.models import Pair
        from tandem.places.services import load_reference

        call_command("migrate", verbosity=0)
        load_reference()
        load_catalogue()
        coordinator = User.objects.create_user("coordinator@example.be")
        framework = Framework.objects.get(slug="management-2010")
        campaign = coordination.create_campaign(
            user=coordinator, framework=framework, slug="bench", name="Benchmark", year=2026
        )
        pairs = list(Pair.objects.select_related("municipality"))
        coordination.add_pairs(campaign=campaign, pairs=pairs)
        round_ = campaign.rounds.get(number=1)
        round_.status = "closed"
        round_.save(update_fields=["status"])
        domain = framework.domains.get(slug="financieel")
        aspects = list(domain.aspects.filter(origin="predefined"))
        answers = _answers(campaign, round_, pairs, aspects)

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
