"""Trial 9 item 7: three typed cells, and Revert said "108 cell(s) put back":
it counted the Checks sheet, which it lists anew. Now it counts the cells it puts
back: here the Report title and the Checks header a clerk typed over (the
constant typed over a total was kept, not replaced: nothing to put back there),
and on the values-only host the cells it wrote not knowing their formula was
there (the DRAFT mark). On both hosts, on
Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest
import xlwings as xw
from openpyxl import load_workbook

from addin import macros
from addin.remote import payload
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import revert_file

from .generated_heads import built_books
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
    left = apply_actions(wb, remote.json()["actions"])
    assert [a["func"] for a in left] == ["alert"]  # what it put back, said
    save_book(wb, book)
    return restored


def _put_back(book) -> set[tuple[str, str]]:
    """The cells on the revert record that Revert puts back: not the Checks
    sheet (listed anew for the book Revert leaves) but a clerk's text there."""
    return {
        (sheet, cell)
        for sheet, cell, _, _, rule in load_book(book)[L.REVERT].iter_rows(
            min_row=2, max_col=5, values_only=True
        )
        if sheet and (sheet != L.CHECKS or rule == "C02")
    }


@pytest.mark.parametrize("host", HOSTS)
def test_revert_says_how_many_cells_it_put_back(host, libreoffice, tmp_path):
    for name, _head, book in built_books(tmp_path, host, seed=2, real_at=11):
        wb = load_book(book)
        for (sheet, cell), value in TYPED.items():
            wb[sheet][cell].value = value
        save_book(wb, book)
        refresh_on(host, book, libreoffice, tmp_path)
        back = _put_back(book)
        assert {(L.REPORT, "C4"), (L.CHECKS, "E5")} <= back, (name, host, back)
        if host == "openpyxl":
            assert back == {(L.REPORT, "C4"), (L.CHECKS, "E5")}, (name, back)
        assert _revert(host, book, libreoffice, tmp_path) == len(back), (name, host)
        wb = load_book(book)
        for (sheet, cell), value in TYPED.items():
            assert wb[sheet][cell].value == value, (name, host, sheet, cell)
