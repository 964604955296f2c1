"""The repository's own documents match the code: the quality codes that comments and tests cite
(S1, R5 …) are defined in docs/quality.md, which is kept a copy of the design's QUALITY.md, and
docs/architecture.md names every app there is."""

import re
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[1]
QUALITY = REPO / "docs" / "quality.md"
CODE = re.compile(r"\b([SRPT]\d{1,2})\b")


def _cited_codes() -> dict[str, str]:
    cited = {}
    for folder in (REPO / "src" / "tandem", REPO / "tests", REPO / "benchmarks"):
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for code in CODE.findall(path.read_text(encoding="utf-8")):
                cited.setdefault(code, str(path.relative_to(REPO)))
    return cited


def test_every_quality_code_cited_in_the_code_is_defined_in_docs_quality():
    defined = set(re.findall(r"^\| ([SRPT]\d{1,2}) \|", QUALITY.read_text(), re.MULTILINE))
    assert {"S1", "R5", "P4"} <= defined
    undefined = {code: where for code, where in _cited_codes().items() if code not in defined}
    assert undefined == {}, "cite only the codes of docs/quality.md"


def test_docs_quality_is_the_design_s_quality_md():
    design = Path(settings.SEEDS_DIR).parent / "design" / "QUALITY.md"
    if not design.exists():
        pytest.skip("../shared/design is not beside the repository")
    ours = QUALITY.read_text(encoding="utf-8").split("-->", 1)[1].lstrip("\n")
    assert ours == design.read_text(encoding="utf-8"), "copy ../shared/design/QUALITY.md again"


def test_docs_architecture_names_every_app():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    apps = sorted(p.name for p in (REPO / "src" / "tandem").iterdir() if (p / "apps.py").exists())
    missing = [app for app in apps if f"`{app}/`" not in text]
    assert missing == [], "describe these apps in docs/architecture.md"
