"""Trial 9 items 15 and 18: a percentage typed over a programme's computed %
(Programmes, Estimate vs Revised). The Narrative's sentence read that cell, so it
quoted the clerk's figure with no finding there; and the two hosts left two
books: the CLI kept the constant (P01, C01), the ribbon on the values-only host
rewrote it (C02).

Now both hosts keep the clerk's constant and say so at the cell (C01), and the
Narrative works the change out from the figures, so it quotes the core's
percentage; on Head 135, a generated Head and a real Head-year, checked after
LibreOffice recalculates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from estimates.narrative import change_en, change_zh
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

TYPED = 12.3


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("host", HOSTS)
def test_a_typed_percentage_is_kept_said_and_not_quoted(host, libreoffice, tmp_path):
    spec = L.TABLES["tblProgrammes"]
    row, col = spec.first_row, spec.col("estimate_vs_revised")
    cell = address(row, col)
    for name, head, book in built_books(tmp_path, host, seed=6, real_at=7):
        wb = load_book(book)
        wb[spec.sheet].cell(row, col).value = TYPED
        save_book(wb, book)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        at = {(f.rule, f.ref.sheet, f.ref.cell) for f in findings if f.ref}
        assert ("C01", spec.sheet, cell) in at, (name, host, sorted(at))
        assert not [f for f in findings if f.rule == "C02"], (name, host)
        assert load_book(book)[spec.sheet].cell(row, col).value == TYPED
        values = load_workbook(
            libreoffice.recalculate(book, tmp_path / book.stem), data_only=True
        )
        ws, narrative = values[spec.sheet], values[L.NARRATIVE]
        new, base = (
            _dec(ws.cell(row, spec.col(c)).value) for c in ("estimate", "revised")
        )
        number = str(ws.cell(row, spec.col("programme")).value)
        line = next(
            r
            for r in range(L.NARRATIVE_FIRST_ROW, narrative.max_row + 1)
            if narrative.cell(r, L.NARRATIVE_KEY_COLUMN).value == f"programme:{number}"
        )
        year = head.estimate_year
        assert narrative.cell(line, 2).value == change_en(new, base, year), name
        assert narrative.cell(line, 3).value == change_zh(new, base, year), name
        assert f"{TYPED}%" not in narrative.cell(line, 2).value
