"""Factor matrices and grid comparisons as plain tables of strings, shared by the CLI and the
downloads (CSV, text)."""

from .queries import MatrixData

PATH_SEPARATOR = " > "


def factor_path(path, language: str = "nl") -> str:
    """LOKALE CONTEXT > Momentum > Budgettaire situatie."""
    return PATH_SEPARATOR.join(getattr(f, f"name_{language}", "") or f.name_nl for f in path)


def factor_table(
    data: MatrixData, column_names: list[str], language: str = "nl"
) -> list[list[str]]:
    """Header `factor, <city>…` in the matrix's column order, then one row per factor with its
    symbols as ASCII (`+`, `-`, `?`, `+/-`), empty where no value was given; CSV writers keep
    them as text (tandem.formats.downloads.csv_text)."""
    table = [["factor", *column_names]]
    for factor_id, path, _printed in data.rows:
        cells = []
        for pair_id, _heading in data.columns:
            value = data.cell(factor_id, pair_id)
            cells.append(value.symbol if value else "")
        table.append([factor_path(path, language), *cells])
    return table


def as_text(table: list[list[str]], title: str = "") -> str:
    """An aligned plain-text table for the terminal."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = [title, ""] if title else []
    for index, row in enumerate(table):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
