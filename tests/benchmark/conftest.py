"""The benchmark's tests run as they did beside the campaigns' tests: service messages in
English (pages still pick their language per request)."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield
