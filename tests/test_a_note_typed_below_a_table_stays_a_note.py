"""Trial 9c item 1: a clerk's note typed far below an input table (16 rows below
Programmes, 25 below Subheads, across blank rows), or merged cells there, joined
the table: the table grew down to it, the Report printed "Programme (): Note:
...", and D06/D13/F01 (and D09 for the merge) named no real line.

The rule (README, reader._last_keyed): a row just below a table's last row joins
it; after blank rows only a row holding a figure (a number or a formula) does. A
row of text only there is a note: left where it is, read into nothing, raising
nothing. On both hosts, on Head 135, a generated Head and a real Head-year; the
border: a text note after a single blank row, and a figure row after the gap
(that one still counts: test_rows_typed_after_a_blank_row_are_counted)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from workbook import layout as L
from workbook.io import load_book, save_book

from .clerk import Table
from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

NOTES = {
    ("tblProgrammes", 16, 2): "Note: figures per DoF memo 12/2025",
    ("tblProgrammes", 2, 3): "See the DoF circular",
    ("tblSubheads", 25, 4): "Checked by AO on 3 Dec",
}
MERGED = {"tblProgrammes": (11, 2, 5), "tblBreakdown": (3, 2, 3)}


def _type_notes(book) -> dict[tuple[str, str], str]:
    """The notes typed below the tables and merged cells: (sheet, cell) -> text."""
    wb = load_book(book)
    typed = {}
    for (table, below, col), text in NOTES.items():
        t = Table(wb, table)
        cell = t.ws.cell(t.last + below, col)
        cell.value = text
        typed[t.ws.title, cell.coordinate] = text
    for table, (below, c0, c1) in MERGED.items():
        t = Table(wb, table)
        row = t.last + below
        t.ws.merge_cells(start_row=row, end_row=row, start_column=c0, end_column=c1)
        t.ws.cell(row, c0).value = "A merged note"
        typed[t.ws.title, t.ws.cell(row, c0).coordinate] = "A merged note"
    save_book(wb, book)
    return typed


def _said(findings) -> set[tuple]:
    return {(f.rule, f.sheet, f.cell) for f in findings}


def _refs(book) -> dict[str, str]:
    wb = load_workbook(book)
    return {
        name: Table(wb, name).table.ref for name in L.TABLES if name in NOTES_TABLES
    }


NOTES_TABLES = {t for t, _, _ in NOTES} | set(MERGED)


@pytest.mark.parametrize("host", HOSTS)
def test_a_note_below_a_table_stays_a_note(host, libreoffice, tmp_path):
    for name, _, book in built_books(tmp_path, host, seed=3, real_at=11):
        before = _refs(book)
        baseline = tmp_path / f"baseline-{book.name}"
        baseline.write_bytes(book.read_bytes())
        expected = _said(refresh_on(host, baseline, libreoffice, tmp_path))
        typed = _type_notes(book)
        got = _said(refresh_on(host, book, libreoffice, tmp_path))
        assert got - expected == set(), (name, host)
        assert _refs(book) == before, (name, host)
        wb = load_workbook(book)
        for (sheet, cell), text in typed.items():
            assert wb[sheet][cell].value == text, (name, host, sheet, cell)
        col = L.REPORT_KEY_COLUMN
        keys = {str(c.value) for c in next(wb[L.REPORT].iter_cols(col, col))}
        assert not [k for k in keys if k in ("programme:", "programme:?")], name
        shown = {str(c.value) for row in wb[L.REPORT].iter_rows() for c in row}
        assert not [v for v in shown if "Note:" in v or "Checked by" in v], name
