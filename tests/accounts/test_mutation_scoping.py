"""Faults in the pair scoping that `make mutation` showed the suite let through (QUALITY.md T1):
the pairs a user may see (pairs_for, which no test reached) and who reads a pair's register."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.accounts.models import PairRole
from tandem.accounts.scoping import answering_roles, pairs_for, register_pairs
from tandem.places.models import Pair
from tests import factories

AALST, BRUGGE = "41002", "31005"

pytestmark = pytest.mark.django_db


def refnis_codes(pairs):
    return sorted(pairs.values_list("municipality__refnis", flat=True))


def test_a_user_sees_the_pairs_of_their_roles_once_each():
    user = factories.user()
    factories.pair_role(user=user, pair=AALST)
    factories.pair_role(user=user, pair=AALST, role=PairRole.Role.READER)
    factories.pair_role(user=user, pair=BRUGGE, role=PairRole.Role.EDITOR)
    assert refnis_codes(pairs_for(user)) == [BRUGGE, AALST]


def test_a_user_without_roles_and_an_anonymous_visitor_see_no_pair():
    assert refnis_codes(pairs_for(factories.user())) == []
    assert refnis_codes(pairs_for(AnonymousUser())) == []


def test_a_superuser_sees_every_pair_without_a_role():
    assert pairs_for(factories.superuser()).count() == Pair.objects.count() > 2


def test_a_reader_reads_the_register_but_does_not_edit_it():
    reader = factories.user()
    factories.pair_role(user=reader, pair=AALST, role=PairRole.Role.READER)
    assert refnis_codes(register_pairs(reader)) == [AALST]
    assert refnis_codes(register_pairs(reader, editing=True)) == []


def test_an_editor_reads_and_edits_the_register_a_respondent_neither():
    editor, respondent = factories.user(), factories.user()
    factories.pair_role(user=editor, pair=BRUGGE, role=PairRole.Role.EDITOR)
    factories.pair_role(user=respondent, pair=BRUGGE)
    assert refnis_codes(register_pairs(editor)) == [BRUGGE]
    assert refnis_codes(register_pairs(editor, editing=True)) == [BRUGGE]
    assert refnis_codes(register_pairs(respondent)) == []


def test_a_role_bound_to_a_campaign_does_not_open_the_register():
    editor = factories.user()
    campaign = factories.campaign(pairs=[AALST])
    factories.pair_role(user=editor, pair=AALST, role=PairRole.Role.EDITOR, campaign=campaign)
    assert refnis_codes(register_pairs(editor)) == []


def test_the_register_of_every_pair_for_a_superuser_and_of_none_for_a_visitor():
    assert register_pairs(factories.superuser(), editing=True).count() == Pair.objects.count()
    assert refnis_codes(register_pairs(AnonymousUser())) == []


def test_answering_roles_leave_out_readers_and_roles_of_other_campaigns():
    user = factories.user()
    campaign, other = factories.campaign(pairs=[AALST]), factories.campaign(pairs=[AALST])
    respondent = factories.pair_role(user=user, pair=AALST, campaign=campaign)
    factories.pair_role(user=user, pair=AALST, role=PairRole.Role.READER)
    factories.pair_role(user=user, pair=AALST, campaign=other)
    editor = factories.pair_role(user=user, pair=BRUGGE, role=PairRole.Role.EDITOR)
    assert set(answering_roles(user, campaign)) == {respondent, editor}
    assert list(answering_roles(user, campaign, Pair.objects.get(roles=editor))) == [editor]
