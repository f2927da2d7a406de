"""Trial 11e item 7: the Checks sheet's counts line printed as "Errors 錯誤  6
Warnings 警告  1 Info 資料  1": each count right-aligned against the next label,
so it read "6 Warnings" when there were 6 errors. Now each count is in one cell
with its own label ("Errors 錯誤: 6"), the cell after it blank, and the count is
that of the rows listed: on both hosts, on Head 135, a generated Head and a real
Head-year, with a finding of each severity or none."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

LABELS = {"error": "Errors 錯誤", "warning": "Warnings 警告", "info": "Info 資料"}


def _break(book) -> None:
    """Programme (1)'s Estimate keyed ten times over (T03) and a number typed
    over a COR figure (C02)."""
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    cell = wb[spec.sheet].cell(spec.header_row + 1, spec.col("estimate"))
    cell.value = float(cell.value) * 10 + 1
    ws = wb[L.REPORT_EN]
    next(
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(f"={L.REPORT}!")
    ).value = 25
    save_book(wb, book)


def _line(book) -> list:
    ws = load_book(book)[L.CHECKS]
    listed = Counter(
        r[0] for r in ws.iter_rows(min_row=L.CHECKS_HEADER_ROW + 1, values_only=True)
    )
    return [ws.cell(3, c).value for c in range(1, 7)], listed


@pytest.mark.parametrize("host", HOSTS)
def test_each_count_on_the_checks_sheet_reads_with_its_own_label(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=13, real_at=4):
        for edit in (False, True):
            if edit:
                _break(book)
            refresh_on(host, book, libreoffice, tmp_path)
            cells, listed = _line(book)
            assert cells[1::2] == [None, None, None], (name, host, cells)
            for said, (severity, label) in zip(cells[::2], LABELS.items(), strict=True):
                got = re.fullmatch(rf"{re.escape(label)}: (\d+)", str(said))
                assert got, (name, host, said)
                assert int(got.group(1)) == listed[severity], (name, host, said)
            assert not edit or (listed["error"] and listed["warning"]), (name, host)
