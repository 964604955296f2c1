"""Bulk invitations from a spreadsheet (issue 16.2): the columns `email, refnis, administration,
role, language, name`, read within limits (formats.reading), every line checked before anything
is written. A former REFNIS code finds today's municipality; the same person for the same pair
and administration twice is one invitation; someone already invited (and not withdrawn) is left
out. A line at fault is named with its field, and then nothing is invited."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from tandem.accounts.models import Invitation
from tandem.formats.reading import Limits, named_rows, upload_rows
from tandem.places.models import Administration, Municipality, Pair
from tandem.places.naming import pair_name

from .models import Campaign
from .services.invitations import Invitee

COLUMNS = ("email", "refnis", "administration", "role", "language", "name")
REQUIRED = ("email", "refnis", "administration", "name")
LIMITS = Limits(rows=2000, columns=20, cell_chars=300)  # 565 pairs x 2 people, with room
MAX_BYTES = 2 * 1024 * 1024
# What a coordinator may type for an administration, in any of the three languages.
ADMINISTRATIONS = {
    "municipality": Administration.Kind.MUNICIPALITY,
    "gemeente": Administration.Kind.MUNICIPALITY,
    "commune": Administration.Kind.MUNICIPALITY,
    "ocmw": Administration.Kind.WELFARE_CENTRE,
    "cpas": Administration.Kind.WELFARE_CENTRE,
}
ROLES = {"", "respondent", "répondant", "repondant"}
LANGUAGES = {"", "nl", "fr", "en"}


@dataclass
class LineProblem:
    line: int
    column: str
    message: str

    def __str__(self):
        return _("Line %(line)s, column '%(column)s': %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class InvitationLine:
    line: int
    invitee: Invitee
    pair_label: str
    language: str

    @property
    def administration_label(self) -> str:
        return str(dict(Administration.Kind.choices)[self.invitee.administration])


@dataclass
class InvitationPlan:
    lines: list[InvitationLine] = field(default_factory=list)
    merged: int = 0  # lines that repeat an earlier line's person, pair and administration
    already: list[InvitationLine] = field(default_factory=list)  # invited before: left out
    problems: list[LineProblem] = field(default_factory=list)


def read(name: str, upload) -> list[tuple[int, dict[str, str]]]:
    """The file's lines; SheetRefused when it cannot be read as a whole."""
    raw = upload_rows(name, upload, limits=LIMITS, max_bytes=MAX_BYTES)
    return named_rows(raw, columns=COLUMNS, required=REQUIRED)


def plan(campaign: Campaign, rows: list[tuple[int, dict[str, str]]]) -> InvitationPlan:
    """Check every line; nothing is written."""
    result = InvitationPlan()
    taking_part = {
        p.pair_id: p.pair
        for p in campaign.participations.select_related("pair__municipality__region")
    }
    by_code = _pairs_by_code({values.get("refnis", "").strip() for _n, values in rows})
    invited = set(
        campaign.invitations.filter(revoked_at__isnull=True).values_list(
            "email", "pair_id", "administration"
        )
    )
    seen = set()
    for number, values in rows:
        problems, line = _line(number, values, by_code, taking_part)
        result.problems += problems
        if line is None:
            continue
        key = (line.invitee.email, line.invitee.pair.pk, line.invitee.administration)
        if key in seen:
            result.merged += 1
        elif key in invited:
            seen.add(key)
            result.already.append(line)
        else:
            seen.add(key)
            result.lines.append(line)
    return result


def _pairs_by_code(codes: set[str]) -> dict[str, Pair]:
    """Today's pair of each REFNIS code given, current or former (places.MunicipalityCode)."""
    found = {}
    municipalities = Municipality.objects.filter(refnis__in=codes).select_related("pair")
    for municipality in municipalities:
        found[municipality.refnis] = municipality.pair
    former = Municipality.objects.filter(former_codes__code__in=codes).values_list(
        "former_codes__code", "pair"
    )
    pairs = {p.pk: p for p in Pair.objects.filter(pk__in={pk for _c, pk in former})}
    for code, pair_id in former:
        found.setdefault(code, pairs[pair_id])
    return found


def _line(number, values, by_code, taking_part):
    problems = []

    def refuse(column: str, message: str) -> None:
        problems.append(LineProblem(number, column, message))

    email = values.get("email", "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        refuse("email", _("'%(value)s' is not an e-mail address.") % {"value": email})
    name = values.get("name", "").strip()
    if not name:
        refuse("name", _("The person's name is missing."))
    elif len(name) > Invitation._meta.get_field("name").max_length:
        refuse("name", _("A name has at most 150 characters."))
    code = values.get("refnis", "").strip()
    pair = by_code.get(code)
    if pair is None:
        refuse("refnis", _("'%(value)s' is no REFNIS code of a municipality.") % {"value": code})
    elif pair.pk not in taking_part:
        refuse(
            "refnis",
            _("%(pair)s (%(code)s) does not take part in the campaign: add it first.")
            % {"pair": pair_name(pair), "code": code},
        )
    typed = values.get("administration", "").strip().lower()
    administration = ADMINISTRATIONS.get(typed)
    if administration is None:
        refuse(
            "administration",
            _("'%(value)s' is not an administration: write gemeente or ocmw (commune or cpas).")
            % {"value": typed},
        )
    if values.get("role", "").strip().lower() not in ROLES:
        refuse(
            "role", _("A campaign invites respondents: leave the role empty or write respondent.")
        )
    language = values.get("language", "").strip().lower()
    if language not in LANGUAGES:
        refuse("language", _("'%(value)s' is not nl, fr or en.") % {"value": language})
    if problems:
        return problems, None
    pair = taking_part[pair.pk]
    invitee = Invitee(
        pair=pair, administration=administration, name=name, email=email, language=language
    )
    return [], InvitationLine(number, invitee, pair_name(pair), language)
