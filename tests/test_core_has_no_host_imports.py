"""The core never imports a spreadsheet host."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "estimates"
HOSTS = {"xlwings", "openpyxl"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_core_module_imports_xlwings_or_openpyxl():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) >= 10
    offenders = {str(f.relative_to(CORE)): imported_modules(f) & HOSTS for f in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_sees_an_import_when_there_is_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom openpyxl.utils import cell\n", encoding="utf-8")
    assert imported_modules(bad) & HOSTS == {"openpyxl"}
