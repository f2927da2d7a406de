"""Trial 11e item 3: a number typed over a COR sheet's figure was replaced by the
next refresh (C02, the formula back), yet after that refresh, and after two
more, `estimates pdf` still said "the book was edited since its last refresh":
it asked a refresh that keeps no revert record what it would change, and such a
refresh says the C02 kept on the record in other words ("Revert cannot put it
back"). Now a book the CLI's refresh has just left is not edited, and a cell
typed after it is: on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.pdf import changed_by_refresh

from .generated_heads import built_books
from .hosts import refresh_on


def _type(book, value, nth: int = 0) -> str:
    """``value`` over COR English's ``nth`` figure (a formula on the Report)."""
    wb = load_book(book)
    ws = wb[L.REPORT_EN]
    cell = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(f"={L.REPORT}!")
    ][nth]
    cell.value = value
    save_book(wb, book)
    return cell.coordinate


def test_a_book_refreshed_after_a_number_typed_over_a_figure_prints_as_it_is(
    tmp_path,
):
    for name, _head, book in built_books(tmp_path, "openpyxl", seed=7, real_at=4):
        _type(book, 25)
        assert changed_by_refresh(book) is True, name
        said = refresh_on("openpyxl", book, None, tmp_path)
        assert ("C02", "25") in {(f.rule, f.found) for f in said}, name
        assert changed_by_refresh(book) is False, name
        refresh_on("openpyxl", book, None, tmp_path)
        assert changed_by_refresh(book) is False, name
        _type(book, 26)
        assert changed_by_refresh(book) is True, name
