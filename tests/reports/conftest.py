"""The campaign with answers that the study report reads (the campaigns tests' own fixture)."""

from tests.campaigns.conftest import inventory  # noqa: F401
