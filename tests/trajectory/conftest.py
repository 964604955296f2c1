"""Pair A's trajectory, run by an editor of the pair (a role on the pair, not on a campaign),
read by a reader of the pair, with pair A's inventory answers for what Tandem already knows."""

import pytest

from tandem.accounts.models import PairRole
from tandem.campaigns.models import Response
from tests import factories
from tests.campaigns.conftest import inventory  # noqa: F401

AALST = "41002"


@pytest.fixture
def scan(inventory):  # noqa: F811 (the fixture imported above)
    editor = factories.user(username="directeur-aalst")
    reader = factories.user(username="consultant-aalst")
    factories.pair_role(user=editor, pair=AALST, role=PairRole.Role.EDITOR)
    factories.pair_role(user=reader, pair=AALST, role=PairRole.Role.READER)
    loans, treasury, debtors, accounting = inventory["aspects"][:4]
    for aspect, degree, extra in (
        (loans, 2, {"obstacles": "Twee boekhoudingen."}),
        (treasury, 1, {"formal_desirable": True}),
        (debtors, 0, {"desirable": True}),
        (accounting, 0, {"desirable": False}),
    ):
        factories.response(
            round_=inventory["round"],
            pair=AALST,
            aspect=aspect,
            degree=degree,
            status=Response.Status.SUBMITTED,
            **extra,
        )
    return {**inventory, "editor": editor, "reader": reader}
