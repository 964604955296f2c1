"""Property-based fuzz of what people send (issue 15.9): any text in the register import and in
a questionnaire row answers with a page or a clear refusal, never a 500, and a refused import
writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.accounts.models import PairRole
from tandem.synergies.models import Synergy
from tandem.synergies.transfer import COLUMNS
from tests import factories

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text as people and tools produce it: digits of any script, signs, exponents, separators,
# quotes, formula starts, control characters, very long runs.
cell = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["1e308", "-1", "١٢٣", "２０２２", "0,001", "=1+1", "@SUM(A1)", "", " ", "NaN"]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(alphabet="0123456789.,;\"'-+e", max_size=30),
)


@pytest.fixture
def editor_client(client, db):
    pair = factories.pair("21012")
    editor = factories.user(username="fuzz-editor")
    factories.pair_role(user=editor, pair=pair, role=PairRole.Role.EDITOR)
    client.force_login(editor)
    return client, pair


@FUZZ
@given(rows=st.lists(st.lists(cell, min_size=1, max_size=len(COLUMNS) + 2), max_size=5))
def test_any_register_csv_is_previewed_or_refused_never_a_500(editor_client, rows):
    client, pair = editor_client
    text = ";".join(COLUMNS) + "\n" + "\n".join(";".join(r) for r in rows)
    before = Synergy.objects.filter(pair=pair).count()
    response = client.post(
        reverse("register-import", kwargs={"refnis": pair.refnis}),
        {"file": SimpleUploadedFile("register.csv", text.encode("utf-8", "surrogatepass"))},
    )
    assert response.status_code in (200, 400)
    assert Synergy.objects.filter(pair=pair).count() == before  # a preview writes nothing


@FUZZ
@given(
    values=st.dictionaries(
        st.sampled_from(
            [
                "degree",
                "reasons",
                "desirable",
                "instrument",
                "regulation_link",
                "reason_clusters",
                "obstacle_types",
                "version",
                "form_token",
                "shown",
                "confirmed",
                "change_reason",
            ]
        ),
        cell,
        max_size=8,
    )
)
def test_any_questionnaire_row_is_saved_or_refused_never_a_500(inventory, client_as, values):
    client = client_as(inventory["user_a"])
    key = f"a{inventory['aspects'][0].pk}"
    args = [inventory["campaign"].slug, inventory["pair_a"].municipality.refnis, "financieel", key]
    data = {f"{key}-{name}": value for name, value in values.items()}
    response = client.post(reverse("questionnaire-row", args=args), data, HTTP_HX_REQUEST="true")
    assert response.status_code in (200, 400, 404, 409)
