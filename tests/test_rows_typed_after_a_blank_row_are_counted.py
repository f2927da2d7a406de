"""Issue 9 / trial 11 item 1: a programme or subhead a clerk types below a table
after a blank row is read into the table, on both hosts and off the sample.

Why read it rather than warn: the clerk typed a whole programme (or subhead) line
under the others and means it to count; Excel only failed to grow the table over
the gap. Nothing of ours lives below an input table, so the row can only be the
clerk's, and a blank row is skipped there as it is inside a table. Before, the
row was silently dropped: missing from the totals, the Report and every check."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from estimates.source import load_source
from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book, snapshot_of
from workbook.reader import read_book

from .generated_heads import write_head
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


def _last(ws, name: str) -> int:
    return int(ws.tables[name].ref.split(":")[1].lstrip("ABCDEFGHIJ"))


def _type_after_a_gap(path, head) -> tuple[str, str]:
    """A blank row, then a new programme; the same on Subheads."""
    wb = load_book(path)
    number = str(max(int(p.number) for p in head.programmes) + 1)
    ws = wb[L.PROGRAMMES]
    row = _last(ws, "tblProgrammes") + 2
    line = [number, "Typed after a gap", "空行後", 1.0, 2.0, 3.0, 4.0, ""]
    for c, v in enumerate(line, start=1):
        ws.cell(row, c).value = v
    ws = wb[L.SUBHEADS]
    row = _last(ws, "tblSubheads") + 2
    code = "889"
    for c, v in enumerate(
        ["Capital", "Subventions", code, "Typed after a gap", "空行後", 5, 6, 7, 8],
        start=1,
    ):
        ws.cell(row, c).value = v
    wb.save(path)
    return number, code


@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("seed", [4, 17])
def test_a_row_typed_after_a_blank_row_below_a_table_counts(
    host, seed, libreoffice, tmp_path
):
    folder = write_head(tmp_path / "src", seed)
    head = load_source(folder)
    book = tmp_path / "book.xlsx"
    assert run(["build", str(folder), "-o", str(book)]) in (0, 1)
    number, code = _type_after_a_gap(book, head)
    refresh_on(host, book, libreoffice, tmp_path)
    read = read_book(snapshot_of(load_book(book), book.name)).head
    assert number in [p.number for p in read.programmes]
    assert code in [s.code for s in read.subheads]
    wb = load_workbook(book)
    keys = [c.value for c in wb[L.REPORT]["L"]]
    assert f"programme:{number}" in keys
    assert any(str(k).startswith("subhead:") and code in str(k) for k in keys)
    # the tables now reach the typed rows, so Excel's own structure agrees
    assert _last(wb[L.PROGRAMMES], "tblProgrammes") == max(
        r
        for r in range(1, wb[L.PROGRAMMES].max_row + 1)
        if wb[L.PROGRAMMES].cell(r, 1).value not in (None, "")
    )
