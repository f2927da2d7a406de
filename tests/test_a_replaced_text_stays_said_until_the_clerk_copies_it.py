"""Trial 9c item 2: text a clerk typed on a Narrative row they inserted (now:
typed over a computed sentence, since an inserted row is the clerk's) was
replaced by Refresh (C02, on the revert record); a later refresh that replaced
anything else (a number typed over a COR figure) wrote a new revert record
without it, so the C02 left the Checks sheet, and the refresh after that left the
text nowhere in the book, with no finding. A third refresh with nothing typed
changed the book (the Checks sheet lost those rows).

Now a C02 row of the revert record is carried into each new record (``kept``
where Revert cannot put it back) and said again, until the clerk copies the text
somewhere else in the book; a refresh with nothing new typed changes nothing.
On both hosts, on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import re

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on
from .remote_actions import stored_values

pytestmark = pytest.mark.engine

TEXT = "My extra sentence on inserted row, $1.2 million."
_FIGURE = re.compile(rf"^={re.escape(L.REPORT)}!\$?[A-Z]+\$?[0-9]+$")


def _insert_a_row(book) -> str:
    """Text typed over a computed Narrative sentence (the Details line's English):
    replaced by Refresh (C02). A row the clerk inserts with text is theirs now,
    kept (nine8), so this is the text a refresh replaces; the cell of the text."""
    wb = load_book(book)
    ws = wb[L.NARRATIVE]
    row = next(
        r
        for r in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
        if ws.cell(r, L.NARRATIVE_KEY_COLUMN).value == "head_total"
    )
    ws.cell(row, 2).value = TEXT
    save_book(wb, book)
    return address(row, 2)


def _type_over_a_cor_figure(book) -> None:
    wb = load_book(book)
    cor = wb[L.REPORT_EN]
    cell = next(
        c
        for line in cor.iter_rows(min_col=3)
        for c in line
        if isinstance(c.value, str) and _FIGURE.match(c.value)
    )
    cell.value = 99
    save_book(wb, book)


def _c02_at(findings, cell: str) -> list:
    return [
        f
        for f in findings
        if f.rule == "C02" and (f.sheet, f.cell) == (L.NARRATIVE, cell)
    ]


def _texts(book) -> dict:
    return {k: v for k, v in stored_values(book).items() if v == TEXT}


@pytest.mark.parametrize("host", HOSTS)
def test_replaced_text_is_said_until_copied(host, libreoffice, tmp_path):
    for name, _, book in built_books(tmp_path, host, seed=8, real_at=5):
        cell = _insert_a_row(book)
        first = refresh_on(host, book, libreoffice, tmp_path)
        assert _c02_at(first, cell), (name, host)
        _type_over_a_cor_figure(book)
        for k in range(3):
            again = refresh_on(host, book, libreoffice, tmp_path)
            assert _c02_at(again, cell), (name, host, k)
            assert {s for s, _ in _texts(book)} >= {L.CHECKS, L.REVERT}, (name, k)
            if k == 1:
                left = stored_values(book)
            if k == 2:  # nothing typed since: nothing changed
                assert stored_values(book) == left, (name, host)
        wb = load_book(book)
        wb[L.NARRATIVE].cell(L.NARRATIVE_FIRST_ROW, 5).value = TEXT  # copied out
        save_book(wb, book)
        refresh_on(host, book, libreoffice, tmp_path)
        done = refresh_on(host, book, libreoffice, tmp_path)
        assert _c02_at(done, cell) == [], (name, host)
        where = set(_texts(book))
        assert (L.NARRATIVE, address(L.NARRATIVE_FIRST_ROW, 5)) in where, name
        assert not [k for k in where if k[0] == L.CHECKS], (name, host)
