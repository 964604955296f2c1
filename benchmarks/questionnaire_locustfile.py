"""Locust users for benchmarks/questionnaire_load.py: each is the respondent of one pair, who
logs in, then loads domain pages and autosaves answers (as htmx does) until the run stops.

Every successful save is remembered (pair, row key, degree, reasons marker); at the end the
benchmark checks each remembered last value against the database, so a lost answer shows."""

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

PASSWORD = os.environ["LOAD_PASSWORD"]
CAMPAIGN = os.environ["LOAD_CAMPAIGN"]
PAIRS = json.loads(os.environ["LOAD_PAIRS"])  # [[username, refnis], ...]
DOMAINS = os.environ["LOAD_DOMAINS"].split(",")
EXPECTED_FILE = Path(os.environ["LOAD_EXPECTED"])
VERSION = re.compile(r'name="(a\d+)-version" value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_numbers = itertools.count()
_expected = {}  # (refnis, row key) -> [degree, reasons]


class Respondent(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.username, self.refnis = PAIRS[next(_numbers) % len(PAIRS)]
        self.saves = 0
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="login",
        )
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
