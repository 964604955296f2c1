"""The choices to filter pairs by (provinces, regions, saved peer groups) and a filter made of
them, shared by the benchmark, the coordinator's choice of a campaign's pairs and the pairs list."""

from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Pair, PeerGroup, Province, Region


@dataclass(frozen=True, slots=True)
class Places:
    """The choices to filter and group pairs by: provinces, regions and saved peer groups."""

    provinces: list[Province]
    regions: list[Region]
    peer_groups: list[PeerGroup]


def places() -> Places:
    """Three small queries; names are read in the active language from the objects."""
    return Places(
        provinces=list(Province.objects.order_by("refnis")),
        regions=list(Region.objects.order_by("refnis")),
        peer_groups=list(PeerGroup.objects.order_by("slug")),
    )


@dataclass(frozen=True, slots=True)
class PairFilter:
    """Which pairs to take: all, or those a search text names (naming.folded), in a province, a
    region, a saved peer group and/or a list of REFNIS codes (every given condition applies)."""

    province: Province | None = None
    region: Region | None = None
    peer_group: PeerGroup | None = None
    codes: tuple[str, ...] = ()
    text: str = ""

    def apply(self, pairs: QuerySet[Pair]) -> QuerySet[Pair]:
        if self.text:
            pairs = pairs.matching(self.text)
        if self.province is not None:
            pairs = pairs.filter(municipality__province_id=self.province.pk)
        if self.region is not None:
            pairs = pairs.filter(municipality__region_id=self.region.pk)
        if self.peer_group is not None:
            pairs = pairs.filter(peer_groups=self.peer_group.pk)
        if self.codes:
            pairs = pairs.filter(municipality__refnis__in=self.codes)
        return pairs

    @property
    def is_empty(self) -> bool:
        return not (self.province or self.region or self.peer_group or self.codes or self.text)
