"""Issue 11 item 7: xlwings' remote engine writes values; a refresh there that
moved the Report's rows (a programme added: a new provision block above the
analysis table) left each cell with the format of the row that was there before,
so footnote marks ("198.8¶"), % lines and "or" lines printed wrong or not at all.
The xlwings host now sets the number format of every cell of a row it moves or
makes (the remote engine's setNumberFormat action), and the book refreshed there
carries the formats the CLI's refresh gives, on Head 135 and a generated Head."""

from __future__ import annotations

import shutil

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook

from .generated_heads import write_head
from .hosts import refresh_on

pytestmark = pytest.mark.engine

SHEETS = (L.REPORT, L.REPORT_ZH, L.REPORT_EN)


def _add_programme(book) -> None:
    wb = load_book(book)
    spec = L.TABLES["tblProgrammes"]
    ws = wb[spec.sheet]
    row = int(ws.tables["tblProgrammes"].ref.split(":")[1][1:]) + 1
    line = {"programme": "9", "title_en": "Added", "title_zh": "新增"}
    line |= {"actual": 1.0, "original": 2.0, "revised": 3.0, "estimate": 4.0}
    for key, value in line.items():
        ws.cell(row, spec.col(key)).value = value
    save_book(wb, book)


def _formats(book) -> dict[tuple[str, str], str]:
    wb = load_book(book)
    return {
        (s, c.coordinate): c.number_format
        for s in SHEETS
        for row in wb[s].iter_rows()
        for c in row
        if c.value is not None
    }


@pytest.mark.parametrize("which", ["head135", "generated"])
def test_a_remote_refresh_that_moves_rows_leaves_the_clis_number_formats(
    which, libreoffice, tmp_path
):
    folder = SAMPLE_HEAD_135 if which == "head135" else write_head(tmp_path / "g", 13)
    book = tmp_path / "cli.xlsx"
    save_book(build_workbook(load_source(folder))[0], book)
    _add_programme(book)
    remote = tmp_path / "remote.xlsx"
    shutil.copy(book, remote)
    refresh_on("openpyxl", book, libreoffice, tmp_path)
    refresh_on("remote", remote, libreoffice, tmp_path)
    want, got = _formats(book), _formats(remote)
    assert any("¶" in f or "或較" in f for f in want.values()) or which != "head135"
    wrong = {k: (want[k], got.get(k)) for k in want if got.get(k) != want[k]}
    assert wrong == {}
