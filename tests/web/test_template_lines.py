"""No template line is longer than 160 characters (ARCHITECTURE.md: long template tags put one
attribute per line), so every template reads without scrolling sideways."""

from pathlib import Path

import tandem

SOURCE_DIR = Path(tandem.__file__).parent
REPOSITORY = SOURCE_DIR.parent.parent
LONGEST = 160


def test_no_template_line_is_longer_than_160_characters():
    templates = sorted(
        path
        for path in SOURCE_DIR.glob("**/templates/**/*")
        if path.suffix in (".html", ".txt", ".css")  # pages, e-mails, print styles
    )
    assert templates, f"no template found under {SOURCE_DIR}"
    too_long = [
        f"{path.relative_to(REPOSITORY)}:{number} ({len(line)} characters)"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > LONGEST
    ]
    assert too_long == [], (
        f"template lines over {LONGEST} characters; put one attribute per line and keep each "
        "{% %}, {{ }} and {# #} tag on one line: " + "; ".join(too_long)
    )
