"""The benchmark's filters: a plain GET form (province, region, peer group, a list of REFNIS
codes; grouping and ranking), and the trend's choice of domain and aspect."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.places.filters import Places
from tandem.places.forms import PeerFilterForm

GROUPINGS = ("province", "region", "peer_group")


class BenchmarkForm(PeerFilterForm):
    """The benchmark page's form: the filter, how to group the pairs and what to rank them by."""

    group = forms.ChoiceField(label=_("Group by"), required=False)
    rank = forms.ChoiceField(label=_("Rank by"), required=False)

    def __init__(self, data, places: Places, domains, *args, **kwargs):
        super().__init__(data, places, *args, **kwargs)
        self.fields["group"].choices = [
            ("", _("No grouping")),
            ("province", _("Province")),
            ("region", _("Region")),
            ("peer_group", _("Peer group")),
        ]
        self.fields["rank"].choices = [("", _("Total of all domains"))] + [
            (d.slug, d.name) for d in domains
        ]
        self.domains = list(domains)

    def grouping(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("group") or ""

    def rank_domain(self):
        self.is_valid()
        slug = self.cleaned_data.get("rank")
        return next((d for d in self.domains if d.slug == slug), None)

    def query(self) -> dict:
        query = super().query()
        for name in ("group", "rank"):
            if self.cleaned_data.get(name):
                query[name] = self.cleaned_data[name]
        return query


class TrendForm(forms.Form):
    """One domain, and optionally one of its aspects (without one, the whole domain); all the
    pairs of each campaign, or only those that answered in every campaign."""

    domain = forms.ChoiceField(label=_("Domain"))
    aspect = forms.ChoiceField(label=_("Aspect"), required=False)
    same_pairs = forms.BooleanField(
        label=_("Only the pairs that answered in every campaign"),
        required=False,
        help_text=_("Compares like with like: each point then counts the same pairs."),
    )

    def __init__(self, data, domains, aspects, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["domain"].choices = [(d.slug, d.name) for d in domains]
        self.fields["aspect"].choices = [("", _("The whole domain"))] + [
            (a.slug, a.short_label) for a in aspects
        ]


class SubjectTrendForm(forms.Form):
    """One subject of the crosswalk, followed across every campaign the reader may see."""

    subject = forms.ChoiceField(label=_("Subject"))
    same_pairs = forms.BooleanField(
        label=_("Per framework, only the pairs that answered in every campaign"),
        required=False,
        help_text=_(
            "Compares like with like within a framework: its points then count the same pairs."
        ),
    )

    def __init__(self, data, subjects, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["subject"].choices = [(s.slug, s.name) for s in subjects]
