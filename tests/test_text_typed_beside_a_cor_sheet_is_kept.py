"""Trial 9d item 3: text typed beside the COR English and COR 中文 sheets (outside
the columns the layout declares they own, A:F) was wiped by Refresh with no
finding, on both hosts, where the Report and the Narrative keep such text. Now
Refresh writes only the columns it owns there too (``layout.WHOLLY_OURS``): the
clerk's notes stay, with no finding, and a second refresh changes nothing; on
Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

NOTES = {
    (L.REPORT_EN, "H29"): "my note beside COR English",
    (L.REPORT_ZH, "G10"): "中文備註",
    (L.REPORT_EN, "G3"): "=1+1",  # a clerk's formula beside the table
}


def _values(book) -> dict:
    wb = load_book(book)
    return {(s, c): wb[s][c].value for s, c in NOTES}


@pytest.mark.parametrize("host", HOSTS)
def test_text_beside_a_cor_sheet_stays_with_no_finding(host, libreoffice, tmp_path):
    for name, _, book in built_books(tmp_path, host, seed=97, real_at=5):
        owned = L.WHOLLY_OURS[L.REPORT_EN]
        wb = load_book(book)
        for (sheet, cell), value in NOTES.items():
            assert wb[sheet][cell].column not in owned
            wb[sheet][cell].value = value
        save_book(wb, book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        assert _values(book) == NOTES, (name, host)
        at = {(f.ref.sheet, f.ref.cell) for f in findings}
        assert not at & set(NOTES), (name, host)
        refresh_on(host, book, libreoffice, tmp_path)
        assert _values(book) == NOTES, (name, host, "second refresh")
