"""Trial 9e item D: notes a clerk typed beside the Report (O42 beside subhead
697, N45 beside Total Expenditure, outside the columns Refresh owns) stayed on
their rows while two subhead lines were inserted above: they ended beside a
heading and another total, with no word. The Narrative's column E notes follow
their sentence's key; now the Report's notes follow their line's key the same
way. On both hosts, on Head 135, a generated Head and a real Head-year, the line
inserted in LibreOffice as a clerk inserts it."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


def _rows(book) -> dict[str, int]:
    ws = load_book(book)[L.REPORT]
    return {
        str(ws.cell(r, L.REPORT_KEY_COLUMN).value): r
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, L.REPORT_KEY_COLUMN).value
    }


@pytest.mark.parametrize("host", HOSTS)
def test_a_note_beside_a_report_line_moves_with_it(host, libreoffice, tmp_path):
    spec = L.TABLES["tblSubheads"]
    for name, head, book in built_books(tmp_path, host, seed=37, real_at=12):
        rows = _rows(book)
        line = f"subhead:{head.subheads[-1].code}"
        notes = {line: (15, "note beside my line"),
                 "total:Total Expenditure": (14, "note beside the total")}  # fmt: skip
        first = head.subheads[0]
        new = [first.account, first.section, "998", "Inserted", "插入", 7, 7, 7, 7]
        at = spec.first_row + 1
        cells = [(spec.sheet, at, c, v) for c, v in enumerate(new, start=1)]
        cells += [(L.REPORT, rows[k], col, text) for k, (col, text) in notes.items()]
        edited = tmp_path / f"notes-{book.name}"
        libreoffice.edit(book, edited, [(spec.sheet, at, 1)], cells)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        assert [f for f in findings if f.rule == "C02"] == [], (name, host)
        now = _rows(edited)
        ws = load_book(edited)[L.REPORT]
        for key, (col, text) in notes.items():
            assert now[key] > rows[key], (name, host, key)  # the line moved down
            assert ws.cell(now[key], col).value == text, (name, host, key)
            assert ws.cell(rows[key], col).value in (None, ""), (name, host, key)
