"""The apps are layers: democracy ← units ← disclosures ← consultations ← reports. A module may import
its own layer and the layers below it, never one above (a link upwards is a generic reference)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["democracy", "units", "disclosures", "consultations", "reports"]
# The project's wiring sits on top of every app: the root URLconf mounts each app's URLs and API.
WIRING = {"democracy/urls.py"}


def imported_apps(path: Path) -> set[str]:
    """The project apps a module imports, at any depth (function-level imports count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(LAYERS)
    return found


def upward_imports(app: str) -> list[str]:
    above = set(LAYERS[LAYERS.index(app) + 1 :])
    return [
        f"{path.relative_to(ROOT)} imports {', '.join(sorted(imported_apps(path) & above))}"
        for path in sorted((ROOT / app).rglob("*.py"))
        if str(path.relative_to(ROOT)) not in WIRING and imported_apps(path) & above
    ]


@pytest.mark.parametrize("app", LAYERS)
def test_no_module_imports_a_layer_above_its_own(app):
    assert upward_imports(app) == []


def test_the_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from reports.models import UnitReport\n")
    assert imported_apps(module) == {"reports"}
