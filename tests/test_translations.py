"""The nl/fr/en message catalogues stay complete, correct and in step with the source."""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import tandem
from tests import factories

SOURCE_DIR = Path(tandem.__file__).parent
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLURAL_FORMS = {
    "nl": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "en": "nplurals=2; plural=(n != 1);",
}
# %(name)s, %s, %d ... and {name} / {0}; '%%' is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifFeEgGxXocr]|\{\w*\}")
REGENERATE = (
    "regenerate with `cd src/tandem && ../../.venv/bin/python ../../manage.py makemessages "
    "-l nl -l fr -l en --no-obsolete --add-location file`, then translate the new entries"
)


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def message_ids(po: polib.POFile) -> set[tuple]:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}


def test_the_three_languages_have_a_catalogue():
    assert LANGUAGES == ["nl", "fr", "en"]
    for language in LANGUAGES:
        assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").is_file(), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_header_names_language_plural_forms_and_charset(language):
    po = catalogue(language)
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == language
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert len(po) > 0
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"{language}: untranslated: {untranslated}"
    assert fuzzy == [], f"{language}: fuzzy: {fuzzy}"
    plural_gaps = [
        e.msgid for e in po if e.msgid_plural and not all(e.msgstr_plural.get(i) for i in (0, 1))
    ]
    assert plural_gaps == [], f"{language}: plural forms missing: {plural_gaps}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_the_source(language):
    wrong = []
    for entry in catalogue(language):
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                source = entry.msgid if int(index) == 0 else entry.msgid_plural
                if placeholders(text) != placeholders(source):
                    wrong.append((source, text))
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == [], f"{language}: placeholders differ: {wrong}"


def test_the_seed_table_labels_stay_dutch_in_dutch():
    nl, fr, en = (catalogue(language) for language in LANGUAGES)
    for label, french, english in [
        ("TOT STAD", "TOTAL VILLE", "City total"),
        ("TOT ASPECT", "TOTAL ASPECT", "Aspect total"),
    ]:
        assert nl.find(label).msgstr == label
        assert fr.find(label).msgstr == french
        assert en.find(label).msgstr == english


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalogue_and_counts_nothing_missing(language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msguniq") is None,
    reason="GNU gettext (xgettext, msguniq) is needed to extract messages from the source",
)
def test_catalogues_hold_exactly_the_messages_of_the_source(tmp_path, monkeypatch):
    copy = tmp_path / "tandem"
    shutil.copytree(
        SOURCE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "locale")
    )
    fresh_locale = copy / "locale"
    fresh_locale.mkdir()
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[fresh_locale]):
        call_command("makemessages", locale=["nl"], no_obsolete=True, verbosity=0)
    fresh = message_ids(polib.pofile(str(fresh_locale / "nl" / "LC_MESSAGES" / "django.po")))
    assert fresh, "makemessages found no messages in the source"
    for language in LANGUAGES:
        committed = message_ids(catalogue(language))
        assert committed == fresh, (
            f"{language}: missing {sorted(map(str, fresh - committed))}; "
            f"no longer in the source {sorted(map(str, committed - fresh))}; {REGENERATE}"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_po(language):
    mo_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert mo_path.is_file(), f"{mo_path} is missing: run `make translations`"
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(mo_path)}
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in catalogue(language).translated_entries()
    }
    stale = sorted(key[1] for key in source if compiled.get(key) != source[key])
    assert stale == [], f"{language}: .mo out of date for {stale[:5]}: run `make translations`"


class _VisibleText(HTMLParser):
    """Text nodes and the attributes a visitor or a screen reader meets."""

    SPOKEN_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder"}

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.texts.extend(v for k, v in attrs if k in self.SPOKEN_ATTRIBUTES and v)

    def handle_data(self, data):
        self.texts.append(data)


DJANGO_MARKUP = re.compile(
    r"\{%\s*blocktranslate.*?endblocktranslate\s*%\}|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.DOTALL
)
# Names that are the same in every language: the product, formats, each language's own name.
UNTRANSLATED_WORDS = {
    "Tandem",
    "CSV",
    "JSON",
    "XLSX",
    "PDF",
    "DOCX",
    "HTML",
    "Nederlands",
    "Français",
    "English",
}
# The 500 page renders without any context, so it carries all three languages itself.
MULTILINGUAL_TEMPLATES = {"500.html"}


def test_templates_show_no_text_outside_translate_tags():
    leaks = []
    for path in sorted(SOURCE_DIR.glob("*/templates/**/*.html")):
        if path.name in MULTILINGUAL_TEMPLATES:
            continue
        parser = _VisibleText()
        parser.feed(DJANGO_MARKUP.sub(" ", path.read_text(encoding="utf-8")))
        words = {w for text in parser.texts for w in re.findall(r"[^\W\d_]{2,}", text)}
        if words - UNTRANSLATED_WORDS:
            leaks.append((str(path.relative_to(SOURCE_DIR)), sorted(words - UNTRANSLATED_WORDS)))
    assert leaks == [], f"wrap these in {{% translate %}}: {leaks}"


def test_a_colon_after_a_translated_label_is_the_languages_own():
    """French puts a space before a colon ('Participants :'); a literal ':' after a translated
    label would print 'Participants:' on French pages. Templates use the label colon of the
    catalogue ({% translate ":" context "after a label" %}) instead."""
    literal = re.compile(r'\{% (?:translate "[^"]*"|endblocktranslate) %\}:')
    found = [
        f"{path.relative_to(SOURCE_DIR)}:{number}"
        for path in sorted(SOURCE_DIR.glob("*/templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert found == [], f"use the label colon of the catalogue: {found}"


@pytest.mark.parametrize(
    "language, heading, footer",
    [
        ("nl", "Samenwerking tussen gemeente en OCMW", "Toegankelijkheidsverklaring"),
        ("fr", "Coopération entre commune et CPAS", "Déclaration d'accessibilité"),
        ("en", "Cooperation between municipality and OCMW", "Accessibility statement"),
    ],
)
def test_home_page_speaks_the_chosen_language(client, db, language, heading, footer):
    client.cookies["tandem_language"] = language
    html = client.get(reverse("home")).content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert footer in html


@pytest.fixture
def published(db):
    """A published campaign with one submitted answer: a matrix to read the headers of."""
    campaign = factories.campaign(is_public=True, pairs=["41002"])
    round_ = factories.round_(campaign=campaign)
    aspect = campaign.framework.domains.get(slug="financieel").aspects.get(slug="thesaurie")
    factories.response(round_=round_, pair="41002", aspect=aspect, degree=2, status="submitted")
    return campaign


@pytest.mark.parametrize(
    "language, row_total, column_total, city",
    [
        ("nl", "TOT STAD", "TOT ASPECT", "Stad"),
        ("fr", "TOTAL VILLE", "TOTAL ASPECT", "Ville"),
        ("en", "City total", "Aspect total", "City"),
    ],
)
def test_matrix_headers_follow_the_language(
    client, published, language, row_total, column_total, city
):
    client.cookies["tandem_language"] = language
    url = reverse("matrix", args=[published.slug, "financieel"])
    html = client.get(url).content.decode()
    assert f'<th scope="col" class="total">{row_total}<span' in html
    assert f'<th scope="row">{column_total}<span' in html
    assert f'<th scope="col" class="corner">{city}</th>' in html


def test_csv_download_keeps_the_seed_labels_in_every_language(client, published):
    client.cookies["tandem_language"] = "fr"
    url = reverse("matrix-download", args=[published.slug, "financieel", "csv"])
    lines = client.get(url).content.decode().splitlines()
    assert lines[0].endswith(",TOT STAD")
    assert lines[-2].startswith("TOT ASPECT,") and lines[-1].startswith("AANTAL MET SAMENWERKING,")
