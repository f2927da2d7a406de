"""Trial 9 item 10: a clerk's memo in Narrative column E, beside programme (1)'s
line, stayed on its row when the programmes were sorted, so it ended up beside
another programme's line with no word. Now column E moves with its line's key,
as the clerk's text in column D does; a note above the lines stays where it is.
On both hosts, on Head 135, a generated Head and a real Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook
from workbook.snapshot import table_bounds

from .generated_heads import three_heads
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

MEMO, TOP = "memo: check the transfer with FSTB", "memo above the table"


def _row_of(ws, key: str) -> int:
    return next(
        r
        for r in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
        if ws.cell(r, L.NARRATIVE_KEY_COLUMN).value == key
    )


def _note_and_swap(book) -> str:
    """A memo beside the first programme's line; the first and last programmes'
    rows swapped (a sort); the first programme's key."""
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    ws, narrative = wb[spec.sheet], wb[L.NARRATIVE]
    first, last = spec.first_row, table_bounds(ws.tables[spec.name].ref)[3]
    assert last > first, "a Head with two programmes"
    key = f"programme:{ws.cell(first, spec.col('programme')).value}"
    narrative.cell(_row_of(narrative, key), L.NARRATIVE_NOTE_COLUMN).value = MEMO
    narrative.cell(3, L.NARRATIVE_NOTE_COLUMN).value = TOP
    for col in range(1, len(spec.columns) + 1):
        a, b = ws.cell(first, col).value, ws.cell(last, col).value
        ws.cell(first, col).value, ws.cell(last, col).value = b, a
    save_book(wb, book)
    return key


@pytest.mark.parametrize("host", HOSTS)
def test_a_note_in_column_e_moves_with_its_line(host, libreoffice, tmp_path):
    for name, head in three_heads(tmp_path, seed=8, real_at=10).items():
        book = tmp_path / f"{name}-{host}.xlsx"
        save_book(build_workbook(head)[0], book)
        key = _note_and_swap(book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        assert not [f for f in findings if f.rule == "C02"], (name, host)
        ws = load_book(book)[L.NARRATIVE]
        notes = {
            r: ws.cell(r, L.NARRATIVE_NOTE_COLUMN).value
            for r in range(1, ws.max_row + 1)
            if ws.cell(r, L.NARRATIVE_NOTE_COLUMN).value
        }
        assert notes == {_row_of(ws, key): MEMO, 3: TOP}, (name, host, notes)
