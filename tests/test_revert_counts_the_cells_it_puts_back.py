"""Trial 9 item 7: three typed cells, and Revert said "108 cell(s) put back":
it counted the Checks sheet it lists anew, and the hidden records of what a
refresh wrote. Now it counts the cells it puts back where the clerk sees them:
here the Report title and the Checks header a clerk typed over (the constant
typed over a total was kept, not replaced: nothing to put back there), and on
the values-only host the cells it wrote not knowing their formula was there
(the DRAFT mark). On both hosts, on Head 135, a generated Head and a real
Head-year."""

from __future__ import annotations

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin import macros
from addin.remote import payload
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook, revert_file
from workbook.snapshot import cell_position

from .generated_heads import three_heads
from .hosts import HOSTS, refresh_on
from .remote_actions import apply_actions

pytestmark = pytest.mark.engine

TYPED = {
    (L.REPORT, "C4"): "my own title",  # replaced (C02): put back
    (L.CHECKS, "E5"): "see my memo",  # replaced (C02): put back
    ("Programmes", "G4"): 999,  # kept (C01): nothing to put back
}


def _revert(host: str, book, libreoffice, tmp) -> int:
    if host == "openpyxl":
        return revert_file(book)
    values = load_workbook(libreoffice.recalculate(book, tmp / "rv"), data_only=True)
    remote = xw.Book(json=payload(load_book(book), values, book.name))
    restored = macros.revert(remote)
    wb = load_book(book)
    assert apply_actions(wb, remote.json()["actions"]) == []
    save_book(wb, book)
    return restored


def _shown_records(book) -> set[tuple[str, str]]:
    """The cells on the revert record that Revert puts back where the clerk
    sees them: not the Checks sheet (listed anew) but a clerk's text there, nor
    the hidden records of what a refresh wrote."""
    out = set()
    for sheet, cell, _, _, rule in load_book(book)[L.REVERT].iter_rows(
        min_row=2, max_col=5, values_only=True
    ):
        hidden = L.HIDDEN_COLUMNS.get(sheet, ())
        if (sheet != L.CHECKS or rule == "C02") and cell_position(cell)[
            1
        ] not in hidden:
            out.add((sheet, cell))
    return out


@pytest.mark.parametrize("host", HOSTS)
def test_revert_says_how_many_cells_it_put_back(host, libreoffice, tmp_path):
    for name, head in three_heads(tmp_path, seed=2, real_at=11).items():
        book = tmp_path / f"{name}-{host}.xlsx"
        save_book(build_workbook(head)[0], book)
        wb = load_book(book)
        for (sheet, cell), value in TYPED.items():
            wb[sheet][cell].value = value
        save_book(wb, book)
        refresh_on(host, book, libreoffice, tmp_path)
        shown = _shown_records(book)
        assert {(L.REPORT, "C4"), (L.CHECKS, "E5")} <= shown, (name, host, shown)
        if host == "openpyxl":
            assert len(shown) == 2, (name, shown)
        assert _revert(host, book, libreoffice, tmp_path) == len(shown), (name, host)
        wb = load_book(book)
        for (sheet, cell), value in TYPED.items():
            assert wb[sheet][cell].value == value, (name, host, sheet, cell)
