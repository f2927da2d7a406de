"""Trial 9b item 2 (and round 4): with `=1/0` in a subhead figure, the Report's
Total, Operating Account and Total Expenditure show #DIV/0! once recalculated,
yet T03 quoted "Total Expenditure ($63,500,000)" and a programme total; nothing
sat at the totals the book showed as errors. Now, in a column whose totals show
an error value, T03 is an error at the totals that says they cannot be compared
and names the cell the error comes from, quoting no figure; the other columns
are compared as before. On both hosts, on Head 135, a generated Head and a real
Head-year."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


def _error_in_a_figure(book) -> str:
    spec = L.TABLES["tblSubheads"]
    wb = load_book(book)
    cell = address(spec.first_row, spec.col("estimate"))
    wb[spec.sheet][cell] = "=1/0"
    save_book(wb, book)
    return f"{spec.sheet}!{cell}"


def _total_expenditure_shown(libreoffice, book, tmp) -> object:
    wb = load_workbook(libreoffice.recalculate(book, tmp / book.stem), data_only=True)
    ws = wb[L.REPORT]
    row = next(
        r
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, L.REPORT_KEY_COLUMN).value == "total:Total Expenditure"
    )
    return ws.cell(row, 7).value


@pytest.mark.parametrize("host", HOSTS)
def test_totals_showing_an_error_are_t03_with_no_figure_quoted(
    host, libreoffice, tmp_path
):
    programmes = L.TABLES["tblProgrammes"]
    cell = address(L.PROGRAMME_TOTAL_ROW, programmes.col("estimate"))
    total = f"{programmes.sheet}!{cell}"
    for name, _head, book in built_books(tmp_path, host, seed=21, real_at=9):
        source = _error_in_a_figure(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        assert _total_expenditure_shown(libreoffice, book, tmp_path) == "#DIV/0!"
        t03 = [f for f in findings if f.rule == "T03" and str(f.ref) == total]
        assert len(t03) == 1, (name, host, [str(f.ref) for f in findings])
        f = t03[0]
        assert f.severity == "error" and f.found == "an error value", (name, host)
        assert source in f.message_en and source in f.message_zh, f.message_en
        assert "$" not in f.message_en and "元" not in f.message_zh, f.message_en
        assert any(str(c) == source for c in f.used), (name, host)
