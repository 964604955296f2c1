"""The synergy register as a spreadsheet: export to XLSX/CSV, and an all-or-nothing import with a
preview (S12). Text cells that a spreadsheet would run as a formula are neutralised (S10) by
tandem.formats, which writes both files."""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.catalogue.models import Instrument, SynergyDomain
from tandem.core.converters import parse_id
from tandem.core.uploads import validate_document
from tandem.core.versioning import save_versioned
from tandem.formats.downloads import semicolon_csv
from tandem.formats.formulas import is_formula_like
from tandem.formats.reading import Limits, SheetRefused, named_rows, upload_rows
from tandem.formats.tables import Look, Table, Value
from tandem.formats.xlsx import xlsx_bytes

from .forms import SynergyForm
from .models import Synergy

# The export's columns: the record's id and the version it was exported at (an import over a
# newer version is a conflict, R5), then the register form's fields (aspects are kept as they
# are: they link to campaigns, which a spreadsheet cannot say).
KEYS = ("id", "version")
COLUMNS = (*KEYS, *(name for name in SynergyForm.Meta.fields if name != "aspects"))
NUMBERS = {"expected_savings", "realised_savings", "expected_fte", "realised_fte"}
MAX_BYTES = 5 * 1024 * 1024
LIMITS = Limits(rows=5000)


class ImportRefused(Exception):
    """The file cannot be read at all (wrong type, too large, no header)."""


def _row_values(synergy: Synergy) -> dict:
    values = {name: getattr(synergy, name) for name in COLUMNS if hasattr(synergy, name)}
    values["id"] = synergy.pk
    values["domain"] = synergy.domain.slug
    values["instrument"] = synergy.instrument.slug if synergy.instrument_id else ""
    return values


def _synergies(pair):
    return (
        Synergy.objects.filter(pair=pair)
        .select_related("domain", "instrument")
        .order_by("domain__order", "order", "pk")
    )


def _rows(pair) -> list[list[Value]]:
    """A row per synergy, its values in the order of COLUMNS."""
    rows = []
    for synergy in _synergies(pair):
        values = _row_values(synergy)
        rows.append([values[name] for name in COLUMNS])
    return rows


def export_xlsx(pair) -> bytes:
    """One sheet, `synergies`: the header row (kept in view), then a row per synergy; amounts
    as numbers."""
    rows = [[float(v) if isinstance(v, Decimal) else v for v in row] for row in _rows(pair)]
    table = Table(sheet="synergies", header=list(COLUMNS), rows=rows, look=Look(freeze="A2"))
    return xlsx_bytes(tables=[table])


def export_csv(pair) -> bytes:
    """Semicolon-separated with a byte-order mark and decimal commas, as Belgian spreadsheets
    open it (tandem.formats.downloads.semicolon_csv)."""
    return semicolon_csv(header=list(COLUMNS), rows=_rows(pair))


@dataclass
class RowProblem:
    row: int
    field: str
    message: str

    def __str__(self):
        return _("Row %(row)s, field '%(field)s': %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class ImportPlan:
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, raw values)
    creates: int = 0
    updates: int = 0
    unchanged: int = 0  # rows that hold what is stored: not saved again
    problems: list[RowProblem] = field(default_factory=list)


def _unquote(value: str) -> str:
    """The export's apostrophe before text that starts like a formula taken off again."""
    if value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def read_rows(name: str, upload) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column: text}) for each non-empty row; row 1 is the header."""
    try:
        return _read_rows(name, upload)
    except SheetRefused as error:
        raise ImportRefused(str(error)) from error


def _read_rows(name: str, upload) -> list[tuple[int, dict]]:
    if PurePath(name or "").suffix.lower() == ".xlsx":
        try:
            validate_document(upload)
        except ValidationError as error:
            raise ImportRefused(" ".join(error.messages)) from error
        upload.seek(0)
    raw = upload_rows(name, upload, limits=LIMITS, max_bytes=MAX_BYTES)
    required = tuple(name for name in COLUMNS if name not in KEYS)
    return named_rows(raw, columns=COLUMNS, required=required, text=_cell_text)


def _cell_text(name: str, cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float | int) and name in NUMBERS:
        # Every decimal as written (0.001 FTE is refused by the form, not rounded to 0).
        return f"{Decimal(str(cell)):f}".replace(".", ",")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return _unquote(str(cell).strip())


def plan_import(pair, rows) -> ImportPlan:
    """Validate every row with the register's own form; nothing is written here."""
    plan = ImportPlan(rows=rows)
    domains = {d.slug: d.pk for d in SynergyDomain.objects.all()}
    instruments = {i.slug: i.pk for i in Instrument.objects.all()}
    existing = {s.pk: s for s in Synergy.objects.filter(pair=pair)}
    for number, values in rows:
        form, problems, is_update = _form_for(pair, number, values, domains, instruments, existing)
        plan.problems += problems
        if not problems:
            _count(plan, form, is_update)
    return plan


def _count(plan: ImportPlan, form, is_update: bool) -> bool:
    """Count the row as new, changed or unchanged; True when it is to be saved."""
    if is_update and not form.has_changed():
        plan.unchanged += 1
        return False
    plan.updates += is_update
    plan.creates += not is_update
    return True


def _form_for(pair, number, values, domains, instruments, existing):
    problems = []
    instance = Synergy(pair=pair)
    reference = values.get("id", "")
    if reference:
        try:
            instance = existing[int(reference)]
        except (ValueError, KeyError):
            problems.append(RowProblem(number, "id", _("no synergy of this pair has this id")))
        else:
            problems += _version_problems(number, instance, values.get("version", ""))
    data = {name: values.get(name, "") for name in COLUMNS if name not in KEYS}
    for name, known in (("domain", domains), ("instrument", instruments)):
        if data[name] and data[name] not in known:
            problems.append(
                RowProblem(number, name, _("unknown code '%(code)s'") % {"code": data[name]})
            )
        data[name] = known.get(data[name], "")
    data["aspects"] = list(instance.aspects.values_list("pk", flat=True)) if instance.pk else []
    form = SynergyForm(data, instance=instance, pair=pair)
    if not problems and not form.is_valid():
        for name, errors in form.errors.items():
            for error in errors:
                problems.append(RowProblem(number, name if name != "__all__" else "-", error))
    return form, problems, bool(instance.pk)


def _version_problems(number: int, synergy: Synergy, version: str) -> list[RowProblem]:
    """A changed row must come from the synergy's current version: an older file would blank a
    colleague's later change."""
    if not version:
        return [RowProblem(number, "version", _("give the version from the export"))]
    if parse_id(version) != synergy.version:
        message = _(
            "changed in Tandem since this file was exported (version %(now)s there, %(file)s in "
            "the file): export again and make the change there"
        ) % {"now": synergy.version, "file": version}
        return [RowProblem(number, "version", message)]
    return []


@transaction.atomic
def apply_import(pair, rows, user) -> ImportPlan:
    """Write every row or none: the first problem rolls the whole import back."""
    plan = ImportPlan(rows=rows)
    domains = {d.slug: d.pk for d in SynergyDomain.objects.all()}
    instruments = {i.slug: i.pk for i in Instrument.objects.all()}
    existing = {s.pk: s for s in Synergy.objects.filter(pair=pair).select_for_update()}
    for number, values in rows:
        form, problems, is_update = _form_for(pair, number, values, domains, instruments, existing)
        if problems:
            plan.problems += problems
            transaction.set_rollback(True)
            return plan
        if not _count(plan, form, is_update):
            continue
        synergy = form.save(commit=False)
        save_versioned(
            record=synergy, opened_version=synergy.version if is_update else None, user=user
        )
    return plan
