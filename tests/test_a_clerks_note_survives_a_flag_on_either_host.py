"""Issue 9, "Nothing a clerk types is lost", on both hosts: a note the clerk put
on a cell that Refresh then flags is still there, word for word, after the
refresh and after Clear flags. The CLI reads the note and keeps it above the
flag's message. The remote engine cannot read a note's text (its payload says
only which cells have one), so it leaves the clerk's note as it is, flags the
cell by its fill and the Checks sheet, and Clear flags leaves the note too;
before, it wrote its message over the note and Clear flags deleted it."""

from __future__ import annotations

import pytest
import xlwings as xw
from openpyxl import load_workbook
from openpyxl.comments import Comment

from addin import macros
from addin.remote import payload
from estimates.source import SAMPLE_HEAD_135
from workbook.cli import run
from workbook.host import clear_flags
from workbook.io import BookHost, load_book

from .hosts import HOSTS, refresh_on
from .remote_actions import apply_actions

pytestmark = pytest.mark.engine

NOTE = "Clerk: checked with the bureau on 3 March"
CELL = "G4"  # Programmes: the Estimate total, typed over below (flagged)


def _clear_flags(host: str, book, libreoffice, tmp) -> None:
    if host == "openpyxl":
        wb = load_book(book)
        clear_flags(BookHost(wb, book.name))
        wb.save(book)
        return
    values = load_workbook(libreoffice.recalculate(book, tmp / "v"), data_only=True)
    remote = xw.Book(json=payload(load_book(book), values, book.name))
    macros.clear_flags(remote)
    wb = load_book(book)
    assert apply_actions(wb, remote.json()["actions"]) == []
    wb.save(book)


@pytest.mark.parametrize("host", HOSTS)
def test_a_clerks_note_on_a_flagged_cell_is_kept(host, libreoffice, tmp_path):
    book = tmp_path / "book.xlsx"
    assert run(["build", str(SAMPLE_HEAD_135), "-o", str(book)]) in (0, 1)
    wb = load_book(book)
    ws = wb["Programmes"]
    ws[CELL] = 999.9
    ws[CELL].comment = Comment(NOTE, "clerk")
    wb.save(book)
    findings = refresh_on(host, book, libreoffice, tmp_path)
    assert any(f.sheet == "Programmes" and f.cell == CELL for f in findings)
    cell = load_book(book)["Programmes"][CELL]
    assert cell.fill.fill_type == "solid"  # flagged
    assert NOTE in cell.comment.text
    _clear_flags(host, book, libreoffice, tmp_path)
    cell = load_book(book)["Programmes"][CELL]
    assert cell.comment is not None and cell.comment.text == NOTE
