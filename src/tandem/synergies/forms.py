"""Validation of what a pair's editors type into the register, the report's settings and its
approval. Every record form carries the version the user opened (R5)."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Invitation, PairRole
from tandem.catalogue.models import SynergyDomain
from tandem.core.form_fields import RecordChoiceField, StrictModelForm, VersionedModelForm
from tandem.core.uploads import validate_document
from tandem.places.models import Administration

from .fields import FteField, MoneyField
from .models import (
    FocusGroup,
    FocusGroupSession,
    Measure,
    Meeting,
    RegisterDocument,
    Synergy,
)
from .queries import linkable_aspects


class VersionedForm(VersionedModelForm):
    def __init__(self, *args, pair=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair
        if "domain" in self.fields:
            self.fields["domain"].queryset = SynergyDomain.objects.select_related("parent")

    def clean(self):
        cleaned = super().clean()
        if {"title_nl", "title_fr"} <= set(self.fields) and not (
            cleaned.get("title_nl") or cleaned.get("title_fr")
        ):
            self.add_error("title_nl", _("Give the title in Dutch, in French or in both."))
        return cleaned


class SynergyForm(VersionedForm):
    expected_savings = MoneyField(label=_("expected savings per year (€)"))
    realised_savings = MoneyField(label=_("realised savings per year (€)"))
    expected_fte = FteField(label=_("expected savings per year (FTE)"))
    realised_fte = FteField(label=_("realised savings per year (FTE)"))

    class Meta:
        model = Synergy
        fields = [
            "domain",
            "title_nl",
            "title_fr",
            "description_nl",
            "description_fr",
            "status",
            "start_year",
            "partners",
            "partner_names",
            "instrument",
            "instrument_reference",
            "expected_savings",
            "realised_savings",
            "expected_fte",
            "realised_fte",
            "savings_basis",
            "qualitative_gains",
            "owner_municipality",
            "owner_ocmw",
            "aspects",
        ]
        widgets = {
            "description_nl": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "savings_basis": forms.Textarea(attrs={"rows": 2}),
            "qualitative_gains": forms.Textarea(attrs={"rows": 2}),
            "aspects": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        aspects = linkable_aspects(self.pair)
        if aspects.exists():
            self.fields["aspects"].queryset = aspects
        else:  # a pair in no campaign has no aspects to link: no empty list to puzzle over
            del self.fields["aspects"]

    def clean(self):
        cleaned = super().clean()
        planned = cleaned.get("status") == Synergy.Status.PLANNED
        if not planned and not cleaned.get("start_year") and "start_year" not in self.errors:
            self.add_error("start_year", _("Give the year an existing synergy started."))
        return cleaned


class MeetingForm(VersionedForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "date",
            "title_nl",
            "title_fr",
            "participants",
            "agenda_nl",
            "agenda_fr",
            "decisions_nl",
            "decisions_fr",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"placeholder": "14/9/2022"}),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "agenda_nl": forms.Textarea(attrs={"rows": 3}),
            "agenda_fr": forms.Textarea(attrs={"rows": 3}),
            "decisions_nl": forms.Textarea(attrs={"rows": 8}),
            "decisions_fr": forms.Textarea(attrs={"rows": 8}),
        }


class MeasureForm(VersionedForm):
    class Meta:
        model = Measure
        fields = [
            "domain",
            "title_nl",
            "title_fr",
            "description_nl",
            "description_fr",
            "year",
            "deadline",
            "owner",
            "status",
        ]
        widgets = {
            "description_nl": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"placeholder": "30/6/2023"}),
        }


class FocusGroupForm(VersionedForm):
    class Meta:
        model = FocusGroup
        fields = ["service", "domain", "contact_municipality", "contact_ocmw"]


class FocusGroupSessionForm(StrictModelForm):
    class Meta:
        model = FocusGroupSession
        fields = ["date", "findings"]
        widgets = {
            "date": forms.DateInput(attrs={"placeholder": "15/2/2023"}),
            "findings": forms.Textarea(attrs={"rows": 4}),
        }


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=RegisterDocument.Kind.choices)
    document = forms.FileField(
        label=_("document"), help_text=_("PDF, DOCX, ODT or XLSX, at most 20 MB.")
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        validate_document(upload)
        return upload


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("register file"),
        help_text=_("An XLSX or CSV file with the columns of the export."),
    )


FORMS = {
    "synergy": SynergyForm,
    "meeting": MeetingForm,
    "measure": MeasureForm,
    "focus-group": FocusGroupForm,
}


class GrantForm(forms.Form):
    """A role for the pair, given by one of its editors: to an existing account at once, to
    anyone else by an invitation in the language chosen here."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in (PairRole.Role.EDITOR, PairRole.Role.READER)],
    )
    administration = forms.ChoiceField(
        label=_("Administration"),
        choices=[("", "—"), *Administration.Kind.choices],
        required=False,
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("For someone without an account: the invitation mail greets them by it."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation mail"),
        choices=settings.LANGUAGES,
        help_text=_("Only used when the person has no account yet."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()


class PairInvitationForm(forms.Form):
    """One of the pair's own invitations not used yet, to send again or withdraw."""

    invitation = RecordChoiceField(Invitation.objects.none())

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation"].queryset = Invitation.objects.of_pair_itself(pair).pending()


class TakeBackForm(forms.Form):
    """One of the pair's own roles (for all its campaigns), to take back."""

    role = RecordChoiceField(PairRole.objects.none())

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = PairRole.objects.filter(pair=pair, campaign__isnull=True)
