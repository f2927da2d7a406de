"""Trial 9c items 4 and 5. A formula typed over a computed cell of an input sheet
(``Programmes!J8 = =1+1``, ``Subhead000!D4 = =D9+D10``): the CLI raised C02 and
wrote the template's formula back, the ribbon (values only) raised C01 and kept
it: two books from one. A formula typed over a Report figure was replaced by the
CLI with only a revert record, no finding.

Now one rule on both hosts, the one the values-only host can keep: a formula
that is not the template's is the clerk's, as a constant is: kept and judged by
what it shows (C01 at that cell, and the figure's own rule). On Head 135, a
generated Head and a real Head-year."""

from __future__ import annotations

import re
import shutil

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

PCT = "=1+1"


_SOURCE = re.compile(rf"{L.SUBHEADS}!\$?([A-Z]+)\$?([0-9]+)")


def _report_figure(wb) -> tuple[str, str]:
    """A Report figure that refers to a number on Subheads: (cell, formula)."""
    ws, subheads = wb[L.REPORT], wb[L.SUBHEADS]
    for line in ws.iter_rows(min_row=6, max_col=L.REPORT_KEY_COLUMN - 1):
        for c in line:
            text = str(c.value or "")
            found = _SOURCE.search(text) if text.startswith("=") else None
            if found:
                source = subheads[f"{found[1]}{found[2]}"].value
                if isinstance(source, int | float) and source:
                    return c.coordinate, text
    raise AssertionError("no Report figure over a Subheads number")


@pytest.mark.parametrize("host", HOSTS)
def test_a_clerks_formula_over_a_figure_is_kept_and_said(host, libreoffice, tmp_path):
    spec = L.TABLES["tblProgrammes"]
    pct = address(spec.first_row, spec.col("estimate_vs_revised"))
    for name, _, book in built_books(tmp_path, host, seed=14, real_at=9):
        wb = load_book(book)
        cell, formula = _report_figure(wb)
        typed = f"{formula}+7"
        wb[L.REPORT][cell] = typed
        wb[spec.sheet][pct] = PCT
        save_book(wb, book)
        saved = libreoffice.recalculate(book, tmp_path / f"saved-{book.stem}")
        shutil.copy(saved, book)  # saved by a spreadsheet: values with formulas
        findings = refresh_on(host, book, libreoffice, tmp_path)
        c01 = {(f.sheet, f.cell) for f in findings if f.rule == "C01"}
        assert {(L.REPORT, cell), (spec.sheet, pct)} <= c01, (name, host, c01)
        c02 = [(f.sheet, f.cell) for f in findings if f.rule == "C02"]
        assert c02 == [], (name, host, c02)
        after = load_book(book)
        assert after[L.REPORT][cell].value == typed, (name, host)
        assert after[spec.sheet][pct].value == PCT, (name, host)
        saved = libreoffice.recalculate(book, tmp_path / f"again-{book.stem}")
        shutil.copy(saved, book)  # saved again by the spreadsheet
        again = refresh_on(host, book, libreoffice, tmp_path)
        assert {(f.sheet, f.cell) for f in again if f.rule == "C01"} == c01, name
