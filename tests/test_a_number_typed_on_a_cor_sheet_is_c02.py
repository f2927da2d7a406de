"""Issue 11 trial item 4: a number typed on 'COR English' (999 over a figure) was
replaced by the next refresh with no finding, kept only on the revert record; on
the remote engine it was not even replaced, and printed. Now a value typed where a
COR sheet's figure belongs is C02 at that cell, marked C02 on the revert record,
and the figure's formula is back, as on the Report: on both hosts, on Head 135, a
generated Head and a real Head-year."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook

from .generated_heads import three_heads
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine


def _heads(folder) -> dict:
    return three_heads(folder, seed=11, real_at=4)


def _figures(ws) -> list[str]:
    """The cells of a COR sheet that refer to a Report figure, top to bottom."""
    return [
        c.coordinate
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(f"={L.REPORT}!")
    ]


def _type_over(book) -> dict[tuple[str, str], object]:
    """999 over the last figure of COR English, "n/a" over the first of COR 中文."""
    wb = load_book(book)
    typed = {
        (L.REPORT_EN, _figures(wb[L.REPORT_EN])[-1]): 999,
        (L.REPORT_ZH, _figures(wb[L.REPORT_ZH])[0]): "n/a",
    }
    for (sheet, cell), value in typed.items():
        wb[sheet][cell].value = value
    save_book(wb, book)
    return typed


@pytest.mark.parametrize("host", HOSTS)
def test_a_value_typed_over_a_cor_figure_is_c02_and_the_formula_is_back(
    host, libreoffice, tmp_path
):
    for name, head in _heads(tmp_path).items():
        book = tmp_path / f"{name}-{host}.xlsx"
        wb, _ = build_workbook(head)
        save_book(wb, book)
        before = load_book(book)
        typed = _type_over(book)
        was = {(s, c): before[s][c].value for s, c in typed}
        findings = refresh_on(host, book, libreoffice, tmp_path)
        c02 = {(f.ref.sheet, f.ref.cell) for f in findings if f.rule == "C02"}
        assert set(typed) <= c02, (name, host, c02)
        for f in findings:
            if (f.ref.sheet, f.ref.cell) in typed and f.rule == "C02":
                assert str(typed[(f.ref.sheet, f.ref.cell)]) in f.found
                assert f.expected.startswith(f"={L.REPORT}!")
        out = load_book(book)
        for (sheet, cell), formula in was.items():
            assert out[sheet][cell].value == formula, (name, host, sheet, cell)
        revert = {
            (r[0].value, r[1].value): (r[3].value, r[4].value)
            for r in out[L.REVERT].iter_rows(min_row=2)
        }
        for key, value in typed.items():
            assert revert.get(key) == (value, "C02"), (name, host, key)
