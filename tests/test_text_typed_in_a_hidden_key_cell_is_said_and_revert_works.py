"""Trial 9d item 8: with only notes typed (beside the COR sheets, beside the
Report, and in the Narrative's hidden key column F), Refresh rewrote the key cell
with no finding and Revert refused, blaming a table edit ("the last refresh laid
the Report and Narrative out anew") that never happened. Now a text typed in a
hidden key cell is the clerk's: C02 at the cell, on the revert record, and the
layout is not taken to have moved, so Revert puts it back. On both hosts, on
Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on
from .test_revert_counts_the_cells_it_puts_back import _revert

pytestmark = pytest.mark.engine

KEY = f"F{L.NARRATIVE_FIRST_ROW + 2}"
NOTES = {
    (L.NARRATIVE, KEY): "my note in the key column",
    (L.REPORT, "K20"): "note beside the Report",
    (L.REPORT_EN, "H29"): "my note beside COR English",
}


@pytest.mark.parametrize("host", HOSTS)
def test_a_typed_key_cell_is_c02_and_revert_puts_it_back(host, libreoffice, tmp_path):
    for name, _, book in built_books(tmp_path, host, seed=71, real_at=3):
        wb = load_book(book)
        key = wb[L.NARRATIVE][KEY].value
        assert isinstance(key, str) and key, (name, key)
        for (sheet, cell), value in NOTES.items():
            wb[sheet][cell].value = value
        save_book(wb, book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        c02 = [f for f in findings if (f.ref.sheet, f.cell) == (L.NARRATIVE, KEY)]
        assert [f.rule for f in c02] == ["C02"], (name, host)
        assert NOTES[(L.NARRATIVE, KEY)] in c02[0].found
        assert load_book(book)[L.NARRATIVE][KEY].value == key, (name, host)
        assert _revert(host, book, libreoffice, tmp_path) >= 1, (name, host)
        out = load_book(book)
        for (sheet, cell), value in NOTES.items():
            assert out[sheet][cell].value == value, (name, host, sheet, cell)
