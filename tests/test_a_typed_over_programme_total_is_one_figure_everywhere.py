"""Trial 11d item 9: with 300 typed over the programme total (Programmes!G4)
the COR printed Total 275.9 (the Report sums the programme lines), while the
Head summary (Head!C10, =Programmes!G4) and the T03 message said 300 ("expected
$270.7 million, found $300.0 million"): the real gap, printed total against
Total Expenditure, was never stated.

Now the Head summary shows the total of the programme lines, the figure the COR
prints; T03 compares that printed total with Total Expenditure and says which
figure each place shows (the typed constant is C01 at its cell). On both hosts,
on Head 135, a generated Head and a real Head-year, after LibreOffice
recalculates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from estimates.rules.text import show
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

ESTIMATE_COLUMN = 7  # the Report's Estimate: its 4th figure column


def _edit(book) -> tuple[str, Decimal]:
    """A subhead's Estimate raised by $1 million (a real gap), and the programme
    total's Estimate typed over with 300 more than it shows: its cell and the
    typed figure."""
    wb = load_book(book)
    sub = L.TABLES["tblSubheads"]
    ws = wb[sub.sheet]
    col = sub.col("estimate")
    row = next(
        r
        for r in range(sub.first_row, ws.max_row + 1)
        if isinstance(ws.cell(r, col).value, int | float)
    )
    ws.cell(row, col).value += 1000
    prog = L.TABLES["tblProgrammes"]
    ws = wb[prog.sheet]
    col = prog.col("estimate")
    lines = [ws.cell(r, col).value for r in range(prog.first_row, ws.max_row + 1)]
    total = sum(Decimal(str(v)) for v in lines if isinstance(v, int | float))
    typed = total + 300
    ws.cell(L.PROGRAMME_TOTAL_ROW, col).value = float(typed)
    save_book(wb, book)
    return address(L.PROGRAMME_TOTAL_ROW, col), typed


def _printed(libreoffice, book, tmp) -> tuple[object, object]:
    """The Report's programme Total (Estimate) and Head!C10, recalculated."""
    path = libreoffice.recalculate(book, tmp / book.stem)
    wb = load_workbook(path, data_only=True)
    report = wb[L.REPORT]
    row = next(
        r
        for r in range(1, report.max_row + 1)
        if report.cell(r, L.REPORT_KEY_COLUMN).value == "programme_total"
    )
    fixed = next(f for f in L.HEAD_COMPUTED if f.key == "head_estimate")
    return report.cell(row, ESTIMATE_COLUMN).value, wb[fixed.sheet][fixed.cell].value


@pytest.mark.parametrize("host", HOSTS)
def test_the_head_summary_and_t03_state_the_printed_total(host, libreoffice, tmp_path):
    for name, _head, book in built_books(tmp_path, host, seed=29, real_at=6):
        cell, typed = _edit(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        printed, summary = _printed(libreoffice, book, tmp_path)
        assert summary == pytest.approx(printed), (name, host, summary, printed)
        at = {
            f.rule: f
            for f in findings
            if f.ref and (f.ref.sheet, f.ref.cell) == (L.PROGRAMMES, cell)
        }
        assert {"C01", "T03"} <= set(at), (name, host, sorted(at))
        t03 = at["T03"]
        shown = show(Decimal(str(printed)).quantize(Decimal("0.1")), "millions")
        assert f"found {shown}" in t03.message_en, (name, host, t03.message_en)
        assert f"The COR prints {shown}" in t03.message_en, (name, host)
        assert show(typed, "millions") in t03.message_en, (name, host)
        assert "C01" in t03.message_zh and show(typed, "millions", "zh") in (
            t03.message_zh
        ), (name, host, t03.message_zh)
        assert not [f for f in findings if f.rule == "T04"], (name, host)
