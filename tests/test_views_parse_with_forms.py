"""ARCHITECTURE.md: views parse with forms; no view reads a value straight from the POST."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tandem"
RAW_POST = re.compile(r"request\.POST(\.get\b|\.getlist\b|\[)")


def view_modules():
    for path in SRC.rglob("*.py"):
        if "views" in path.name or path.parent.name == "views":
            yield path


def test_there_are_views_to_check():
    assert len(list(view_modules())) >= 10


def test_no_view_reads_a_value_raw_from_the_post():
    raw = [
        f"{path.relative_to(SRC)}:{number}"
        for path in view_modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if RAW_POST.search(line)
    ]
    assert raw == []
