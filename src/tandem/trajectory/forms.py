"""Validation of what a pair's editors type into the trajectory. Every form carries the version
the user opened (R5)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.core.form_fields import VersionedModelForm

from .models import (
    Action,
    DossierDecision,
    Interview,
    Perspective,
    Phase,
    ScanPicture,
    TargetPicture,
    Trajectory,
)


class SettingsForm(VersionedModelForm):
    class Meta:
        model = Trajectory
        fields = ["with_patrimony"]


class InterviewForm(VersionedModelForm):
    perspectives = forms.MultipleChoiceField(
        label=_("perspectives"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The perspectives the interview speaks to."),
    )

    class Meta:
        model = Interview
        fields = [
            "held_on",
            "witness",
            "administration",
            "role",
            "perspectives",
            "strengths",
            "support",
            "direction",
            "working_methods",
            "housing",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("strengths", "support", "direction", "working_methods", "housing")
        }

    def __init__(self, *args, perspectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only the trajectory's perspectives (patrimony when the pair chose it), and any the
        # interview already holds, so an edit never drops one silently.
        held = set(self.instance.perspectives or [])
        self.fields["perspectives"].choices = [
            (p.value, p.label) for p in Perspective if p in perspectives or p.value in held
        ]


class PictureForm(VersionedModelForm):
    class Meta:
        model = ScanPicture
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}


class DecisionForm(VersionedModelForm):
    cooperates = forms.TypedChoiceField(
        label=_("the two administrations cooperate on it"),
        choices=[
            ("True", _("yes, they cooperate (the default)")),
            ("False", _("no: an exception, motivated below")),
        ],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        initial="True",
    )

    class Meta:
        model = DossierDecision
        fields = ["own_name", "cooperates", "motivation", "decided_on"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.dossier_id is not None:
            del self.fields["own_name"]
        else:
            self.fields["own_name"].required = True
            self.fields["own_name"].help_text = ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cooperates") is False and not (cleaned.get("motivation") or "").strip():
            self.add_error(
                "motivation", _("Say why the administrations do not cooperate on this dossier.")
            )
        return cleaned


class ExportForm(forms.Form):
    """Which table a CSV holds (the XLSX and the JSON hold all three)."""

    table = forms.ChoiceField(
        choices=[("interviews", "interviews"), ("pictures", "pictures"), ("dossiers", "dossiers")],
        required=False,
    )

    def chosen(self) -> str:
        return (self.cleaned_data.get("table") if self.is_valid() else None) or "interviews"


class TargetForm(VersionedModelForm):
    class Meta:
        model = TargetPicture
        fields = ["results", "people_and_services", "time_frame"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class PhaseForm(VersionedModelForm):
    class Meta:
        model = Phase
        fields = ["number", "name"]

    def __init__(self, *args, trajectory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = Phase.objects.filter(trajectory=self.trajectory, number=number)
        if self.trajectory is not None and taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The plan already has a phase with this number."))
        return number


class ActionForm(VersionedModelForm):
    class Meta:
        model = Action
        fields = [
            "phase",
            "title",
            "owner",
            "starts_on",
            "ends_on",
            "status",
            "health",
            "health_reason",
            "project_structure",
            "change_management",
            "communication",
            "follow_up",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "health_reason",
                "project_structure",
                "change_management",
                "communication",
                "follow_up",
            )
        }

    def __init__(self, *args, trajectory=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the phases of this pair's own plan.
        self.fields["phase"].queryset = Phase.objects.filter(trajectory=trajectory)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end comes before the start."))
        health = cleaned.get("health")
        if health and health != Action.Health.ON_TRACK:
            if not (cleaned.get("health_reason") or "").strip():
                self.add_error("health_reason", _("Say why the action is at risk or blocked."))
        return cleaned
