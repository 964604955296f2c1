"""The annual report's forms: the edition's settings and the approval that freezes a version."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.form_fields import RecordDateField
from tandem.synergies.forms import VersionedForm
from tandem.synergies.models import ApprovedReport, ReportEdition


class EditionForm(VersionedForm):
    class Meta:
        model = ReportEdition
        fields = ["introduction_nl", "introduction_fr", "meetings_from", "meetings_until"]
        widgets = {
            "introduction_nl": forms.Textarea(attrs={"rows": 4}),
            "introduction_fr": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("meetings_from"), cleaned.get("meetings_until")
        if start and end and start > end:
            self.add_error("meetings_until", _("The period ends before it starts."))
        return cleaned


class ApprovalForm(forms.Form):
    body = forms.ChoiceField(label=_("approved by"), choices=ApprovedReport.Body.choices)
    decision_date = RecordDateField(
        label=_("date of the decision"), widget=forms.DateInput(attrs={"placeholder": "7/12/2022"})
    )
    reference = forms.CharField(
        label=_("reference of the decision"), max_length=200, required=False
    )
