"""The pair filter as a plain GET form (province, region, peer group, a list of REFNIS codes), and
the pair search that adds a text to it; the benchmark, the coordinator's choice of a campaign's
pairs and the pairs list share them."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .filters import PairFilter, Places

CODE = re.compile(r"^\d{5}$")
MAX_CODES = 600  # more than Belgium's 565 municipalities: a longer list is a mistake


class PeerFilterForm(forms.Form):
    """Which pairs to compare: every condition that is filled in applies."""

    province = forms.ChoiceField(label=_("Province"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    peer_group = forms.ChoiceField(label=_("Peer group"), required=False)
    pairs = forms.CharField(
        label=_("REFNIS codes"),
        required=False,
        max_length=MAX_CODES * 7,
        help_text=_("Your own list of municipalities, e.g. 41002, 11002."),
    )

    def __init__(self, data, places: Places, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.places = places
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.refnis, p.name) for p in places.provinces
        ]
        self.fields["region"].choices = [("", _("All regions"))] + [
            (r.refnis, r.name) for r in places.regions
        ]
        self.fields["peer_group"].choices = [("", _("No peer group"))] + [
            (g.slug, g.name) for g in places.peer_groups
        ]

    def clean_pairs(self):
        text = self.cleaned_data["pairs"]
        codes = [c for c in re.split(r"[\s,;]+", text.strip()) if c]
        wrong = [c for c in codes if not CODE.match(c)]
        if wrong:
            raise forms.ValidationError(
                _("A REFNIS code has five digits: %(codes)s"), params={"codes": ", ".join(wrong)}
            )
        if len(codes) > MAX_CODES:
            raise forms.ValidationError(_("At most %(count)d codes."), params={"count": MAX_CODES})
        return tuple(dict.fromkeys(codes))

    def pair_filter(self) -> PairFilter:
        """The valid conditions; a wrong one is ignored (and its error shown beside its field)."""
        self.is_valid()
        data = self.cleaned_data
        by_code = lambda items, attr: {getattr(i, attr): i for i in items}  # noqa: E731
        return PairFilter(
            province=by_code(self.places.provinces, "refnis").get(data.get("province")),
            region=by_code(self.places.regions, "refnis").get(data.get("region")),
            peer_group=by_code(self.places.peer_groups, "slug").get(data.get("peer_group")),
            codes=data.get("pairs") or (),
        )

    def query(self) -> dict:
        """The valid conditions as query parameters, for links that keep the filter."""
        self.is_valid()
        return {
            name: value
            for name, value in (
                ("province", self.cleaned_data.get("province")),
                ("region", self.cleaned_data.get("region")),
                ("peer_group", self.cleaned_data.get("peer_group")),
                ("pairs", ",".join(self.cleaned_data.get("pairs") or ())),
            )
            if value
        }


class PairSearchForm(PeerFilterForm):
    """The filter with a search text: part of a name in either language, or a REFNIS code."""

    q = forms.CharField(
        label=_("Municipality"),
        required=False,
        max_length=100,
        help_text=_("Part of the Dutch or French name, or the REFNIS code."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    field_order = ["q", "province", "region", "peer_group", "pairs"]

    def pair_filter(self) -> PairFilter:
        base = super().pair_filter()
        return PairFilter(
            province=base.province,
            region=base.region,
            peer_group=base.peer_group,
            codes=base.codes,
            text=self.cleaned_data.get("q", "").strip(),
        )

    def query(self) -> dict:
        query = super().query()
        if text := self.cleaned_data.get("q", "").strip():
            query = {"q": text} | query
        return query
