"""The form of one section of a study report: a text per part, with the version each part had
when the page was opened (R5)."""

from django import forms

from tandem.core.form_fields import WholeNumberField

from ..models import StudyText
from ..services.study import Draft

MAX_TEXT = 20_000  # characters per part: several pages of a report


class StudySectionForm(forms.Form):
    def __init__(self, *args, parts, stored: dict[str, StudyText], grid_domain=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = parts
        for part in parts:
            record = stored.get(part)
            self.fields[f"text-{part}"] = forms.CharField(
                label=StudyText.label(part, grid_domain=grid_domain),
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 8}),
                initial=record.text if record else "",
            )
            self.fields[f"version-{part}"] = WholeNumberField(
                required=False,
                widget=forms.HiddenInput,
                initial=record.version if record else None,
            )

    def sections(self):
        """(part, its text field, its version field) in order, for the page to put each part's
        findings beside its text."""
        return [(p, self[f"text-{p}"], self[f"version-{p}"]) for p in self.parts]

    def drafts(self) -> list[Draft]:
        data = self.cleaned_data
        return [
            Draft(part=p, text=data[f"text-{p}"], opened_version=data[f"version-{p}"])
            for p in self.parts
        ]
