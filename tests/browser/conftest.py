"""Headless Chromium (Debian's build, driven by Playwright) against pytest-django's live server.

Playwright's sync API runs an asyncio event loop in the test thread, so Django's async-safety
guard must be relaxed for the ORM calls these tests make, but only while that loop runs: the
browser lives for this package, and the variable is set for the package and removed after it (a
process-wide setting would leak into later tests and into their subprocesses, where
`manage.py check --deploy` rejects it). live_server tests are transactional: the database is
flushed after each of them, so `site` reloads the demo data when it is gone and the module
teardown reloads it once more for any test that runs after the browser tests.
"""

import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

from tandem.places.models import Region
from tests.conftest import load_all

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
LANGUAGE_COOKIE = "tandem_language"
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package", autouse=True)
def _async_unsafe_orm_while_playwright_runs():
    """Set up before the browser and torn down after it (autouse fixtures of a scope come first)."""
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    yield
    if previous is None:
        del os.environ[ASYNC_UNSAFE]
    else:
        os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def browser(_async_unsafe_orm_while_playwright_runs):
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        # While Playwright's loop runs, Django keeps the ORM's connections in that loop's context;
        # close them here, or PostgreSQL refuses to drop the test database ("other session").
        connections.close_all()
        chromium.close()


@pytest.fixture(scope="module", autouse=True)
def _restore_data_after_module(django_db_blocker):
    """Put the session data back for whatever runs after this module's flushing tests."""
    yield
    with django_db_blocker.unblock():
        if not Region.objects.exists():
            load_all()


@pytest.fixture
def site(live_server):
    """The live server's base URL, with the reference data, catalogue and demo campaign loaded."""
    if not Region.objects.exists():
        load_all()
    return live_server.url


@pytest.fixture
def new_context(browser, site):
    """new_context(language=None, **options): a fresh browser context, closed after the test.

    The browser announces Dutch (locale nl-BE, so Accept-Language nl-BE) unless told otherwise;
    `language` sets Tandem's language cookie instead, as the switcher would.
    """
    contexts = []

    def make(language=None, **options):
        options.setdefault("locale", "nl-BE")
        context = browser.new_context(base_url=site, **options)
        context.set_default_timeout(10_000)
        if language:
            context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": site}])
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture(scope="session")
def results_dir():
    RESULTS_DIR.mkdir(exist_ok=True)
    return RESULTS_DIR
