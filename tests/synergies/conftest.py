"""The demo pair of seed 004 (Sint-Jans-Molenbeek, 21012) and register users around it."""

import pytest

from tandem.accounts.models import PairRole
from tests import factories


@pytest.fixture
def molenbeek(db):
    return factories.pair("21012")


def make_user(username, pair=None, role=None):
    user = factories.user(username=username)
    if pair is not None:
        factories.pair_role(user=user, pair=pair, role=role)
    return user


@pytest.fixture
def editor(molenbeek):
    return make_user("editor-molenbeek", molenbeek, PairRole.Role.EDITOR)


@pytest.fixture
def reader(molenbeek):
    return make_user("reader-molenbeek", molenbeek, PairRole.Role.READER)
