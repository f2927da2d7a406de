"""Trial 9e item F: with a subhead's Estimate showing an error value, a figure
typed over Total Expenditure was judged against a sum that quietly left the
error line out: "T01 ... C01 expected the formula's $183,487,000", where the
formula itself shows the error. Now C01 says the formula shows an error value
and names the cell it comes from, and no T01 quotes a sum without the line (T03
says the totals cannot be compared). On both hosts, on Head 135, a generated
Head and a real Head-year, edited in LibreOffice."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

ESTIMATE = 7  # the Report's Estimate column (G)


@pytest.mark.parametrize("host", HOSTS)
def test_a_typed_total_over_an_error_names_the_error(host, libreoffice, tmp_path):
    spec = L.TABLES["tblSubheads"]
    for name, _, book in built_books(tmp_path, host, seed=19, real_at=15):
        report = load_book(book)[L.REPORT]
        total = next(
            r
            for r in range(1, report.max_row + 1)
            if report.cell(r, L.REPORT_KEY_COLUMN).value == "total:Total Expenditure"
        )
        error = f"{spec.sheet}!I{spec.first_row}"
        assert spec.col("estimate") == 9
        cells = [(spec.sheet, spec.first_row, 9, "=NA()"),
                 (L.REPORT, total, ESTIMATE, 999999)]  # fmt: skip
        edited = libreoffice.edit(book, tmp_path / f"e-{book.name}", [], cells)
        findings = refresh_on(host, edited, libreoffice, tmp_path)
        at = [f for f in findings if str(f.ref) == f"{L.REPORT}!G{total}"]
        assert [f.rule for f in at] == ["C01"], (name, host, [f.rule for f in at])
        assert f"error value (from {error})" in at[0].message_en, at[0].message_en
        assert f"來自 {error}" in at[0].message_zh
        assert load_book(edited)[L.REPORT].cell(total, ESTIMATE).value == 999999
