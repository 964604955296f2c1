"""The trend page as plain data: one aspect, or a whole domain, across the campaigns of a
framework that the user may see, with its two point charts (pairs, mean degree); over all the
pairs of each campaign, or like with like (only the pairs that answered in every campaign)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from tandem.analysis import benchmark
from tandem.campaigns.models import Campaign
from tandem.catalogue.cache import domains_of
from tandem.catalogue.models import Aspect, Domain
from tandem.web import charts

from . import queries as queries
from .forms import TrendForm


@dataclass
class TrendPage:
    campaign: Campaign
    form: TrendForm
    domain: Domain
    aspect: Aspect | None
    points: list[benchmark.TrendPoint]
    same_pairs: set[int] | None = None  # the pairs held constant, when the reader asked so
    counts_chart: dict = field(default_factory=dict)
    mean_chart: dict = field(default_factory=dict)

    @property
    def subject(self) -> str:
        return self.aspect.short_label if self.aspect else self.domain.name

    @property
    def query_string(self) -> str:
        query = {"domain": self.domain.slug}
        if self.aspect:
            query["aspect"] = self.aspect.slug
        if self.same_pairs is not None:
            query["same_pairs"] = "on"
        return urlencode(query)

    def table_rows(self) -> list[tuple]:
        """(x label, point) in year order."""
        return list(zip(point_labels(self.points), self.points, strict=True))

    def share_rows(self) -> list[tuple]:
        """(x label, point, % cooperating, % formal) as the page writes them."""
        return [
            (label, p, charts.figure(p.cooperating_share, 0), charts.figure(p.formal_share, 0))
            for label, p in self.table_rows()
        ]

    def mean_rows(self) -> list[tuple]:
        """(x label, point, mean degree as the page writes it)."""
        return [(label, p, charts.figure(p.mean, 2)) for label, p in self.table_rows()]


def trend_page(user, campaign: Campaign, params) -> TrendPage:
    domains = domains_of(campaign.framework_id)
    domain = next((d for d in domains if d.slug == params.get("domain")), domains[0])
    aspects = queries.domain_aspects(domain)
    aspect = next((a for a in aspects if a.slug == params.get("aspect")), None)
    same_pairs = params.get("same_pairs") in ("on", "1", "true")
    form = TrendForm(
        {
            "domain": domain.slug,
            "aspect": aspect.slug if aspect else "",
            "same_pairs": "on" if same_pairs else "",
        },
        domains,
        aspects,
    )
    chosen = [aspect.pk] if aspect else [a.pk for a in aspects]
    points, common = queries.trend_points(user, campaign, chosen, same_pairs=same_pairs)
    page = TrendPage(campaign, form, domain, aspect, points, common)
    _trend_charts(page)
    return page


def point_labels(points) -> list[str]:
    """The x labels of a trend: the campaign's year, numbered when two share a year."""
    years = [p.year for p in points]
    labels, seen = [], {}
    for year in years:
        seen[year] = seen.get(year, 0) + 1
        labels.append(str(year) if years.count(year) == 1 else f"{year} ({seen[year]})")
    return labels


def _trend_charts(page: TrendPage) -> None:
    labels = point_labels(page.points)
    counts = [
        (_("Pairs that answered"), [p.answered for p in page.points]),
        (_("Pairs that cooperate (degree above 0)"), [p.cooperating for p in page.points]),
        (_("Pairs that cooperate formally (degree 2)"), [p.formal for p in page.points]),
    ]
    years = ", ".join(
        _("%(year)s: %(answered)d answered, %(cooperating)d cooperate, %(formal)d formally")
        % {"year": label, "answered": p.answered, "cooperating": p.cooperating, "formal": p.formal}
        for label, p in zip(labels, page.points, strict=True)
    )
    page.counts_chart = {
        "chart": charts.line_chart(labels, counts),
        "title": _("Pairs over the campaigns: %(subject)s") % {"subject": page.subject},
        "desc": _("Number of pairs per campaign, in year order.") + " " + years + ".",
    }
    means = ", ".join(
        f"{label}: {charts.figure(p.mean, 2)}" for label, p in zip(labels, page.points, strict=True)
    )
    page.mean_chart = {
        "chart": charts.line_chart(
            labels, [(_("Mean degree"), [p.mean for p in page.points])], maximum=2, decimals=2
        ),
        "title": _("Mean degree over the campaigns: %(subject)s") % {"subject": page.subject},
        "desc": _("Mean degree of cooperation (0 to 2) per campaign, in year order.")
        + " "
        + means
        + ".",
    }
