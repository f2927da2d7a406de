"""Trial 9c / note5 "Issue 9" Left 7: a Revised keyed nil (``-``) counted as zero
in the programme's sentence: "Provision for 2025-26 is $12,408.3 million higher
than the revised estimate", a change nobody estimated. docs/DOMAIN.md: a nil
amount has no change, against a nil figure or of one.

Now the sentence names the nil (in the core and in the Narrative's live
formula, both languages): "Provision for ... is $X million; the revised estimate
for ... is nil." and "No provision is made for ...; the revised estimate for ...
is $Y million." On both hosts, on Head 135, a generated Head and a real
Head-year, read after LibreOffice recalculates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from estimates.narrative import change_en, change_zh
from workbook import layout as L
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


def _dec(value) -> Decimal | None:
    return Decimal(str(value)) if isinstance(value, int | float) else None


def _sentence_row(ws, number: str) -> int:
    return next(
        r
        for r in range(L.NARRATIVE_FIRST_ROW, ws.max_row + 1)
        if ws.cell(r, L.NARRATIVE_KEY_COLUMN).value == f"programme:{number}"
    )


@pytest.mark.parametrize("host", HOSTS)
def test_a_nil_revised_or_estimate_is_named_not_counted(host, libreoffice, tmp_path):
    spec = L.TABLES["tblProgrammes"]
    first = spec.first_row
    nil_at = {first: "revised", first + 1: "estimate"}
    for name, head, book in built_books(tmp_path, host, seed=12, real_at=6):
        if len(head.programmes) < 2:
            nil_at = {first: "revised"}
        wb = load_book(book)
        for row, column in nil_at.items():
            wb[spec.sheet].cell(row, spec.col(column)).value = "-"
        save_book(wb, book)
        refresh_on(host, book, libreoffice, tmp_path)
        values = load_workbook(
            libreoffice.recalculate(book, tmp_path / book.stem), data_only=True
        )
        ws, narrative = values[spec.sheet], values[L.NARRATIVE]
        year = head.estimate_year
        for row, column in nil_at.items():
            new = _dec(ws.cell(row, spec.col("estimate")).value)
            base = _dec(ws.cell(row, spec.col("revised")).value)
            assert (new if column == "estimate" else base) is None, name
            line = _sentence_row(narrative, str(ws.cell(row, 1).value))
            en, zh = (narrative.cell(line, c).value for c in (2, 3))
            assert en == change_en(new, base, year), (name, host, en)
            assert zh == change_zh(new, base, year), (name, host, zh)
            assert ("nil" in en and "無" in zh) or "No provision" in en, en
            assert "higher" not in en and "lower" not in en, en
