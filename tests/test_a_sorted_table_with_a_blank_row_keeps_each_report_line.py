"""Trial 9e item A: Subheads sorted and one blank row inserted inside the table.
The spreadsheet moves the Report's references with the insert, not the hidden
signature's row number, so a line whose row the sort left where it was (603 on
row 11) kept its signature while its formula now showed the next row's line
(003's figures); the ribbon, which sees values only, took them for constants the
clerk typed: wrote them into 603's Report line, C01 and R01, and Total
Expenditure came out wrong. The command line was right. Now both hosts lay
every Report line over its own row and say nothing of it. On Head 135, a
generated Head and a real Head-year; the reorder and the insert made in
LibreOffice (values moved as a sort moves them)."""

from __future__ import annotations

import pytest

from estimates.figures import subhead_ids
from workbook import formulas as fx
from workbook import layout as L
from workbook.io import load_book
from workbook.snapshot import cell_position

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


EXTRA = [
    ["Operating", "Recurrent", "001", "Extra one", "額外一", 10, 20, 30, 40],
    ["Operating", "Non-Recurrent", "700", "Extra two", "額外二", 11, 21, 31, 41],
]


def _three_lines(book, count: int, host: str, libreoffice, tmp_path):
    """The book with at least three subhead lines (a generated Head may have one
    or two): lines typed just below the table, refreshed so the Report has them."""
    if count >= 3:
        return book, count
    spec = L.TABLES["tblSubheads"]
    cells = [
        (spec.sheet, spec.first_row + count + i, c, value)
        for i, line in enumerate(EXTRA)
        for c, value in enumerate(line, start=1)
    ]
    grown = libreoffice.edit(book, tmp_path / f"grown-{book.name}", [], cells)
    refresh_on(host, grown, libreoffice, tmp_path)
    return grown, count + len(EXTRA)


def _reordered(book, count: int) -> list[tuple]:
    """A blank row inserted below the first line, and the second line moved to
    the end (a sort): the third line stays on its own row number while the
    Report's formula for it moves down onto the line below (the second)."""
    spec = L.TABLES["tblSubheads"]
    ws = load_book(book)[spec.sheet]
    first, width = spec.first_row, len(spec.columns)
    last = first + count - 1
    rows = [[ws.cell(r, c).value for c in range(1, width + 1)]
            for r in range(first, last + 1)]  # fmt: skip
    order = [rows[0], [None] * width, *rows[2:], rows[1]]
    return [
        (spec.sheet, first + i, c, value)
        for i, row in enumerate(order)
        if i > 1
        for c, value in enumerate(row, start=1)
        if value is not None
    ]


def _lines_over_their_rows(book) -> list[str]:
    """Report subhead lines whose figures refer to another line's row."""
    wb = load_book(book)
    report, sub = wb[L.REPORT], wb[L.TABLES["tblSubheads"].sheet]
    code_col = L.TABLES["tblSubheads"].col("code")
    wrong = []
    for row in range(1, report.max_row + 1):
        key = str(report.cell(row, L.REPORT_KEY_COLUMN).value or "")
        if not key.startswith("subhead:"):
            continue
        source = fx.figure_source(str(report.cell(row, 4).value))
        at = cell_position(source.rpartition("!")[2])[0] if source else None
        code = key.removeprefix("subhead:").split("#")[0]
        if at is None or str(sub.cell(at, code_col).value) != code:
            wrong.append(f"{key} at {row}: {report.cell(row, 4).value}")
    return wrong


@pytest.mark.parametrize("host", HOSTS)
def test_a_sort_and_a_blank_row_leave_every_line_its_own(host, libreoffice, tmp_path):
    for name, head, book in built_books(tmp_path, host, seed=64, real_at=11):
        assert len(set(subhead_ids(head.subheads))) == len(head.subheads)
        count = len(head.subheads)
        book, count = _three_lines(book, count, host, libreoffice, tmp_path)
        spec = L.TABLES["tblSubheads"]
        edited = tmp_path / f"sorted-{book.name}"
        cells = _reordered(book, count)
        libreoffice.edit(book, edited, [(spec.sheet, spec.first_row + 1, 1)], cells)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        said = [f"{f.rule} {f.ref}" for f in findings if f.rule in ("C01", "R01")]
        assert said == [], (name, host)
        assert _lines_over_their_rows(edited) == [], (name, host)
