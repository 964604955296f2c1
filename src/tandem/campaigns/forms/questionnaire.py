"""Questionnaire forms: one answer per aspect (prefixed, so a domain page holds them all) and the
contact persons per domain and administration."""

import re
import secrets
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.catalogue.cache import choice_terms
from tandem.core.converters import ID_DIGITS
from tandem.core.form_fields import WholeNumberField
from tandem.core.uploads import validate_document

from ..models import FORMAL, INFORMAL, NONE

YES_NO = (("yes", _("yes")), ("no", _("no")))
TEXT = {"rows": 2, "cols": 60}


def _as_bool(value):
    return {"yes": True, "no": False}.get(value)


def _as_degree(value):
    return int(value)


def _yes_no(label) -> forms.TypedChoiceField:
    """A yes/no question that may stay unanswered (None) until the submit asks for it."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=_as_bool,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def _long_text(label, **extra) -> forms.CharField:
    """An optional free text of up to 4,000 characters."""
    return forms.CharField(
        label=label, required=False, max_length=4000, widget=forms.Textarea(attrs=TEXT), **extra
    )


@dataclass
class Vocabulary:
    """The catalogue's choice lists, read once per request: a domain page holds a form per
    aspect, and model choice fields would query them again for every form (P4)."""

    degrees: list
    clusters: dict
    obstacles: dict
    instruments: dict

    @classmethod
    def load(cls) -> "Vocabulary":
        """From the catalogue's kept copy; the labels in the active language."""
        degrees, clusters, obstacles, instruments = choice_terms()
        return cls(
            degrees=[(d.value, f"{d.value} {d.label}") for d in degrees],
            clusters={c.pk: c for c in clusters},
            obstacles={o.pk: o for o in obstacles},
            instruments={i.pk: i for i in instruments},
        )


def _choices(objects: dict):
    return [(pk, str(obj)) for pk, obj in objects.items()]


class AnswerForm(forms.Form):
    """One aspect's answer. Every field is optional while saving a draft: the submit checks
    completeness (answering.problems_of), so a half-typed answer is never refused."""

    # Marked "required" on the page: what answering.missing_in asks before a submit.
    required_for_submit = ("degree", "desirable", "formal_desirable", "change_reason")

    version = WholeNumberField(widget=forms.HiddenInput, min_value=0)
    # One opening of the page (answering.save_answer: its own racing saves are no conflict).
    form_token = forms.RegexField(
        regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput, required=False, max_length=32
    )
    degree = forms.TypedChoiceField(
        label=_("Degree of cooperation"),
        choices=(),
        coerce=_as_degree,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    reasons = _long_text(
        _("Reasons for informal or formal cooperation / no cooperation"),
        help_text=_("Internal (e.g. organisational culture) or external (e.g. regulations)."),
    )
    reason_clusters = forms.TypedMultipleChoiceField(
        label=_("Kinds of reasons"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    instrument = forms.TypedChoiceField(
        label=_("Instrument"), coerce=int, empty_value=None, required=False
    )
    regulation = _long_text(
        _("How is the cooperation regulated?"), help_text=_("E.g. covenant, protocol, agreement.")
    )
    regulation_link = forms.URLField(
        label=_("Link to the regulating document"),
        required=False,
        max_length=200,
        assume_scheme="https",
    )
    document = forms.FileField(
        label=_("Attach a document (PDF, DOCX, ODT or XLSX, at most 20 MB)"),
        required=False,
        validators=[validate_document],
    )
    desirable = _yes_no(_("Is cooperation desirable?"))
    desirable_reasons = _long_text(_("Reasons why cooperation is or is not desirable"))
    formal_desirable = _yes_no(_("Is formal cooperation desirable?"))
    formal_desirable_reasons = _long_text(
        _("Reasons why formal cooperation is or is not desirable")
    )
    obstacles = _long_text(
        _("Obstacles that make formal cooperation difficult"),
        help_text=_("Internal or external (e.g. the legal framework)."),
    )
    obstacle_types = forms.TypedMultipleChoiceField(
        label=_("Kinds of obstacles"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirmed = forms.BooleanField(label=_("Unchanged since the previous round"), required=False)
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 1, "cols": 60}),
    )

    def __init__(
        self,
        data=None,
        files=None,
        *,
        response=None,
        previous=None,
        vocabulary=None,
        related=None,
        form_token=None,
        **kwargs,
    ):
        """`related`: the answer's chosen terms ({field: ids}) when known without a query.
        A bound form shows what was posted, so the stored answer's initial values are only
        read for an unbound one. `form_token`: the page opening's token to keep (a new one
        otherwise)."""
        self.response = response
        self.previous = previous
        self.vocabulary = vocabulary or Vocabulary.load()
        if data is None and response is not None:
            kwargs.setdefault("initial", initial_of(response, related))
        super().__init__(data, files, **kwargs)
        self.fields["form_token"].initial = form_token or secrets.token_hex(16)
        self.fields["degree"].choices = self.vocabulary.degrees
        self.fields["reason_clusters"].choices = _choices(self.vocabulary.clusters)
        self.fields["obstacle_types"].choices = _choices(self.vocabulary.obstacles)
        self.fields["instrument"].choices = [("", _("(none chosen)"))] + _choices(
            self.vocabulary.instruments
        )
        if previous is None:
            del self.fields["confirmed"], self.fields["change_reason"]

    @property
    def degree_value(self):
        """The degree the follow-up questions depend on: as typed, else as stored."""
        if self.is_bound:
            raw = self.data.get(self.add_prefix("degree"))
            return int(raw) if raw in ("0", "1", "2") else None
        return self.response.degree if self.response is not None else None

    @property
    def asks_regulation(self):
        return self.degree_value in (INFORMAL, FORMAL)

    @property
    def asks_desirable(self):
        return self.degree_value == NONE

    @property
    def asks_formal_desirable(self):
        return self.degree_value == INFORMAL

    @property
    def asks_obstacles(self):
        return self.degree_value == FORMAL

    @property
    def is_changed_from_previous(self):
        return self.previous is not None and self.degree_value != self.previous.degree

    def values(self) -> dict:
        """The cleaned answer for answering.save_answer (the document is handled apart)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("form_token", None)
        data.pop("document", None)
        vocabulary = self.vocabulary
        data["reason_clusters"] = [vocabulary.clusters[pk] for pk in data["reason_clusters"]]
        data["obstacle_types"] = [vocabulary.obstacles[pk] for pk in data["obstacle_types"]]
        data["instrument"] = vocabulary.instruments.get(data["instrument"])
        return data


def initial_of(response, related=None) -> dict:
    def yes_no(value):
        return None if value is None else ("yes" if value else "no")

    initial = {
        "version": response.version if response.pk else 0,
        "degree": response.degree,
        "reasons": response.reasons,
        "instrument": response.instrument_id,
        "regulation": response.regulation,
        "regulation_link": response.regulation_link,
        "desirable": yes_no(response.desirable),
        "desirable_reasons": response.desirable_reasons,
        "formal_desirable": yes_no(response.formal_desirable),
        "formal_desirable_reasons": response.formal_desirable_reasons,
        "obstacles": response.obstacles,
        "confirmed": response.confirmed,
        "change_reason": response.change_reason,
    }
    for name in ("reason_clusters", "obstacle_types"):
        if related is not None and name in related:
            initial[name] = sorted(related[name])
        elif response.pk:  # prefetched by the page
            initial[name] = [term.pk for term in getattr(response, name).all()]
    return initial


class OwnRowForm(forms.Form):
    """'Andere (specifieer)': an aspect the pair names itself. Required only when the person
    adds one, so the browser must not demand it before every Save of the domain's form."""

    use_required_attribute = False

    label = forms.CharField(
        label=_("Other aspect (specify)"),
        max_length=200,
        widget=forms.TextInput(attrs={"data-own-label": ""}),
    )


class DomainActionForm(forms.Form):
    """Which button of a domain page was pressed: Save (also Enter in a field), add an 'other'
    aspect, or remove one (`remove-own-<proposal id>`); anything else counts as Save."""

    action = forms.RegexField(
        regex=rf"^(save|add-own|remove-own-[0-9]{{1,{ID_DIGITS}}})$", required=False
    )
    label = forms.CharField(required=False)

    @property
    def button(self) -> str:
        value = self.cleaned_data.get("action") if self.is_valid() else None
        return value or "save"

    @property
    def adding(self) -> bool:
        """An own row is added: by its button, or by Save with a label typed (nothing typed is
        lost)."""
        typed = self.is_valid() and bool(self.cleaned_data["label"].strip())
        return self.button == "add-own" or (self.button == "save" and typed)

    @property
    def removed_row(self) -> int | None:
        """The proposal id of the own row to remove, if that was the button."""
        prefix = "remove-own-"
        return int(self.button.removeprefix(prefix)) if self.button.startswith(prefix) else None


# Belgian and international numbers: digits with spaces, dots, slashes or dashes, optional +.
PHONE = re.compile(r"^\+?[0-9][0-9 ./()-]{7,20}$")


def validate_phone(value: str) -> None:
    digits = re.sub(r"\D", "", value)
    if not PHONE.match(value) or not 9 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number such as 053 72 22 11 or +32 53 72 22 11."), code="phone"
        )


class ContactForm(forms.Form):
    """One contact person: for a contact domain and one administration; `version` is the one
    the page was opened at (0: the cell was empty), for edit conflicts."""

    version = WholeNumberField(widget=forms.HiddenInput, min_value=0, required=False)
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    function = forms.CharField(label=_("Function"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Phone number"), max_length=40, required=False, validators=[validate_phone]
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("name") and any(data.get(f) for f in ("function", "phone", "email")):
            self.add_error("name", _("Give the name of the contact person."))
        return data


class SubmitForm(forms.Form):
    """Submitting cannot be undone by the pair itself: the person confirms it first."""

    confirm = forms.BooleanField(
        label=_(
            "I checked the answers and submit them now. Afterwards only the coordinator can "
            "reopen the questionnaire."
        ),
        error_messages={"required": _("Tick this box to confirm that you submit the answers.")},
    )


class ShownForm(forms.Form):
    """A row's hidden `shown` field: the degree whose follow-ups the row showed when sent."""

    shown = forms.CharField(required=False, max_length=2)


def shown_degree(data, *, prefix: str) -> str:
    """The degree a posted row showed follow-ups for ("" for none), so an autosave that
    changes the degree knows to send the new degree's follow-ups."""
    form = ShownForm(data, prefix=prefix)
    return form.cleaned_data["shown"] if form.is_valid() else ""
