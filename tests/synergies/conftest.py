"""The demo pair of seed 004 (Sint-Jans-Molenbeek, 21012) and register users around it."""

import pytest
from django.contrib.auth import get_user_model

from tandem.accounts.models import PairRole
from tandem.places.models import Pair

PASSWORD = "correct horse battery staple"


@pytest.fixture
def molenbeek(db):
    return Pair.objects.select_related("municipality__region").get(municipality__refnis="21012")


def make_user(username, pair=None, role=None):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if pair is not None:
        PairRole.objects.create(user=user, pair=pair, role=role)
    return user


@pytest.fixture
def editor(molenbeek):
    return make_user("editor-molenbeek", molenbeek, PairRole.Role.EDITOR)


@pytest.fixture
def reader(molenbeek):
    return make_user("reader-molenbeek", molenbeek, PairRole.Role.READER)
