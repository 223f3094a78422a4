"""Every write function is checked by its app's audit test: a new write function without a test that
it leaves one audit row per act (and none when it fails) makes this fail."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = {
    "units": ["tests/units/test_actions.py"],
    "disclosures": ["tests/disclosures/test_audit.py"],
    "consultations": ["tests/consultations/test_audit.py"],
    "consultations/petitions": ["tests/consultations/petitions/test_audit.py"],
    "consultations/regulations": ["tests/consultations/test_regulations.py"],
    "reports": ["tests/reports/test_audit.py"],
    "reports/checks": ["tests/reports/checks/test_audit.py"],
    "reports/plans": ["tests/plans/test_actions.py", "tests/plans/test_import.py"],
    "consultations/follow": ["tests/consultations/follow/test_audit.py"],
}
# Jobs that write in batches without `@transaction.atomic` on the function itself (they open their own
# transactions per batch), and so are listed by name.
JOBS = {"close_due_postings", "compile_area", "compile_due", "compile_rollup", "count_online_votes"}
# A cast vote writes no audit row on purpose: a timed row per ballot would be one more sequence to match
# against the ballots (a code only says whether it was used; see test_ballot_secrecy.py).
NO_ROW = {"cast_vote"}


def write_functions(app: str) -> list[str]:
    paths = [ROOT / app / "actions.py", *sorted((ROOT / app / "actions").glob("*.py"))]
    names = []
    for path in paths:
        if not path.exists():
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            atomic = any("atomic" in ast.unparse(d) for d in node.decorator_list)
            if atomic or node.name in JOBS:
                names.append(node.name)
    return names


@pytest.mark.parametrize("app", list(APPS))
def test_every_write_function_is_called_by_the_apps_audit_test(app):
    tested = "".join((ROOT / path).read_text(encoding="utf-8") for path in APPS[app])
    functions = write_functions(app)
    assert functions, f"no write function found in {app}"
    assert [name for name in functions if name not in NO_ROW and f"{name}(" not in tested] == []
