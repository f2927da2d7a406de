"""Trial 9b items 2 and 5: subhead code '01A' (round 1) and '7OO' with the letter
O (Head 156) got no finding at all and printed on the Report. A subhead code is
three digits (DOMAIN.md 1.6; a Subventions code may end in letters, 88B): any
other is D13, an error at its cell that says what a code is. On both hosts, on
Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

TYPED = ("01A", "7OO")


def _key_codes(book) -> list[str]:
    """The codes typed over the first lines' codes; their cells."""
    spec = L.TABLES["tblSubheads"]
    wb = load_book(book)
    ws = wb[spec.sheet]
    col = spec.col("code")
    cells = []
    for row, code in zip(range(spec.first_row, ws.max_row + 1), TYPED, strict=False):
        ws.cell(row, col).value = code
        cells.append(address(row, col))
    save_book(wb, book)
    return cells


@pytest.mark.parametrize("host", HOSTS)
def test_a_subhead_code_not_of_three_digits_is_d13_at_its_cell(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=13, real_at=6):
        cells = _key_codes(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        sheet = L.TABLES["tblSubheads"].sheet
        for cell, code in zip(cells, TYPED, strict=False):
            at = [
                f for f in findings if (f.rule, f.sheet, f.cell) == ("D13", sheet, cell)
            ]
            assert len(at) == 1, (name, host, cell, [f.rule for f in findings])
            assert at[0].severity == "error" and at[0].found == repr(code)
            assert "three digits" in at[0].message_en and "三位數字" in at[0].message_zh
