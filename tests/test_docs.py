"""The repository's own documents match the code: the quality codes that comments and tests cite
(S1, R5 …) are defined in docs/quality.md, which is kept a copy of the design's QUALITY.md, and
docs/architecture.md names every app there is, with the apps each one imports as the code does,
always downwards in its table (no two apps import each other)."""

import ast
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


def _imported_apps(app: Path, apps: set[str]) -> set[str]:
    """The other apps an app's code imports (`tandem.<app>` in any import statement)."""
    found = set()
    for path in app.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "tandem" and len(parts) > 1 and parts[1] in apps:
                    found.add(parts[1])
    return found - {app.name}


def _documented_imports() -> dict[str, set[str]]:
    """The apps table of docs/architecture.md, in its order: app → the apps it imports."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = {}
    for app, imports in re.findall(r"^\| `(\w+)/` \|.*\| ([^|]*) \|$", text, re.MULTILINE):
        table[app] = set(re.findall(r"`(\w+)`", imports))
    return table


def test_the_apps_import_as_docs_architecture_says_and_only_downwards():
    root = REPO / "src" / "tandem"
    apps = {p.name for p in root.iterdir() if (p / "__init__.py").exists()}  # formats/ too
    documented = _documented_imports()
    order = list(documented)
    measured = {app: _imported_apps(root / app, apps) for app in sorted(apps)}
    feature_apps = {"demo"}  # documented as "feature apps": it reads whatever it loads
    wrong = {
        app: sorted(imports)
        for app, imports in measured.items()
        if app not in feature_apps and imports != documented.get(app)
    }
    assert wrong == {}, "the imports column of docs/architecture.md differs from the code"
    upwards = {
        app: sorted(i for i in imports if order.index(i) > order.index(app))
        for app, imports in measured.items()
        if any(order.index(i) > order.index(app) for i in imports)
    }
    assert upwards == {}, "an app imports an app listed below it (or two apps import each other)"
