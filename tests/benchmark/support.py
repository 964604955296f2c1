"""Helpers for the benchmark tests: small campaigns with known degrees, and the pages' tables
and charts read back from their HTML."""

from lxml import html as lxml_html

from tandem.campaigns.models import Response
from tandem.catalogue.models import Aspect
from tests import factories

FRAMEWORK = "management-2010"


def make_campaign(slug, year, degrees, is_public=True, framework=FRAMEWORK):
    """A questionnaire campaign with one closed round whose submitted joint answers are
    `degrees`: {refnis: {(domain slug, aspect slug): degree}}."""
    framework = factories.framework(framework)
    campaign = factories.campaign(
        framework=framework, slug=slug, year=year, is_public=is_public, **names(f"Campaign {slug}")
    )
    round_ = factories.round_(campaign=campaign)
    aspects = {
        (a.domain.slug, a.slug): a
        for a in Aspect.objects.filter(domain__framework=framework).select_related("domain")
    }
    for refnis, answers in degrees.items():
        pair = factories.pair(refnis)
        factories.participation(campaign=campaign, pair=pair)
        for key, degree in answers.items():
            factories.response(
                round_=round_,
                pair=pair,
                aspect=aspects[key],
                degree=degree,
                status=Response.Status.SUBMITTED,
            )
    return campaign


def names(name: str) -> dict:
    """The same name in the three languages of a translated field."""
    return {f"name_{language}": name for language in ("nl", "fr", "en")}


def tree(response):
    return lxml_html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def number(value: str):
    """A number as the pages write it (Belgian format: 5,5 and 1.234) → int or float; a dash or
    an empty cell → None."""
    value = value.strip()
    if value in ("", "—"):
        return None
    value = value.replace(".", "").replace(",", ".").lstrip("+")
    result = float(value)
    return int(result) if result.is_integer() else result


def table(page, table_id):
    """The body rows of a table: a list of (row header text, [cell texts])."""
    rows = []
    for row in page.get_element_by_id(table_id).xpath("./tbody/tr[not(@class='group-row')]"):
        header = row.xpath("./th")
        cells = row.xpath("./td")
        rows.append((text(header[0]) if header else "", [text(c) for c in cells]))
    return rows


def heatmap(page):
    """Pair name → its domain totals and total, as the heatmap's table shows them."""
    return {name: [number(v) for v in values] for name, values in table(page, "heatmap-table")}


def svg_texts(svg) -> list[str]:
    return [text(t) for t in svg.xpath(".//*[local-name()='text']")]
