"""Load benchmark for the questionnaire (issue 3; QUALITY.md P1/P2): 50 respondents of 50 pairs
at once, loading domain pages and autosaving answers, against gunicorn with 4 workers on
PostgreSQL, for 2 minutes. Prints requests/s, p50/p95/p99 per request type and errors, then
checks that the last saved value of every answer is in the database (lost answers).

Target (issue 3): 0 errors, 0 lost answers, p95 of all measured requests under 150 ms.

Pace: how long a simulated respondent waits between two actions (a save or a page load).
- `respondent` (default, the target's verdict): 2-8 s. The page saves a row when a choice is
  clicked, or 1.5 s after typing stops; between two saves a person reads the next question,
  clicks or types, so even a brisk respondent acts every few seconds.
- `stress`: 0.2-1.0 s, five to ten times faster than anyone can fill in a form; it shows the
  capacity of the machine (what 50 users at this pace ask is what several hundred people
  would), not the respondents' experience.

How it works: a fresh PostgreSQL database `tandem_load` on 127.0.0.1 is migrated and loaded
(reference data, catalogue), a campaign with 50 Flemish pairs and one respondent account each
is created and its first round opened; gunicorn serves the app on 127.0.0.1:8765 with
production settings (DEBUG off, plain HTTP allowed for the local run); locust (headless, from
benchmarks/questionnaire_locustfile.py) drives the users. The respondents first log in (a
warm-up, timed apart); the measured --seconds start when all of them are in. Only 127.0.0.1 is
ever targeted, and the run stops by itself.

Run:  .venv/bin/python benchmarks/questionnaire_load.py [--users 50] [--seconds 120]
      [--pace respondent|stress] [--keep]
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
MEASURING = OUT / "questionnaire_load_measuring"  # written by the locustfile when it starts
PACES = {"respondent": (2.0, 8.0), "stress": (0.2, 1.0)}  # seconds between two actions


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
from tandem.campaigns.services import coordination, rounds
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
rounds.open_round(campaign.rounds.get())
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


def run_locust(data: dict, users: int, seconds: int, pace: str, server_pid: int):
    """Run locust; returns the statistics' file prefix and the CPU used while measuring."""
    prefix = OUT / "questionnaire_load"
    expected = OUT / "questionnaire_load_expected.json"
    env = dict(
        os.environ,
        LOAD_PASSWORD=PASSWORD,
        LOAD_CAMPAIGN=CAMPAIGN,
        LOAD_PAIRS=json.dumps(data["pairs"]),
        LOAD_DOMAINS=",".join(data["domains"]),
        LOAD_EXPECTED=str(expected),
        LOAD_LOGINS=str(OUT / "questionnaire_load_logins.json"),
        LOAD_USERS=str(users),
        LOAD_SECONDS=str(seconds),
        LOAD_MEASURING=str(MEASURING),
        LOAD_WAIT_MIN=str(PACES[pace][0]),
        LOAD_WAIT_MAX=str(PACES[pace][1]),
    )
    MEASURING.unlink(missing_ok=True)
    locust = subprocess.Popen(
        [
            str(BIN / "locust"),
            "-f",
            str(REPO / "benchmarks" / "questionnaire_locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",  # a bound: the measured time starts after the logins (locustfile)
            f"{seconds + 180}s",
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
    )
    while not MEASURING.exists():
        if locust.poll() is not None:
            raise SystemExit("locust stopped before the respondents were logged in")
        time.sleep(0.1)
    before, before_ticks = cpu_by_part(server_pid, locust.pid), cpu_ticks()
    time.sleep(seconds - 0.5)  # the locustfile stops itself after `seconds`
    after, after_ticks = cpu_by_part(server_pid, locust.pid), cpu_ticks()
    locust.wait()
    used = {part: after[part] - before[part] for part in before}
    busy = after_ticks[0] - before_ticks[0]
    used["busy"] = busy / max(1, after_ticks[1] - before_ticks[1])
    used["rest"] = busy / os.sysconf("SC_CLK_TCK") - used["server"] - used["locust"]
    return prefix, used


def report(prefix: Path) -> dict:
    logins = json.loads((OUT / "questionnaire_load_logins.json").read_text())
    if logins:
        print(
            f"\nWarm-up, not measured: {len(logins)} logins at once took "
            f"{logins[len(logins) // 2]:.0f} ms (median) to {logins[-1]:.0f} ms (slowest); "
            "the password hash is slow on purpose"
        )
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8")))
    print(
        f"\n{'request':<14} {'count':>7} {'errors':>6} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7}"
    )
    figures = {}
    for row in rows:
        name = row["Name"]
        if int(row["Request Count"]) == 0:
            continue  # the login requests, before the statistics were reset
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


def cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    fields = [int(v) for v in open("/proc/stat", encoding="ascii").readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _processes() -> dict[int, tuple[int, str, float]]:
    """{pid: (parent pid, command, CPU seconds used)} of every process, from /proc."""
    found = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = open(f"/proc/{entry}/stat", encoding="ascii", errors="replace").read()
        except OSError:
            continue  # ended meanwhile
        command = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        found[int(entry)] = (int(fields[1]), command, (int(fields[11]) + int(fields[12])) / tick)
    return found


def cpu_by_part(server_pid: int, locust_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the app server (gunicorn and its workers) and the load
    generator. (PostgreSQL's backends come and go with the app's connections, so its share is
    what the machine used besides these two.)"""
    processes = _processes()

    def tree(root: int) -> float:
        pids, total = [root], 0.0
        while pids:
            pid = pids.pop()
            total += processes.get(pid, (0, "", 0.0))[2]
            pids += [p for p, (parent, _c, _s) in processes.items() if parent == pid]
        return total

    return {"server": tree(server_pid), "locust": tree(locust_pid)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--pace", choices=sorted(PACES), default="respondent")
    parser.add_argument("--keep", action="store_true", help="keep the tandem_load database")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    recreate_database()
    try:
        data = set_up(args.users)
        server = start_server()
        try:
            wait = PACES[args.pace]
            print(
                f"Running {args.users} respondents ({args.pace} pace: {wait[0]:g}-{wait[1]:g} s "
                f"between actions) for {args.seconds} s against gunicorn (4 workers) on "
                "127.0.0.1 ..."
            )
            prefix, cpu = run_locust(data, args.users, args.seconds, args.pace, server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
        figures = report(prefix)
        requests = max(1, figures.get("Aggregated", {}).get("count", 1))
        print(
            f"\nCPU while measuring ({os.cpu_count()} cores, {cpu['busy']:.0%} busy), per "
            f"request: app server {cpu['server'] / requests * 1000:.1f} ms, load generator "
            f"{cpu['locust'] / requests * 1000:.1f} ms, PostgreSQL and the rest "
            f"{cpu['rest'] / requests * 1000:.1f} ms"
        )
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
    passed = total.get("errors", 1) == 0 and checked["lost"] == 0 and total.get("p95", 1e9) < 150
    print(
        f"SUMMARY ({args.pace} pace): {total.get('rps', 0):.1f} requests/s, "
        f"{total.get('errors', 0)} errors, {checked['lost']} lost answers; p95 of all requests "
        f"{total.get('p95', 0):.0f} ms (< 150; autosave {autosave.get('p95', 0):.0f}, domain "
        f"page {pages.get('p95', 0):.0f}) -> {'PASS' if passed else 'FAIL'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
