"""Uploaded spreadsheets are read within limits: a declared (or lying) dimension, a wide row, a
long cell or a CSV field over the csv module's limit is refused with where, never built."""

import io
import multiprocessing
import resource
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from tandem.formats.reading import Limits, SheetRefused, csv_rows, xlsx_rows

LIMITS = Limits(rows=50, columns=10, cell_chars=100)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def workbook(cells: dict[str, object]) -> bytes:
    book = Workbook()
    for ref, value in cells.items():
        book.active[ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_dimension(content: bytes, ref: str | None) -> bytes:
    """The same workbook with its sheet's declared dimension replaced (or removed)."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<dimension")
                end = text.index("/>", start) + 2
                text = text[:start] + (f'<dimension ref="{ref}"/>' if ref else "") + text[end:]
                data = text.encode()
            out.writestr(item, data)
    return target.getvalue()


def test_a_sheet_within_the_limits_is_read_whole():
    content = workbook({"A1": "id", "B1": "title", "A2": 1, "B2": "Aankoop", "A3": 2})
    assert xlsx_rows(io.BytesIO(content), limits=LIMITS) == [
        ["id", "title"],
        [1, "Aankoop"],
        [2],
    ]


def test_the_declared_dimension_is_refused_before_any_row_is_built():
    content = workbook({"A1": "id", "XFD1048576": "x"})
    assert len(content) < 10_000
    with pytest.raises(SheetRefused, match="50 rows"):
        xlsx_rows(io.BytesIO(content), limits=LIMITS)


@pytest.mark.parametrize("ref", ["A1", None])
def test_a_lying_or_missing_dimension_still_stops_at_the_limits(ref):
    far = with_dimension(workbook({"A1": "id", "A1048576": "x"}), ref)
    with pytest.raises(SheetRefused, match="50 rows"):
        xlsx_rows(io.BytesIO(far), limits=LIMITS)
    wide = with_dimension(workbook({"A1": "id", "XFD2": "x"}), ref)
    with pytest.raises(SheetRefused, match="10 columns"):
        xlsx_rows(io.BytesIO(wide), limits=LIMITS)


def test_a_long_cell_is_refused_with_its_row_and_column():
    content = workbook({"A1": "id", "C4": "x" * 101})
    with pytest.raises(SheetRefused, match="Row 4, column C"):
        xlsx_rows(io.BytesIO(content), limits=LIMITS)
    with pytest.raises(SheetRefused, match="Row 2, column 3"):
        csv_rows("a;b;c\n1;2;" + "x" * 101, limits=LIMITS, delimiter=";")


def test_csv_rows_columns_and_fields_over_the_csv_modules_limit_are_refused():
    rows = "id\n" + "1\n" * 51
    with pytest.raises(SheetRefused, match="50 rows"):
        csv_rows(rows, limits=LIMITS, delimiter=";")
    with pytest.raises(SheetRefused, match="10 columns"):
        csv_rows("a" + ";b" * 10, limits=LIMITS, delimiter=";")
    huge = 'id;title\n1;"' + "x" * 200_000 + '"\n'
    with pytest.raises(SheetRefused, match="Line 2"):
        csv_rows(huge, limits=Limits(rows=5, cell_chars=1_000_000), delimiter=";")


def test_trailing_empty_rows_are_not_counted_or_kept():
    assert csv_rows("id\n1\n" + ";\n" * 500, limits=LIMITS, delimiter=";") == [["id"], ["1"]]


def _import_in_a_small_process(content: bytes, queue) -> None:
    # 1.5 GB of address space: the naive reader needed over 20 GB for this file.
    limit = 1536 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    translation.activate("en")
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tandem.synergies import transfer

    try:
        transfer.read_rows("register.xlsx", SimpleUploadedFile("register.xlsx", content))
    except transfer.ImportRefused as error:
        queue.put(("refused", str(error)))
    except MemoryError:
        queue.put(("memory", ""))


def test_the_register_import_refuses_the_5_kb_workbook_that_exhausted_memory():
    content = workbook({"A1": "id", "XFD1048576": "x"})
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_import_in_a_small_process, args=(content, queue))
    child.start()
    child.join(120)
    if child.is_alive():
        child.kill()
    outcome = queue.get(timeout=5) if not queue.empty() else ("no answer", child.exitcode)
    assert outcome[0] == "refused", outcome
    assert "5000 rows" in outcome[1]
