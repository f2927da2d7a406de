"""Findings of one rule on one sheet are listed by row number, then column, as the
clerk reads the sheet (Programmes!D8 before D10), not as text ("D10" < "D8")."""

from estimates.findings import sort_key
from estimates.model import Ref
from estimates.rules.text import finding


def test_findings_sort_by_row_then_column():
    cells = ["D10", "D8", "AA9", "B9", "C100", "C11"]
    found = [finding("D05", Ref("Programmes", c), "x", "x") for c in cells]
    assert [f.cell for f in sorted(found, key=sort_key)] == [
        "D8", "B9", "AA9", "D10", "C11", "C100",
    ]  # fmt: skip
