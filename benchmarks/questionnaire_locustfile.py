"""Locust users for benchmarks/questionnaire_load.py: each is the respondent of one pair, who
logs in, then loads domain pages and autosaves answers (as htmx does) until the run stops.

Logging in is the warm-up: the respondents wait until all of them are in, the statistics are
reset, and the measured minutes start then (50 password hashes at once keep both cores busy for
several seconds, which says nothing about the questionnaire). The login times are kept apart.

Every successful save is remembered (pair, row key, degree, reasons marker); at the end the
benchmark checks each remembered last value against the database, so a lost answer shows."""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task

PASSWORD = os.environ["LOAD_PASSWORD"]
CAMPAIGN = os.environ["LOAD_CAMPAIGN"]
PAIRS = json.loads(os.environ["LOAD_PAIRS"])  # [[username, refnis], ...]
DOMAINS = os.environ["LOAD_DOMAINS"].split(",")
EXPECTED_FILE = Path(os.environ["LOAD_EXPECTED"])
LOGINS_FILE = Path(os.environ["LOAD_LOGINS"])
USERS = int(os.environ["LOAD_USERS"])
MEASURED_SECONDS = float(os.environ["LOAD_SECONDS"])
MEASURING_FILE = Path(os.environ["LOAD_MEASURING"])
VERSION = re.compile(r'name="(a\d+)-version" value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_numbers = itertools.count()
_expected = {}  # (refnis, row key) -> [degree, reasons]
_login_ms = []
_all_logged_in = Event()


def _start_measuring(environment):
    """Called once, when the last respondent is in: reset the statistics, stop after the
    measured time."""
    environment.runner.stats.reset_all()
    MEASURING_FILE.write_text(str(time.time()))
    _all_logged_in.set()

    def stop():
        environment.runner.stop()
        environment.runner.quit()

    gevent.spawn_later(MEASURED_SECONDS, stop)


class Respondent(HttpUser):
    # Seconds between two actions of one respondent (see PACES in questionnaire_load.py).
    wait_time = between(float(os.environ["LOAD_WAIT_MIN"]), float(os.environ["LOAD_WAIT_MAX"]))

    def on_start(self):
        self.username, self.refnis = PAIRS[next(_numbers) % len(PAIRS)]
        self.saves = 0
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text).group(1)
        started = time.perf_counter()
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="login",
        )
        _login_ms.append((time.perf_counter() - started) * 1000)
        if len(_login_ms) == USERS:
            _start_measuring(self.environment)
        _all_logged_in.wait()
        # People do not all click at the same instant: start somewhere within one pause.
        gevent.sleep(random.uniform(0, float(os.environ["LOAD_WAIT_MAX"])))
        self.open_domain()

    def open_domain(self):
        self.domain = random.choice(DOMAINS)
        url = f"/campaigns/{CAMPAIGN}/pairs/{self.refnis}/questionnaire/{self.domain}/"
        page = self.client.get(url, name="domain page")
        self.versions = {key: int(v) for key, v in VERSION.findall(page.text)}
        self.csrf = CSRF.search(page.text).group(1)

    @task(1)
    def load_domain_page(self):
        self.open_domain()

    @task(4)
    def autosave(self):
        key = random.choice(list(self.versions))
        degree = random.choice((0, 1, 2))
        self.saves += 1
        reasons = f"{self.username} save {self.saves}"
        url = f"/campaigns/{CAMPAIGN}/pairs/{self.refnis}/questionnaire/{self.domain}/rows/{key}/"
        with self.client.post(
            url,
            {
                "csrfmiddlewaretoken": self.csrf,
                f"{key}-version": self.versions[key],
                f"{key}-degree": degree,
                f"{key}-reasons": reasons,
                f"{key}-shown": "",
            },
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="autosave",
            catch_response=True,
        ) as response:
            match = re.search(rf'name="{key}-version" value="(\d+)"', response.text)
            if response.status_code != 200 or match is None or "conflict" in response.text:
                response.failure(f"save refused ({response.status_code})")
                return
            self.versions[key] = int(match.group(1))
            _expected[(self.refnis, key)] = [degree, reasons]


@events.test_stop.add_listener
def _write_expected(**_kwargs):
    EXPECTED_FILE.write_text(
        json.dumps([[refnis, key, *value] for (refnis, key), value in _expected.items()])
    )
    LOGINS_FILE.write_text(json.dumps(sorted(_login_ms)))
