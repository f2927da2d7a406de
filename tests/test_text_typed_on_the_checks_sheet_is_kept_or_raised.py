"""Trial 9 item 9: text a clerk typed on the Checks sheet (in its table, far to
the right, below it) was gone after the next refresh, with no finding; only the
revert record had it.

Now the Checks sheet is like the other rebuilt sheets: a hidden record of what
each refresh wrote tells a clerk's text from the tool's. What a clerk typed where
Refresh now writes is replaced, kept on the revert record and raised (C02 at that
cell); anything else a clerk typed there is left as it is; Revert puts the
replaced text back. On both hosts, on Head 135, a generated Head and a real
Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import revert_file

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

TYPED = {  # a header cell Refresh always writes, far right, well below
    "E5": "see the memo of 3 May",
    "P3": "ask Mary about T03",
    "A60": "checked by CK",
}


def _type(book) -> None:
    wb = load_book(book)
    for cell, text in TYPED.items():
        wb[L.CHECKS][cell].value = text
    save_book(wb, book)


def _revert_record(book) -> dict[str, tuple]:
    rows = load_book(book)[L.REVERT].iter_rows(min_row=2, values_only=True)
    return {r[1]: (r[3], r[4]) for r in rows if r[0] == L.CHECKS}


@pytest.mark.parametrize("host", HOSTS)
def test_a_clerks_text_on_checks_is_raised_where_replaced_and_else_kept(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=4, real_at=6):
        _type(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        c02 = {
            f.ref.cell for f in findings if f.rule == "C02" and f.ref.sheet == L.CHECKS
        }
        shown = load_book(book)[L.CHECKS]
        record = _revert_record(book)
        assert "E5" in c02, (name, host, c02)  # its header is written every time
        for cell, text in TYPED.items():
            if cell in c02:
                assert shown[cell].value != text, (name, host, cell)
                assert record.get(cell) == (text, "C02"), (name, host, cell)
            else:
                assert shown[cell].value == text, (name, host, cell, shown[cell].value)
        assert c02 <= set(TYPED), (name, host, c02)  # nothing of ours is the clerk's
        listed = {shown.cell(r, 4).value for r in range(6, shown.max_row + 1)}
        assert any("E5" in str(v) for v in listed), (name, host)  # listed on Checks
        again = refresh_on(host, book, libreoffice, tmp_path)
        assert {
            f.ref.cell for f in again if f.rule == "C02" and f.ref.sheet == L.CHECKS
        } == c02
        assert revert_file(book) >= len(c02)
        shown = load_book(book)[L.CHECKS]
        for cell, text in TYPED.items():
            assert shown[cell].value == text, (name, host, "after Revert", cell)
