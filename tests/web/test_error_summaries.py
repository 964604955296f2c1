"""Every form that can be refused shows an error summary at the top of the page, with a link to
each field at fault (the brief: forms show an error summary; WCAG 3.3.1). Found walking the
register's meeting form in Chromium: a date in year 1 was refused beside the field only."""

import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation

import tandem
from tandem.accounts.models import PairRole
from tests import factories

SOURCE_DIR = Path(tandem.__file__).parent
SUMMARIES = ("web/_form_error_summary.html", "campaigns/_error_summary.html")
# A form rendered field by field: {% for field in NAME %}{% form_field field %}
RENDERED_FORM = re.compile(r"{%\s*for field in (\w+)\s*%}\s*{%\s*form_field field")
# Forms whose fields cannot be typed wrong (choices and hidden versions only): a tampered post is
# refused at the field itself.
EXEMPT = {
    "grid/templates/grid/factor_values.html": "choices of + - ? +/- and free text, per factor row",
}


def _summarised(text: str, name: str) -> bool:
    """The page includes a summary of form `name` (or of the formset it is a member of)."""
    if "campaigns/_error_summary.html" in text:
        return True
    formset = dict(re.findall(r"{%\s*for (\w+) in (\w+)\s*%}", text)).get(name)
    for include in re.findall(r'{%\s*include "web/_form_error_summary.html"([^%]*)%}', text):
        given = dict(re.findall(r"(\w+)=(\w+)", include))
        if given.get("form", "form") == name or (formset and given.get("also") == formset):
            return True
    return False


def test_every_rendered_form_has_an_error_summary():
    missing = []
    for path in sorted(SOURCE_DIR.glob("**/templates/**/*.html")):
        relative = str(path.relative_to(SOURCE_DIR))
        text = path.read_text(encoding="utf-8")
        for name in set(RENDERED_FORM.findall(text)):
            if relative not in EXEMPT and not _summarised(text, name):
                missing.append(f"{relative}: {name}")
    assert missing == [], "include web/_form_error_summary.html (with form=…): " + str(missing)


def test_a_refused_meeting_shows_the_summary_with_a_link_to_the_date(client, db):
    editor = factories.user()
    pair = factories.pair("21012")
    factories.pair_role(user=editor, pair=pair, role=PairRole.Role.EDITOR)
    client.force_login(editor)
    client.cookies["tandem_language"] = "en"
    url = reverse("register-record-new", kwargs={"refnis": pair.refnis, "kind": "meeting"})
    with translation.override("en"):
        html = client.post(url, {"date": "1/1/0001", "title_nl": "Overleg"}).content.decode()
    summary = html[
        html.index('class="error-summary"') : html.index(
            "</div>", html.index('class="error-summary"')
        )
    ]
    assert 'href="#id_date"' in summary
    assert "Give a date between 1976 and 2100." in summary


def test_a_refused_focus_group_session_shows_the_summary_and_the_page(client, db):
    """Found by the fuzz of every form: the refused session's page lacked its title."""
    editor = factories.user()
    pair = factories.pair("21012")
    factories.pair_role(user=editor, pair=pair, role=PairRole.Role.EDITOR)
    group = factories.focus_group(pair=pair)
    client.force_login(editor)
    url = reverse(
        "register-record", kwargs={"refnis": pair.refnis, "kind": "focus-group", "pk": group.pk}
    )
    with translation.override("en"):
        response = client.post(url, {"action": "add-session", "date": "1/1/0001"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and 'href="#id_date"' in html
