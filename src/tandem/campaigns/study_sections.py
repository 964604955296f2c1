"""The sections of a campaign's study report whose texts a coordinator writes: the whole study,
each domain, and in a grid campaign each focus group's factor matrix (S000 §5.2). A section is
found by the slug its page's address carries."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tandem.catalogue.cache import domains_of
from tandem.catalogue.models import CooperationFocus, Domain

from .models import Campaign, StudyText

GENERAL = "general"
FACTORS = "factors-"  # + the focus's slug; domain slugs never start with it


@dataclass(frozen=True)
class Section:
    slug: str
    name: str
    parts: tuple
    domain: Domain | None = None
    focus: CooperationFocus | None = None

    @property
    def key(self) -> tuple[int | None, int | None]:
        """(domain id, focus id), as a study text records its section."""
        return (
            self.domain.pk if self.domain else None,
            self.focus.pk if self.focus else None,
        )

    @property
    def grid_domain(self) -> bool:
        return self.domain is not None and self.parts == StudyText.GRID_DOMAIN_PARTS


def sections_of(campaign: Campaign) -> list[Section]:
    sections = [Section(GENERAL, _("The whole study"), StudyText.STUDY_PARTS)]
    parts = StudyText.domain_parts(campaign)
    sections += [
        Section(d.slug, f"{d.number}. {d.name}", parts, domain=d)
        for d in domains_of(campaign.framework_id)
    ]
    if campaign.is_grid:
        # Reverse relation: the grid app builds on campaigns, never the other way round.
        for matrix in campaign.factor_matrices.select_related("focus").order_by("focus__order"):
            name = _("Factor matrix: %(focus)s") % {"focus": matrix.focus.name}
            sections.append(
                Section(
                    FACTORS + matrix.focus.slug, name, StudyText.FOCUS_PARTS, focus=matrix.focus
                )
            )
    return sections


def section_of(campaign: Campaign, slug: str) -> Section | None:
    return next((s for s in sections_of(campaign) if s.slug == slug), None)
