"""Numbers no database column can hold answer 404, never 500 (issue 15, points 1 and 9): every URL
with an id or a year refuses them before a view runs, and ids posted in a form are refused too."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from tandem.campaigns.forms.questionnaire import DomainActionForm
from tandem.core.converters import IdConverter, YearConverter, parse_id

HUGE = "1" + "0" * 30


def patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.pattern.converters


def test_no_url_takes_djangos_unbounded_int():
    numbered = [(route, c) for route, c in patterns() if c]
    assert len(numbered) > 20
    unbounded = [route for route, converters in numbered if "<int:" in route]
    assert unbounded == []
    assert any(isinstance(c, IdConverter) for _r, cs in numbered for c in cs.values())
    assert any(isinstance(c, YearConverter) for _r, cs in numbered for c in cs.values())


@pytest.mark.parametrize(
    "name, kwargs",
    [
        ("register-record", {"refnis": "21012", "kind": "synergy", "pk": HUGE}),
        ("grid-entry", {"campaign": "x", "refnis": "21012", "pk": HUGE}),
        ("synergy-report", {"refnis": "21012", "year": "0", "lang": "nl"}),
        ("synergy-report", {"refnis": "21012", "year": "10000", "lang": "nl"}),
        ("reopen-submission", {"campaign": "x", "submission": HUGE}),
    ],
)
def test_a_number_too_large_for_the_database_matches_no_url(name, kwargs):
    with pytest.raises(NoReverseMatch):
        reverse(name, kwargs=kwargs)


def test_a_huge_id_in_a_url_is_a_404_for_a_logged_in_user(client, db):
    from tests import factories

    client.force_login(factories.user(username="someone"))
    assert client.get(f"/pairs/21012/register/synergy/{HUGE}/").status_code == 404
    assert client.get("/pairs/21012/reports/10000/nl/").status_code == 404


@pytest.mark.parametrize("text", [HUGE, "١٢", "-1", "", "12a"])
def test_an_id_that_no_column_holds_is_not_parsed(text):
    assert parse_id(text) is None


def test_a_remove_button_with_a_huge_id_removes_nothing():
    form = DomainActionForm({"action": f"remove-own-{HUGE}"})
    assert form.removed_row is None
