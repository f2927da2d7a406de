"""Trial 9b items 6 and 8: a second refresh of a book nobody edited rewrote nine
Checks cells, added a Change log row and replaced the revert record (so Revert
had nothing left to put back), because

- the saved book lost the value LibreOffice stored with a clerk's formula in an
  input cell (openpyxl writes formulas with no value), so a formula no reader
  here evaluates (``=G9+nosuchname``) read as D15 instead of D02;
- a C02 kept from the revert record was said anew in other words ("expected its
  formula" for "expected =Report!G6 (the Report's figure)");

and after the clerk saved the refreshed book in LibreOffice, which stores the
error value Refresh wrote in the Checks "Found" column (``#DIV/0!``) as the
formula ``=#DIV/0!``, every refresh raised a C02 blaming the clerk for it.

Now the book a refresh leaves is one a second refresh leaves cell for cell, with
the same findings and its revert record intact; a LibreOffice save in between
changes neither. On both hosts, on Head 135, a generated Head and a real
Head-year, edited by a clerk (error formulas in input cells, a number over a
COR figure, text over the Narrative and the Checks sheet) and saved in
LibreOffice before the first refresh."""

from __future__ import annotations

import re
import shutil

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import revert_file

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on
from .remote_actions import stored_values

pytestmark = pytest.mark.engine

_FIGURE = re.compile(rf"^={re.escape(L.REPORT)}!\$?[A-Z]+\$?[0-9]+$")


def _edit(book) -> None:
    """A careless clerk's edits, through the cells."""
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    ws = wb[spec.sheet]
    first = spec.first_row
    ws.cell(first, spec.col("estimate")).value = "=1/0"
    ws.cell(first + 1, spec.col("revised")).value = f"=G{first}+nosuchname"
    cor = wb[L.REPORT_EN]
    row, col = next(
        (c.row, c.column)
        for line in cor.iter_rows(min_col=3)
        for c in line
        if isinstance(c.value, str) and _FIGURE.match(c.value)
    )
    cor.cell(row, col).value = 99
    narrative = wb[L.NARRATIVE]
    head_total = next(
        r
        for r in range(1, narrative.max_row + 1)
        if narrative.cell(r, L.NARRATIVE_KEY_COLUMN).value == "head_total"
    )
    narrative.cell(head_total, 2).value = "My own sentence."
    wb[L.CHECKS]["E6"] = "I fixed this already"
    save_book(wb, book)


def _said(findings) -> list[tuple]:
    return sorted(
        (f.rule, f.sheet, f.cell, f.message_en, f.message_zh, f.expected, f.found)
        for f in findings
    )


def _differ(a: dict, b: dict) -> list:
    return [
        (k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)
    ]


@pytest.mark.parametrize("host", HOSTS)
def test_a_second_refresh_changes_nothing_even_after_a_libreoffice_save(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=5, real_at=4):
        _edit(book)
        shutil.copy(libreoffice.recalculate(book, tmp_path / f"lo-{name}"), book)
        first = refresh_on(host, book, libreoffice, tmp_path)
        assert {"D02", "C02"} <= {f.rule for f in first}, (name, host)
        after_first = stored_values(book)
        second = refresh_on(host, book, libreoffice, tmp_path)
        assert _said(second) == _said(first), (name, host)
        assert _differ(after_first, stored_values(book)) == [], (name, host)
        saved = libreoffice.recalculate(book, tmp_path / f"lo2-{name}")
        shutil.copy(saved, book)
        after_save = stored_values(book)
        third = refresh_on(host, book, libreoffice, tmp_path)
        assert _said(third) == _said(first), (name, host)
        changed = _differ(after_save, stored_values(book))
        assert [k for k, _, _ in changed if k[0] == L.CHANGE_LOG] == [], (name, host)
        assert revert_file(book) > 0, (name, host)  # the first refresh's record
