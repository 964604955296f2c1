"""The governance profile of pairs (seed 002): import from CSV and the overview per province.

Three questions per pair: the same person is municipal and OCMW secretary (algemeen directeur);
the same person is financial manager of both; the OCMW chair sits in the college as alderman for
welfare. Answers are dated statements, so the profile of any day can be read back.
"""

import csv
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.core.form_fields import FIRST_YEAR, LAST_YEAR, RecordDateField
from tandem.formats.reading import Limits, SheetRefused, csv_rows

from .models import GovernanceStatement, Municipality, Pair

QUESTIONS = [q.value for q in GovernanceStatement.Question]
TRUE_WORDS = {"ja", "j", "yes", "y", "oui", "o", "1", "true", "waar", "vrai"}
FALSE_WORDS = {"nee", "neen", "n", "no", "non", "0", "false", "onwaar", "faux"}
GOVERNANCE_DATE = RecordDateField(input_formats=["%Y-%m-%d", "%d/%m/%Y"])
HEADER_ALIASES = {
    "refnis": "refnis",
    "nis": "refnis",
    "niscode": "refnis",
    "nis_code": "refnis",
    "refnis_code": "refnis",
    "valid_from": "valid_from",
    "source": "source",
}
LIMITS = Limits(rows=10_000, columns=20)


@dataclass
class ImportProblem:
    line: int
    field: str
    message: str

    def __str__(self):
        return _("line %(line)s, field '%(field)s': %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class ImportResult:
    problems: list[ImportProblem] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    written: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_answer(text: str) -> bool | None:
    """'ja'/'nee', 'oui'/'non', 'yes'/'no', 1/0 → bool; empty → None (not known)."""
    value = (text or "").strip().lower()
    if value == "":
        return None
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValueError(
        _("'%(value)s' is not yes or no (use ja/nee, oui/non, yes/no or 1/0)")
        % {"value": text.strip()}
    )


def parse_governance_csv(text: str, default_valid_from: date) -> ImportResult:
    """Check every line; collect every problem with its line number and field."""
    result = ImportResult()
    if text.startswith("\ufeff"):
        text = text[1:]  # byte-order mark from spreadsheet exports
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        lines = csv_rows(text, limits=LIMITS, delimiter=dialect.delimiter)
    except SheetRefused as error:
        result.problems.append(ImportProblem(1, "-", str(error)))
        return result
    header = [str(cell) for cell in lines[0]] if lines else None
    if not header:
        result.problems.append(ImportProblem(1, "refnis", _("the file is empty")))
        return result
    columns = [HEADER_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = [c for c in ["refnis", *QUESTIONS] if c not in columns]
    unknown = [c for c in columns if c not in {"refnis", "valid_from", "source", *QUESTIONS}]
    for column in missing:
        result.problems.append(
            ImportProblem(1, column, _("this column is missing from the header"))
        )
    for column in unknown:
        result.problems.append(ImportProblem(1, column, _("unknown column")))
    if result.problems:
        return result

    known_codes = _known_codes()
    seen: dict[tuple[int, date], int] = {}
    for line_number, values in enumerate(lines[1:], start=2):
        if not any(v.strip() for v in values):
            continue  # blank line
        if len(values) != len(columns):
            result.problems.append(
                ImportProblem(
                    line_number,
                    "refnis",
                    _("%(found)s values for %(expected)s columns")
                    % {"found": len(values), "expected": len(columns)},
                )
            )
            continue
        record = dict(zip(columns, values, strict=True))
        row = _parse_row(record, line_number, known_codes, default_valid_from, result)
        if row is None:
            continue
        key = (row["pair_id"], row["valid_from"])
        if key in seen:
            result.problems.append(
                ImportProblem(
                    line_number,
                    "refnis",
                    _("the same municipality and date already appear on line %(line)s")
                    % {"line": seen[key]},
                )
            )
            continue
        seen[key] = line_number
        result.rows.append(row)
    return result


def _known_codes() -> dict[str, int]:
    """REFNIS code (current and former) → pair id."""
    codes = dict(Pair.objects.values_list("municipality__refnis", "pk"))
    for code, pair_id in Municipality.objects.filter(former_codes__isnull=False).values_list(
        "former_codes__code", "pair__pk"
    ):
        codes[code] = pair_id
    return codes


def _parse_row(record, line_number, known_codes, default_valid_from, result) -> dict | None:
    problems_before = len(result.problems)
    code = record["refnis"].strip()
    pair_id = known_codes.get(code)
    if pair_id is None:
        result.problems.append(
            ImportProblem(
                line_number,
                "refnis",
                _("'%(code)s' is not a REFNIS code of a Belgian municipality") % {"code": code},
            )
        )
    answers = {}
    for question in QUESTIONS:
        try:
            answers[question] = parse_answer(record[question])
        except ValueError as error:
            result.problems.append(ImportProblem(line_number, question, str(error)))
    valid_from = default_valid_from
    if record.get("valid_from", "").strip():
        try:
            valid_from = _parse_date(record["valid_from"])
        except ValueError:
            result.problems.append(
                ImportProblem(
                    line_number,
                    "valid_from",
                    _(
                        "'%(value)s' is not a date between %(first)s and %(last)s"
                        " (use 2024-01-01 or 1/1/2024)"
                    )
                    % {"value": record["valid_from"], "first": FIRST_YEAR, "last": LAST_YEAR},
                )
            )
    if len(result.problems) > problems_before:
        return None
    return {
        "pair_id": pair_id,
        "refnis": code,
        "answers": answers,
        "valid_from": valid_from,
        "source": record.get("source", "").strip(),
    }


def _parse_date(text: str) -> date:
    """A date as 2024-01-01 or 1/1/2024, in the digits 0 to 9 and the years Tandem records."""
    try:
        parsed = GOVERNANCE_DATE.clean(text.strip())
    except ValidationError as error:
        raise ValueError(text) from error
    if parsed is None:
        raise ValueError(text)
    return parsed


def import_governance_csv(
    text: str, default_valid_from: date, source: str = "", dry_run: bool = False
) -> ImportResult:
    """Parse, then write everything or nothing. A statement for the same pair, question and day
    is replaced; empty answers are skipped."""
    result = parse_governance_csv(text, default_valid_from)
    if not result.ok or dry_run:
        return result
    with transaction.atomic():
        for row in result.rows:
            for question, answer in row["answers"].items():
                if answer is None:
                    continue
                statement, created = GovernanceStatement.objects.get_or_create(
                    pair_id=row["pair_id"],
                    question=question,
                    valid_from=row["valid_from"],
                    defaults={"answer": answer, "source": row["source"] or source},
                )
                if not created and (
                    statement.answer != answer or statement.source != (row["source"] or source)
                ):
                    statement.answer = answer
                    statement.source = row["source"] or source
                    statement.save(update_fields=["answer", "source"])
                result.written += 1
    return result


@dataclass
class AreaCount:
    """Counts for one province (or the Brussels-Capital Region) and one question."""

    area: str
    area_code: str
    municipalities: int
    yes: list[str] = field(default_factory=list)
    no: list[str] = field(default_factory=list)

    @property
    def unknown(self) -> int:
        return self.municipalities - len(self.yes) - len(self.no)


def current_answers(on: date | None = None) -> dict[tuple[int, str], bool]:
    """(pair id, question) → the answer of the latest statement valid on the day."""
    on = on or date.today()
    latest: dict[tuple[int, str], tuple[date, bool]] = {}
    for pair_id, question, valid_from, answer in GovernanceStatement.objects.filter(
        valid_from__lte=on
    ).values_list("pair_id", "question", "valid_from", "answer"):
        key = (pair_id, question)
        if key not in latest or valid_from > latest[key][0]:
            latest[key] = (valid_from, answer)
    return {key: answer for key, (_, answer) in latest.items()}


def overview(by: str = "province", on: date | None = None, name=lambda m: m.name) -> dict:
    """Per question, per province (Brussels as its region) or per region: counts and names."""
    if by not in {"province", "region"}:
        raise ValueError(f"unknown grouping '{by}'; choose one of: province region")
    answers = current_answers(on)
    municipalities = list(
        Municipality.objects.current().select_related("province", "region", "pair")
    )
    areas: dict[str, tuple[str, list]] = {}
    for m in municipalities:
        group = m.province if (by == "province" and m.province) else m.region
        areas.setdefault(group.refnis, (str(group), []))[1].append(m)
    result = {}
    for question in QUESTIONS:
        rows = []
        for code in sorted(areas):
            label, members = areas[code]
            count = AreaCount(area=label, area_code=code, municipalities=len(members))
            for m in sorted(members, key=lambda x: name(x)):
                answer = answers.get((m.pair.pk, question))
                if answer is True:
                    count.yes.append(name(m))
                elif answer is False:
                    count.no.append(name(m))
            rows.append(count)
        result[question] = rows
    return result
