"""Benchmark of the respondent's pages (issue 13): what one request costs, in time and queries.

A fresh database (SQLite under var/bench/ by default, or `--database postgres://…`) is migrated
and loaded with the reference data, the catalogue and the demo data. A campaign is opened for
Namur with one respondent, who has answered every domain but one. Then, through Django's test
client in this process (production settings, HTTPS requests, no network), each request is made
`--runs` times after a warm-up, and the median, minimum and maximum time and the number of SQL
queries are printed:

  my work          /accounts/work/ (the landing page after login)
  overview         the questionnaire's task list with every missing answer listed
  domain page      one management domain's rows with their follow-ups
  print view       every answer of every domain on one page
  autosave         one row saved by htmx (a degree and a reason)
  autosave + PDF   the same with a 200 KB PDF chosen in the row, checked and stored

Targets (QUALITY.md): at most 15 queries per page, 16 for an autosave (P4, also a test); the
times are for comparison between versions, the load benchmark gives the p95 under load.

Run:  .venv/bin/python benchmarks/respondent_pages.py [--runs 30] [--database URL]
Not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "var" / "bench"
PASSWORD = "Groene-Kaai-2026!"
NAMUR = "92094"


def setup_django(database: str | None) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if database is None:
        path = BENCH_DIR / "respondent.sqlite3"
        path.unlink(missing_ok=True)
        database = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = database
    os.environ["TANDEM_VAR_DIR"] = str(BENCH_DIR)
    (BENCH_DIR / "static").mkdir(exist_ok=True)  # production settings serve collected files
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not database.startswith("sqlite"):  # an existing server database: start empty
        call_command("flush", interactive=False, verbosity=0)
    from tandem.catalogue.services import load_catalogue
    from tandem.demo.services import load_demo
    from tandem.places.services import load_reference

    load_reference()
    load_catalogue()
    load_demo()


def scenario():
    """A Namur respondent in an open round, every domain answered but 'andere'."""
    from django.contrib.auth import get_user_model

    from tandem.accounts.models import PairRole
    from tandem.campaigns import queries
    from tandem.campaigns.models import Campaign
    from tandem.campaigns.services import answering, coordination, rounds
    from tandem.places.models import Pair

    users = get_user_model()
    coordinator = users.objects.create_user("coordinator@uvcw.be", password=PASSWORD)
    framework = Campaign.objects.get(slug="centrumsteden-2010").framework
    campaign = coordination.create_campaign(
        user=coordinator,
        framework=framework,
        slug="bench-2026",
        name={"nl": "Samenwerking 2026", "fr": "Coopération 2026"},
        year=2026,
    )
    namur = Pair.objects.get(municipality__refnis=NAMUR)
    coordination.set_pairs(campaign=campaign, pairs=[namur])
    round_ = campaign.rounds.get(number=1)
    rounds.open_round(round_=round_)
    user = users.objects.create_user(
        "claire.dubois@namur.be", email="claire.dubois@namur.be", password=PASSWORD
    )
    PairRole.objects.create(user=user, pair=namur, role="respondent", campaign=campaign)
    for domain in framework.domains.exclude(slug="andere"):
        for aspect in queries.questionnaire_aspects(round_, domain):
            answering.save_answer(
                round_=round_,
                pair=namur,
                respondent="joint",
                aspect=aspect,
                values={"degree": 2, "reasons": "Samen sterker", "obstacles": "Aparte boekhouding"},
                expected_version=0,
                user=user,
            )
    key = f"a{framework.domains.get(slug='andere').aspects.order_by('order').first().pk}"
    return user, key


def measure(client, runs: int, request) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request()  # warm-up: templates, the per-process catalogue cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = request()
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        request()
    return times, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database", help="a DATABASE_URL (default: SQLite under var/bench/)")
    arguments = parser.parse_args()
    setup_django(arguments.database)

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test import Client

    user, key = scenario()
    client = Client()
    client.force_login(user)
    base = f"/campaigns/bench-2026/pairs/{NAMUR}/questionnaire/"
    row = f"{base}andere/rows/{key}/"
    version = [0]
    pdf = b"%PDF-1.7\n" + b"0" * 200_000 + b"\n%%EOF\n"

    def autosave(document=None):
        data = {f"{key}-version": version[0], f"{key}-degree": "1", f"{key}-shown": "1"}
        data[f"{key}-reasons"] = f"versie {version[0]}"
        if document:
            data[f"{key}-document"] = SimpleUploadedFile("protocol.pdf", document)
        response = client.post(row, data, secure=True, HTTP_HX_REQUEST="true")
        version[0] += 1
        return response

    requests = {
        "my work": lambda: client.get("/accounts/work/", secure=True),
        "overview": lambda: client.get(base, secure=True),
        "domain page": lambda: client.get(f"{base}financieel/", secure=True),
        "print view": lambda: client.get(f"{base}print/", secure=True),
        "autosave": autosave,
        "autosave + PDF": lambda: autosave(pdf),
    }
    print(f"database: {connection.vendor}; {arguments.runs} runs per request after a warm-up")
    print(f"{'request':<16} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'queries':>8}")
    for name, request in requests.items():
        times, queries = measure(client, arguments.runs, request)
        median, low, high = (1000 * f(times) for f in (statistics.median, min, max))
        print(f"{name:<16} {median:>10.1f} {low:>8.1f} {high:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
