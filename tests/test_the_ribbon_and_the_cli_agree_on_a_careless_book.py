"""Trial 9b item 9: one book, one set of careless edits (a programme number
entered twice, a figure as text, error formulas in input cells, a constant over
a Report figure, a number over a COR figure), saved in LibreOffice: the ribbon
(xlwings' remote engine, fed LibreOffice's values) gave 34 findings against the
CLI's 14. It took the cells that only follow another - a percentage of the
typed figure, a total over an error value, the rows of the repeated programme,
whose % the core had worked for the other row with that number - for constants
typed over their formulas (C01, P01, R01, T01), and on a COR sheet whose rows had
moved it replaced a typed number with no C02.

Now both hosts give the same findings, at the same cells, in the same words,
and leave the same printed sheets. On Head 135, a generated Head and a real
Head-year."""

from __future__ import annotations

import re
import shutil

import pytest
from openpyxl import load_workbook

from workbook import formulas as fx
from workbook import layout as L
from workbook.io import load_book, save_book

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

_FIGURE = re.compile(rf"^={re.escape(L.REPORT)}!\$?[A-Z]+\$?[0-9]+$")
_SOURCE = re.compile(r"^Programmes!\$?G\$?[0-9]+$")  # a Report figure's input
SHEETS = (L.REPORT, L.REPORT_EN, L.REPORT_ZH, L.NARRATIVE)


def _last(ws, first: int) -> int:
    last = first
    while ws.cell(last + 1, 1).value not in (None, ""):
        last += 1
    return last


def _edit(book) -> None:
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    ws = wb[spec.sheet]
    first, last = spec.first_row, _last(ws, spec.first_row)
    again = [ws.cell(first, c).value for c in range(1, 8)]
    again[1], again[5] = "Zeta", "4.5"  # its number again, a figure as text
    for col, value in enumerate(again, start=1):
        ws.cell(last + 1, col).value = value
    ws.cell(last, spec.col("estimate")).value = f"=G{first}+G{first}"
    ws.cell(L.PROGRAMME_TOTAL_ROW, spec.col("actual")).value = 999
    subs = L.TABLES["tblSubheads"]
    ws = wb[subs.sheet]
    ws.cell(subs.first_row, subs.col("revised")).value = "=1/0"
    report = wb[L.REPORT]
    cell = next(
        c for line in report.iter_rows() for c in line
        if _SOURCE.match(fx.figure_source(c.value) or "")
    )  # fmt: skip
    cell.value = 999
    cor = wb[L.REPORT_EN]
    cell = next(
        c for line in cor.iter_rows(min_col=3) for c in line
        if isinstance(c.value, str) and _FIGURE.match(c.value)
    )  # fmt: skip
    cell.value = 99
    save_book(wb, book)


def _said(findings) -> set[tuple]:
    return {(f.rule, f.sheet, f.cell, f.message_en, f.message_zh) for f in findings}


def _shown(libreoffice, book, tmp) -> dict:
    wb = load_workbook(libreoffice.recalculate(book, tmp / book.stem), data_only=True)
    return {
        (s, c.coordinate): c.value
        for s in SHEETS
        for line in wb[s].iter_rows(max_col=6)
        for c in line
        if c.value not in (None, "")
    }


def test_both_hosts_give_the_same_findings_and_sheets(libreoffice, tmp_path):
    for name, _head, book in built_books(tmp_path, "edited", seed=3, real_at=7):
        _edit(book)
        saved = libreoffice.recalculate(book, tmp_path / f"lo-{name}")
        said, shown = {}, {}
        for host in HOSTS:
            copy = tmp_path / f"{name}-{host}-run.xlsx"
            shutil.copy(saved, copy)
            said[host] = _said(refresh_on(host, copy, libreoffice, tmp_path))
            shown[host] = _shown(libreoffice, copy, tmp_path)
        cli, remote = (said[h] for h in HOSTS)
        assert {"D02", "D14", "C01", "C02"} <= {s[0] for s in cli}, (name, cli)
        assert sorted(remote - cli) == [] and sorted(cli - remote) == [], name
        a, b = (shown[h] for h in HOSTS)
        differ = [(k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b))
                  if a.get(k) != b.get(k)]  # fmt: skip
        assert differ == [], (name, differ[:10])
