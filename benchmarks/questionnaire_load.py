"""Load benchmark for the questionnaire (issue 3; QUALITY.md P1/P2): 50 respondents of 50 pairs
at once, loading domain pages and autosaving answers, against gunicorn with 4 workers on
PostgreSQL, for 2 minutes. Prints requests/s, p50/p95/p99 per request type and errors, then
checks that the last saved value of every answer is in the database (lost answers).

Target (issue 3): 0 errors, 0 lost answers, autosave p95 under 150 ms.

How it works: a fresh PostgreSQL database `tandem_load` on 127.0.0.1 is migrated and loaded
(reference data, catalogue), a campaign with 50 Flemish pairs and one respondent account each
is created and its first round opened; gunicorn serves the app on 127.0.0.1:8765 with
production settings (DEBUG off, plain HTTP allowed for the local run); locust (headless, from
benchmarks/questionnaire_locustfile.py) drives the users. Only 127.0.0.1 is ever targeted, and
the run stops by itself after --seconds.

Run:  .venv/bin/python benchmarks/questionnaire_load.py [--users 50] [--seconds 120] [--keep]
Needs the `bench` extra (pip install -e .[bench]: locust). Not part of the test suite.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "var" / "bench"
PG_DSN = "host=127.0.0.1 port=5432 user=postgres connect_timeout=3"
DATABASE = "tandem_load"
PORT = 8765
PASSWORD = "Load-Test-Pass-2026"
CAMPAIGN = "load-2026"
BIN = Path(sys.executable).parent


def environment() -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        DJANGO_SETTINGS_MODULE="tandem.settings",
        DEBUG="0",
        TANDEM_HTTPS="0",  # plain HTTP on 127.0.0.1; production keeps HTTPS on
        SECRET_KEY="benchmark-only-secret-key-not-used-anywhere-else-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="ERROR",
    )
    return env


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")


def drop_database() -> None:
    import psycopg

    with psycopg.connect(PG_DSN + " dbname=postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


SETUP = """
import json, sys, django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
from tandem.accounts.models import PairRole
from tandem.campaigns import coordination
from tandem.catalogue.models import Framework
from tandem.catalogue.services import load_catalogue
from tandem.places.models import Pair
from tandem.places.services import load_reference
count, password, slug = int(sys.argv[1]), sys.argv[2], sys.argv[3]
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
load_reference()
load_catalogue()
users = get_user_model()
coordinator = users.objects.create_user("coordinator", password=password)
framework = Framework.objects.get(slug="management-2010")
campaign = coordination.create_campaign(
    user=coordinator, framework=framework, slug=slug, name="Load 2026", year=2026
)
pairs = list(
    Pair.objects.exclude(municipality__region__refnis="03000").order_by("municipality__refnis")
)[:count]
coordination.set_pairs(campaign, pairs)
coordination.open_round(campaign.rounds.get())
hashed = users(username="template")
hashed.set_password(password)  # hash once: 50 PBKDF2 runs would dominate the set-up
people = []
for number, pair in enumerate(pairs):
    user = users.objects.create(username=f"respondent-{number}", password=hashed.password)
    PairRole.objects.create(user=user, pair=pair, role="respondent", campaign=campaign)
    people.append([user.username, pair.municipality.refnis])
domains = [d.slug for d in framework.domains.order_by("number")]
print(json.dumps({"pairs": people, "domains": domains}))
"""


def set_up(users: int) -> dict:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", SETUP, str(users), PASSWORD, CAMPAIGN],
        env=environment(),
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"Database ready: {len(data['pairs'])} pairs and respondents "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return data


def start_server():
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "tandem.wsgi",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=environment(),
        cwd=REPO,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/accounts/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start on 127.0.0.1")


def run_locust(data: dict, users: int, seconds: int) -> Path:
    prefix = OUT / "questionnaire_load"
    expected = OUT / "questionnaire_load_expected.json"
    env = dict(
        os.environ,
        LOAD_PASSWORD=PASSWORD,
        LOAD_CAMPAIGN=CAMPAIGN,
        LOAD_PAIRS=json.dumps(data["pairs"]),
        LOAD_DOMAINS=",".join(data["domains"]),
        LOAD_EXPECTED=str(expected),
    )
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(REPO / "benchmarks" / "questionnaire_locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        cwd=REPO,
        check=False,
    )
    return prefix


def report(prefix: Path) -> dict:
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    print(
        f"\n{'request':<14} {'count':>7} {'errors':>6} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7}"
    )
    figures = {}
    for row in rows:
        name = row["Name"]
        figures[name] = {
            "count": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "p50": float(row["50%"]),
            "p95": float(row["95%"]),
            "p99": float(row["99%"]),
        }
        f = figures[name]
        print(
            f"{name:<14} {f['count']:>7} {f['errors']:>6} {f['rps']:>7.1f} {f['p50']:>7.0f} "
            f"{f['p95']:>7.0f} {f['p99']:>7.0f}"
        )
    return figures


VERIFY = """
import json, sys, django
django.setup()
from tandem.campaigns.models import Response
expected = json.load(open(sys.argv[1]))
lost = 0
for refnis, key, degree, reasons in expected:
    stored = Response.objects.filter(round__campaign__slug=sys.argv[2],
        pair__municipality__refnis=refnis, aspect_id=int(key[1:])).first()
    if stored is None or stored.degree != degree or stored.reasons != reasons:
        lost += 1
print(json.dumps({"checked": len(expected), "lost": lost,
    "history": Response.history.filter(round__campaign__slug=sys.argv[2]).count()}))
"""


def verify() -> dict:
    result = subprocess.run(
        [sys.executable, "-c", VERIFY, str(OUT / "questionnaire_load_expected.json"), CAMPAIGN],
        env=environment(),
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--keep", action="store_true", help="keep the tandem_load database")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    recreate_database()
    try:
        data = set_up(args.users)
        server = start_server()
        try:
            print(
                f"Running {args.users} respondents for {args.seconds} s against gunicorn "
                "(4 workers) on 127.0.0.1 ..."
            )
            prefix = run_locust(data, args.users, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
        figures = report(prefix)
        checked = verify()
    finally:
        if not args.keep:
            drop_database()
    total = figures.get("Aggregated", {})
    autosave = figures.get("autosave", {})
    pages = figures.get("domain page", {})
    print(
        f"\nSaved answers checked against the database: {checked['checked']}, lost: "
        f"{checked['lost']}; history rows written: {checked['history']}"
    )
    passed = total.get("errors", 1) == 0 and checked["lost"] == 0 and autosave.get("p95", 1e9) < 150
    print(
        f"SUMMARY: {total.get('rps', 0):.1f} requests/s, {total.get('errors', 0)} errors, "
        f"{checked['lost']} lost answers; autosave p95 {autosave.get('p95', 0):.0f} ms "
        f"(< 150), page p95 {pages.get('p95', 0):.0f} ms -> {'PASS' if passed else 'FAIL'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
