"""One subject of cooperation followed across every campaign the user may see, whatever its
framework (issue 17.7): per campaign, in year order, how many pairs answered on the subject's
domains, cooperate and cooperate formally (the trend's figures, queries.trend_points; a grid
campaign's degrees come from its synthesis tables), and per start year the synergies of the
registers the user may read in the subject's synergy domains. The crosswalk (catalogue Subject)
is Tandem's proposal."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from tandem.accounts.scoping import register_pairs
from tandem.analysis.benchmark import TrendPoint
from tandem.campaigns.scoping import campaigns_for
from tandem.catalogue.models import Domain, Framework, Subject
from tandem.synergies.models import Synergy
from tandem.web import charts

from . import queries
from .trends import point_labels


@dataclass(frozen=True)
class SubjectPoint:
    point: TrendPoint
    framework: Framework
    domains: list[Domain]  # the subject's domains in this framework
    same_pairs: int | None  # the pairs held constant within the framework, when asked


@dataclass(frozen=True)
class RegisterYear:
    year: int
    synergies: int  # started that year
    pairs: int  # pairs with a synergy started that year
    pairs_so_far: int  # pairs with a synergy started that year or before


@dataclass
class SubjectTrend:
    subject: Subject
    points: list[SubjectPoint]
    register: list[RegisterYear]
    undated: int  # synergies in the subject's domains without a start year
    registers: int  # pairs whose register the user may read
    same_pairs: bool
    chart: dict = field(default_factory=dict)

    def rows(self) -> list[tuple]:
        """(point, % cooperating, % formal) as the page writes them."""
        return [
            (p, charts.figure(p.point.cooperating_share, 0), charts.figure(p.point.formal_share, 0))
            for p in self.points
        ]


def _points(user, subject: Subject, same_pairs: bool) -> list[SubjectPoint]:
    by_framework: dict[Framework, list[Domain]] = defaultdict(list)
    for domain in subject.domains.select_related("framework").order_by("number"):
        by_framework[domain.framework].append(domain)
    found = []
    for framework, domains in by_framework.items():
        campaign = campaigns_for(user).filter(framework=framework).order_by("year").first()
        if campaign is None:
            continue
        aspect_ids = [a.pk for d in domains for a in queries.domain_aspects(d)]
        points, common = queries.trend_points(user, campaign, aspect_ids, same_pairs=same_pairs)
        kept = None if common is None else len(common)
        found += [SubjectPoint(p, framework, domains, kept) for p in points]
    return sorted(found, key=lambda p: (p.point.year, p.framework.name, p.point.label))


def _register(user, subject: Subject) -> tuple[list[RegisterYear], int, int]:
    chosen = list(subject.synergy_domains.all())
    pairs = register_pairs(user)
    if not chosen:
        return [], 0, pairs.count()
    # A domain with sub-themes counts the synergies of its themes too; a planned one not yet.
    synergies = Synergy.objects.filter(
        Q(domain__in=chosen) | Q(domain__parent__in=chosen), pair__in=pairs.values("pk")
    ).exclude(status=Synergy.Status.PLANNED)
    per_year: dict[int, list[int]] = defaultdict(list)
    undated = 0
    for pair_id, year in synergies.values_list("pair_id", "start_year"):
        if year is None:
            undated += 1
        else:
            per_year[year].append(pair_id)
    years, seen = [], set()
    for year in sorted(per_year):
        seen |= set(per_year[year])
        years.append(RegisterYear(year, len(per_year[year]), len(set(per_year[year])), len(seen)))
    return years, undated, pairs.count()


def subject_trend(*, user, subject: Subject, same_pairs: bool) -> SubjectTrend:
    register, undated, registers = _register(user, subject)
    trend = SubjectTrend(
        subject=subject,
        points=_points(user, subject, same_pairs),
        register=register,
        undated=undated,
        registers=registers,
        same_pairs=same_pairs,
    )
    points = [p.point for p in trend.points]
    labels = point_labels(points)
    shares = ", ".join(
        f"{p.point.label}: {charts.figure(p.point.cooperating_share, 0)} %" for p in trend.points
    )
    trend.chart = {
        "chart": charts.line_chart(
            labels,
            [
                (_("Share that cooperates (per cent)"), [p.cooperating_share for p in points]),
                (_("Share that cooperates formally (per cent)"), [p.formal_share for p in points]),
            ],
            maximum=100,
        ),
        "title": _("%(subject)s across the campaigns") % {"subject": subject.name},
        "desc": _("Per cent of the pairs that answered, per campaign in year order.")
        + " "
        + shares
        + ".",
    }
    return trend
