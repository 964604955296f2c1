"""Forms of the analysis grid: a synthesis entry with its obstacles, the table's intake data."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.catalogue.models import Aspect, ObstacleType, TypologyValue
from tandem.core.form_fields import RecordsChoiceField, VersionedModelForm, WholeNumberField

from .models import FactorValue, GridEntry, PracticeNote, SynthesisTable

OBSTACLE_FORMS_EXTRA = 2


class EntryForm(VersionedModelForm):
    """One row of a synthesis table; the sub-domain and stage come from the page."""

    class Meta:
        model = GridEntry
        fields = [
            "is_none",
            "components",
            "label",
            "way",
            "level",
            "place",
            "scale",
            "formalisation",
            "finality",
            "possible",
            "obstacle_answer",
            "note",
        ]
        widgets = {
            "components": forms.CheckboxSelectMultiple,
            "way": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, domain=None, stage=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.domain = domain or self.instance.domain
        self.stage = stage or self.instance.stage
        self.fields["components"].queryset = Aspect.objects.filter(domain=self.domain).order_by(
            "order"
        )
        values = list(TypologyValue.objects.all())
        for dimension in GridEntry.TYPOLOGY:
            field = self.fields[dimension]
            field.queryset = TypologyValue.objects.filter(dimension=dimension)
            field.empty_label = _("not recorded")
            field.help_text = " · ".join(
                f"{v.name}: {v.description}" for v in values if v.dimension == dimension
            )
        self.fields["label"].help_text = _("The component in the pair's own words.")
        if self.stage == GridEntry.Stage.CURRENT:
            del self.fields["possible"]
            del self.fields["obstacle_answer"]
        else:
            self.fields["possible"].help_text = _("Leave empty when it was not assessed.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("is_none") and not cleaned.get("components"):
            self.add_error(
                "components",
                _("Choose the component(s), or tick 'no (further) cooperation'."),
            )
        return cleaned


class ObstacleForm(forms.Form):
    types = RecordsChoiceField(
        label=_("Type"),
        queryset=ObstacleType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    label = forms.CharField(
        label=_("Type as named"),
        required=False,
        max_length=150,
        help_text=_("As the pair worded it, e.g. 'Juridische obstakels'."),
    )
    text = forms.CharField(
        label=_("Obstacle"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def cleaned_obstacle(self) -> dict | None:
        data = getattr(self, "cleaned_data", {}) or {}
        if not (data.get("text") or data.get("label") or data.get("types")):
            return None
        return {
            "label": data.get("label", ""),
            "text": data.get("text", ""),
            "types": list(data.get("types") or []),
        }


ObstacleFormSet = forms.formset_factory(ObstacleForm, extra=OBSTACLE_FORMS_EXTRA)


def obstacle_formset(entry: GridEntry | None, data=None) -> forms.BaseFormSet:
    initial = []
    if entry is not None and entry.pk:
        initial = [
            {"types": list(o.types.all()), "label": o.label, "text": o.text}
            for o in entry.obstacles.order_by("order", "pk")
        ]
    return ObstacleFormSet(data, initial=initial, prefix="obstacles")


class TableForm(VersionedModelForm):
    class Meta:
        model = SynthesisTable
        fields = ["attitude", "intake_on", "intake_participants", "note"]
        widgets = {
            "intake_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "intake_participants": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class FactorValueForm(forms.Form):
    """One factor of a matrix for one pair: its value and why."""

    symbol = forms.ChoiceField(
        label=_("Value"),
        required=False,
        choices=[("", _("no value")), *FactorValue.Symbol.choices],
    )
    explanation = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    opened_version = WholeNumberField(widget=forms.HiddenInput, required=False)


def factor_value_forms(rows, values, data=None) -> list:
    """A form per matrix row (factor), prefixed by the factor id, filled from the stored values."""
    forms_ = []
    for factor_id, path, printed in rows:
        value = values.get(factor_id)
        initial = {
            "symbol": value.symbol if value else "",
            "explanation": value.explanation if value else "",
            "opened_version": value.version if value else None,
        }
        form = FactorValueForm(data, initial=initial, prefix=f"f{factor_id}")
        form.factor_id, form.path, form.printed, form.value = factor_id, path, printed, value
        forms_.append(form)
    return forms_


class TableAnswerForm(forms.Form):
    """The participants' answer to the synthesis table sent to them (S000 §4, 1b)."""

    note = forms.CharField(
        label=_("Your remarks (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you corrected, or anything the coordinator should know."),
    )
    read = forms.BooleanField(
        label=_("We have read the whole table; what it shows is right (with our corrections)"),
        error_messages={"required": _("Tick this box to confirm that you read the whole table.")},
    )


class ShareTablesForm(forms.Form):
    """Sharing the answered tables with every participating pair asks first: it is not undone."""

    understood = forms.BooleanField(
        label=_(
            "Every participating pair will read the confirmed and corrected tables of the others. "
            "This cannot be undone."
        ),
        error_messages={"required": _("Tick this box to share the tables.")},
    )


class PracticeNoteForm(VersionedModelForm):
    """A good-practice note on one sub-domain; its title and text in Dutch, French or both."""

    class Meta:
        model = PracticeNote
        fields = ["stage", "components", "title_nl", "text_nl", "title_fr", "text_fr", "source"]
        widgets = {
            "components": forms.CheckboxSelectMultiple,
            "text_nl": forms.Textarea(attrs={"rows": 8}),
            "text_fr": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, domain=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.domain = domain or self.instance.domain
        self.fields["components"].queryset = Aspect.objects.filter(domain=self.domain).order_by(
            "order"
        )
        self.fields["stage"].help_text = _(
            "Current: how the pair cooperates now; desirable: cooperation it works towards."
        )

    def clean(self):
        cleaned = super().clean()
        written = [
            lang
            for lang in ("nl", "fr")
            if cleaned.get(f"title_{lang}") and cleaned.get(f"text_{lang}")
        ]
        if not written:
            raise forms.ValidationError(
                _("Write a title and a text in Dutch, in French or in both."), code="no_language"
            )
        return cleaned

    def _post_clean(self):
        # The database rules say the same as clean() in their own words: not shown twice.
        if not self.has_error(forms.forms.NON_FIELD_ERRORS, "no_language"):
            super()._post_clean()
