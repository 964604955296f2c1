"""A coordinator's forms: a new campaign, its pairs, invitations, reopening a questionnaire and
the review of the 'other' aspects the pairs named."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.catalogue.models import Framework
from tandem.core.form_fields import (
    RecordChoiceField,
    RecordDateField,
    RecordsChoiceField,
    StrictModelForm,
)
from tandem.places.models import Administration, Pair
from tandem.places.naming import pair_name

from ..models import Campaign, CampaignPair
from .questionnaire import TEXT

RESERVED_SLUGS = {"new"}  # campaigns/new/ creates a campaign
LANGUAGES = ("nl", "fr", "en")
SHORT_LABEL_LENGTH = 40


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), max_length=1000, widget=forms.Textarea(attrs=TEXT)
    )


def _not_past(day):
    if day is not None and day < timezone.localdate():
        raise forms.ValidationError(
            _("The deadline cannot be in the past: choose today or a later day."), code="past"
        )
    return day


class RoundStepForm(forms.Form):
    """Confirming a round's step; opening a round sets the day its answers are due."""

    deadline = RecordDateField(
        label=_("Answers due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for no deadline."),
    )

    reason = forms.CharField(
        label=_("Reason for reopening"), max_length=1000, widget=forms.Textarea(attrs=TEXT)
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        if step == "close":
            del self.fields["deadline"]
        if step == "reopen":
            self.fields["deadline"].required = True
            self.fields["deadline"].help_text = ""
        else:
            del self.fields["reason"]

    def clean_deadline(self):
        return _not_past(self.cleaned_data.get("deadline"))


class CampaignForm(StrictModelForm):
    """A new campaign, named and described in each language its pairs and readers use; a
    language left empty shows the name of another (modeltranslation's fallback)."""

    class Meta:
        model = Campaign
        fields = [
            "name_nl",
            "name_fr",
            "name_en",
            "slug",
            "framework",
            "year",
            "deadline",
            "description_nl",
            "description_fr",
            "description_en",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.all()
        labels = {
            "name": (_("Name in Dutch"), _("Name in French")),
            "description": (
                _("Description in Dutch"),
                _("Description in French"),
            ),
        }
        for field, (dutch, french) in labels.items():
            self.fields[f"{field}_nl"].label = dutch
            self.fields[f"{field}_fr"].label = french
        self.fields["name_en"].label = _("Name in English")
        self.fields["description_en"].label = _("Description in English")
        for name in ("name_nl", "name_fr", "name_en"):
            self.fields[name].required = False

    def clean_deadline(self):
        return _not_past(self.cleaned_data.get("deadline"))

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This code is reserved; choose another."))
        return slug

    def clean(self):
        data = super().clean()
        if not any(data.get(f"name_{code}") for code in ("nl", "fr", "en")):
            self.add_error("name_nl", _("Give the campaign a name, in Dutch or in French."))
        return data

    def service_arguments(self) -> dict:
        """The cleaned fields as create_campaign takes them: a text per language."""
        data = dict(self.cleaned_data)
        texts = {}
        for field in ("name", "description"):
            texts[field] = {code: data.pop(f"{field}_{code}") or "" for code in ("nl", "fr", "en")}
        return {**data, **texts}


class InviteForm(forms.Form):
    pair = RecordChoiceField(label=_("Pair"), queryset=Pair.objects.none())
    administration = forms.ChoiceField(
        label=_("Administration"), choices=Administration.Kind.choices
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        pairs = Pair.objects.filter(participations__campaign=campaign).select_related(
            "municipality__region"
        )
        self.fields["pair"].queryset = pairs
        self.fields["pair"].label_from_instance = pair_name


class PairChoiceForm(forms.Form):
    """The pairs a campaign keeps: those it has minus the ones ticked to drop; and per pair it
    has, the questionnaire's language and the answer mode (`language-<pair id>`,
    `mode-<pair id>`)."""

    drop = forms.TypedMultipleChoiceField(coerce=int, required=False, label=_("Remove"))

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.participations = participations
        self.fields["drop"].choices = [(p.pair_id, p.pair_id) for p in participations]
        for participation in participations:
            name = pair_name(participation.pair)
            self.fields[f"language-{participation.pair_id}"] = forms.ChoiceField(
                choices=CampaignPair.Language.choices,
                required=False,
                label=f"{_('Questionnaire language')} {name}",
            )
            self.fields[f"mode-{participation.pair_id}"] = forms.ChoiceField(
                choices=CampaignPair.AnswerMode.choices,
                required=False,
                label=f"{_('Answer mode')} {name}",
            )

    def kept_pairs(self) -> list[Pair]:
        """The pairs not ticked to drop."""
        drop = set(self.cleaned_data["drop"])
        return [p.pair for p in self.participations if p.pair_id not in drop]

    def _per_pair(self, prefix: str) -> dict[int, str]:
        return {
            p.pair_id: value
            for p in self.participations
            if (value := self.cleaned_data.get(f"{prefix}-{p.pair_id}"))
        }

    def languages(self) -> dict[int, str]:
        """The questionnaire language chosen per pair the campaign has."""
        return self._per_pair("language")

    def answer_modes(self) -> dict[int, str]:
        """The answer mode chosen per pair the campaign has."""
        return self._per_pair("mode")


class ReminderScheduleForm(StrictModelForm):
    """When `tandem remind` reminds those who have not submitted."""

    class Meta:
        model = Campaign
        fields = ["reminder_days", "remind_on_deadline", "max_reminders"]


class ExtensionForm(forms.Form):
    """A later deadline for one pair."""

    until = RecordDateField(
        label=_("Answers due on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(label=_("Reason for the extension"), max_length=300, required=False)

    def clean_until(self):
        return _not_past(self.cleaned_data.get("until"))


class MailTextsForm(StrictModelForm):
    """The coordinator's subject and opening paragraph of the invitation and reminder mails,
    per language; an empty field keeps Tandem's text in that language."""

    class Meta:
        model = Campaign
        fields = [
            f"{kind}_{part}_{language}"
            for kind in ("invitation", "reminder")
            for language in LANGUAGES
            for part in ("subject", "opening")
        ]
        widgets = {
            f"{kind}_opening_{language}": forms.Textarea(attrs={"rows": 4, **TEXT})
            for kind in ("invitation", "reminder")
            for language in LANGUAGES
        }


class InvitationImportForm(forms.Form):
    file = forms.FileField(
        label=_("File with the people to invite"),
        help_text=_(
            "XLSX or CSV with the columns email, refnis, administration, role, language, name."
        ),
    )


class AddPairsForm(forms.Form):
    """Pairs ticked in the search results, to add to a campaign."""

    add = RecordsChoiceField(
        Pair.objects.select_related("municipality__region"), label=_("Pairs to add")
    )


class ProposalReviewForm(forms.Form):
    """One step of the review of an 'other' aspect: merge duplicates into it, promote it to the
    catalogue with its labels, or keep it as the pair's own."""

    proposal = forms.TypedChoiceField(coerce=int)
    action = forms.ChoiceField(
        choices=[("merge", "merge"), ("promote", "promote"), ("keep", "keep")]
    )
    merge = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = {p.pk: p for p in proposals}
        choices = [(pk, pk) for pk in self.proposals]
        self.fields["proposal"].choices = choices
        self.fields["merge"].choices = choices
        for language in LANGUAGES:
            self.fields[f"label_{language}"] = forms.CharField(required=False, strip=True)
            self.fields[f"short_{language}"] = forms.CharField(required=False, strip=True)

    def target(self):
        return self.proposals[self.cleaned_data["proposal"]]

    def others(self) -> list:
        return [self.proposals[pk] for pk in self.cleaned_data["merge"]]

    def labels(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"label_{code}"] for code in LANGUAGES}

    def short_labels(self) -> dict[str, str]:
        """Cut to the catalogue's length, as the page always did."""
        return {code: self.cleaned_data[f"short_{code}"][:SHORT_LABEL_LENGTH] for code in LANGUAGES}
