"""Trial 9d item 7 (note6 Issue 9 Left 2): a row the clerk inserted on the
Narrative (text in A, D and E, no key) was removed by the next refresh (C02 at
A, B and D, the text only on the revert record), though the sheet tells the
clerk to write in column D. Now such a row is the clerk's: kept where it is, no
finding, left alone by Revert and by a second refresh; when the layout changes
(a programme inserted at the top of the table) it moves with the line it was
inserted under. On both hosts, on Head 135, a generated Head and a real
Head-year, the rows inserted by LibreOffice as a clerk inserts them."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on
from .test_revert_counts_the_cells_it_puts_back import _revert

pytestmark = pytest.mark.engine

TYPED = {1: "Clerk note", 4: "Our own extra paragraph on staffing.", 5: "my aside"}


def _rows(book) -> tuple[dict[str, int], dict[int, list]]:
    """The Narrative's key rows, and every row's cells A:E."""
    ws = load_book(book)[L.NARRATIVE]
    keys, cells = {}, {}
    for row in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1):
        key = ws.cell(row, L.NARRATIVE_KEY_COLUMN).value
        if key:
            keys[key] = row
        cells[row] = [ws.cell(row, col).value for col in range(1, 6)]
    return keys, cells


def _held(book, row: int) -> None:
    """The clerk's row at ``row`` holds what was typed, and no key."""
    ws = load_book(book)[L.NARRATIVE]
    for col, text in TYPED.items():
        assert ws.cell(row, col).value == text, (book.name, row, col)
    assert ws.cell(row, L.NARRATIVE_KEY_COLUMN).value in (None, "")


def _narrative_findings(findings) -> list:
    return [(f.rule, f.cell) for f in findings if f.ref.sheet == L.NARRATIVE]


def _new_programme(head) -> list[tuple]:
    """A programme typed in a row inserted at the top of the table."""
    spec = L.TABLES["tblProgrammes"]
    number = str(max(int(p.number) for p in head.programmes) + 1)
    values = {"programme": number, "title_en": "Clerk's new programme",
              "title_zh": "新綱領", "revised": 1.0, "estimate": 2.0}  # fmt: skip
    return [(spec.sheet, spec.first_row, spec.col(k), v) for k, v in values.items()]


@pytest.mark.parametrize("host", HOSTS)
def test_a_clerks_inserted_row_stays_and_moves_with_its_line(
    host, libreoffice, tmp_path
):
    for name, head, book in built_books(tmp_path, host, seed=47, real_at=7):
        keys, _ = _rows(book)
        under = next(k for k in keys if k.startswith("programme:"))
        row = keys[under] + 1
        edited = tmp_path / f"row-{book.name}"
        typed = [(L.NARRATIVE, row, col, text) for col, text in TYPED.items()]
        libreoffice.edit(book, edited, [(L.NARRATIVE, row, 1)], typed)
        before = _rows(edited)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        assert _narrative_findings(findings) == [], (name, host)
        assert _rows(edited) == before, (name, host)  # nothing moved or cleared
        _revert(host, edited, libreoffice, tmp_path)
        _held(edited, row)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        assert _narrative_findings(findings) == [], (name, host)
        assert _rows(edited) == before, (name, host)
        grown = tmp_path / f"grown-{book.name}"
        spec = L.TABLES["tblProgrammes"]
        libreoffice.edit(edited, grown, [(spec.sheet, spec.first_row, 1)],
                         _new_programme(head))  # fmt: skip
        findings = refresh_on(host, grown, libreoffice, tmp_path)
        assert _narrative_findings(findings) == [], (name, host)
        keys, _ = _rows(grown)
        assert keys[under] > row - 1, (name, host)  # its line moved down
        _held(grown, keys[under] + 1)
