"""Property-based fuzz of every form Tandem shows (issue 15.9): whatever is sent to any form,
it answers with a page, a redirect or a clear refusal, never a 500.

The forms are found, not listed: every URL of the URL walk (tests/security/urlwalk.py) is opened
as each role that may use it (a superuser, pair B's editor, the campaign's coordinator), and every
form with method="post" on those pages is read from the HTML with its fields. A new form on any
page is fuzzed without touching this file. Hypothesis then posts any text, any of the offered
choices, missing and repeated fields, and files of any name and content to a chosen form.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.accounts.models import PairRole
from tandem.campaigns.models import Round
from tests import factories
from tests.security.urlwalk import targets_of_other_tenant

# Text as people and tools produce it: digits of any script, signs, exponents, separators, quotes,
# formula starts, markup, control characters, very long runs.
TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e308",
            "١٢٣",
            "２０２２",
            "0,001",
            '=HYPERLINK("x")',
            "<script>alert(1)</script>",
            "1/1/0001",
            "31/2/2024",
            "99999999999999999999999",
            "NaN",
            "\x00",
            "../../etc/passwd",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(alphabet="0123456789/.,-+e ", max_size=20),
)
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # input type, "select" or "textarea"
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class FoundForm:
    role: str
    page: str
    action: str
    fields: tuple[Field, ...]


class _FormReader(HTMLParser):
    """The post forms of a page: their action and fields (name, kind, offered values)."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, Field]]] = []
        self._form: dict[str, Field] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            if (attributes.get("method") or "get").lower() == "post":
                self._form = {}
                self.forms.append((attributes.get("action") or "", self._form))
            if attributes.get("hx-post"):
                self._form = {} if self._form is None else self._form
                self.forms.append((attributes["hx-post"], self._form))
            return
        if self._form is not None and attributes.get("hx-post") and tag != "form":
            # An autosave posts the enclosing form's fields to its own URL (htmx).
            self.forms.append((attributes["hx-post"], self._form))
        if self._form is None or not attributes.get("name"):
            if tag == "option" and self._form is not None and self._select:
                self._add_option(self._select, attributes.get("value") or "")
            return
        name = attributes["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            self._add(name, kind, attributes.get("value"))
        elif tag == "textarea":
            self._add(name, "textarea", None)
        elif tag == "select":
            self._select = name
            self._add(name, "select", None)
        elif tag == "button" and attributes.get("value") is not None:
            self._add(name, "button", attributes["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None

    def _add(self, name, kind, value):
        known = self._form.get(name) or Field(name, kind)
        options = known.options + ((value,) if value is not None else ())
        self._form[name] = Field(name, known.kind, options)

    def _add_option(self, name, value):
        known = self._form[name]
        self._form[name] = Field(name, known.kind, (*known.options, value))


def _forms_on(client: Client, role: str, url: str) -> list[FoundForm]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    reader = _FormReader()
    reader.feed(response.content.decode())
    return [
        FoundForm(role, url, action or url, tuple(fields.values()))
        for action, fields in reader.forms
        if fields and not action.startswith(reverse("logout"))
    ]


@pytest.fixture
def fuzzed_site(tenants):
    """Every post form on every walked URL, with the logged-in client of the role that saw it.
    Pair B's campaign gets an open round, so its questionnaire's forms are there too."""
    factories.round_(campaign=tenants["only_b"], number=2, status=Round.Status.OPEN)
    editor = factories.user(username="editor-b")
    factories.pair_role(user=editor, pair=tenants["pair_b"], role=PairRole.Role.EDITOR)
    factories.campaign_role(user=tenants["coordinator"], campaign=tenants["only_b"])
    people = {
        "superuser": factories.superuser(username="root-fuzz"),
        "editor_b": editor,
        "respondent_b": tenants["user_b"],
        "coordinator": tenants["coordinator"],
    }
    clients = {}
    for role, person in people.items():
        clients[role] = Client()
        clients[role].force_login(person)
    urls = {
        reverse(target.name, kwargs=target.kwargs)
        for targets in targets_of_other_tenant(tenants).values()
        for target in targets
    } | {reverse("home"), reverse("account"), reverse("password_change")}
    found = {}
    for role, client in clients.items():
        for url in sorted(urls):
            for form in _forms_on(client, role, url):
                found.setdefault((form.action, tuple(f.name for f in form.fields)), form)
    return clients, sorted(found.values(), key=lambda f: (f.action, f.role))


def _value(field: Field):
    if field.kind == "file":
        return st.builds(
            lambda name, content: SimpleUploadedFile(name or "x", content),
            st.text(min_size=0, max_size=250),
            st.binary(max_size=200),
        )
    if field.options:
        return st.one_of(st.sampled_from(field.options), TEXT)
    return TEXT


@st.composite
def _posts(draw, forms):
    form = draw(st.sampled_from(forms))
    data = {}
    for field in form.fields:
        if not draw(st.booleans()) and field.kind != "hidden":
            continue  # a field left out, as a script or an old page sends it
        values = draw(st.lists(_value(field), min_size=1, max_size=2))
        data[field.name] = values if len(values) > 1 else values[0]
    return form, data, draw(st.booleans())


def test_the_walk_finds_the_forms(fuzzed_site):
    """The fuzz covers what it claims: the forms of the questionnaire, the register, the grid,
    the annual report and the coordination pages are among those found."""
    _, forms = fuzzed_site
    actions = " ".join(form.action for form in forms)
    for part in ("/questionnaire/", "/register/", "/manage/", "/reports/", "/grid/"):
        assert part in actions, part
    assert len(forms) >= 25


@FUZZ
@given(data=st.data())
def test_any_post_to_any_form_is_answered_without_a_server_error(fuzzed_site, data):
    clients, forms = fuzzed_site
    form, posted, as_htmx = data.draw(_posts(forms))
    extra = {"HTTP_HX_REQUEST": "true"} if as_htmx else {}
    # The test client raises the view's exception, so a 500 fails here with its traceback.
    response = clients[form.role].post(form.action, posted, **extra)
    assert response.status_code < 500, (form.action, posted, response.status_code)
