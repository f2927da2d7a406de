"""No dead code: every function, class, constant and dataclass field the shipped
packages define is used somewhere other than where it is defined (code, tests,
the VBA and ribbon text that call into Python)."""

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("estimates", "workbook", "addin", "udfs")
USERS = (*PACKAGES, "tests", "benchmarks", "scripts", "install")


def _defined(tree: ast.Module):
    """Module-level functions, classes and constants, and each class's fields
    and methods (dunder names are Python's, not ours)."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            yield node.name
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            yield from (t.id for t in targets if isinstance(t, ast.Name))
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    yield item.name
                elif isinstance(item, ast.AnnAssign) and isinstance(
                    item.target, ast.Name
                ):
                    yield item.target.id


def _words() -> Counter:
    """How often each word stands in the code, tests, VBA and ribbon XML."""
    words: Counter = Counter()
    for folder in USERS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".bas", ".xml") and path.is_file():
                words.update(re.findall(r"\w+", path.read_text(errors="ignore")))
    return words


def test_every_defined_name_is_used():
    words = _words()
    dead = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for name in set(_defined(ast.parse(path.read_text()))):
                if name.startswith("__") or name == "main":
                    continue
                if words[name] < 2:
                    dead.append(f"{path.relative_to(ROOT)}: {name}")
    assert dead == []
