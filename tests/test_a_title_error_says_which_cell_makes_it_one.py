"""Trial 10e item 7: a published Head-year is English only, so its missing
Chinese titles are D06 warnings; keying ONE Chinese title (a programme's, or the
Head's at Head!C5) turned every other missing one into an error, with no word
why: a clerk reads it as having broken something. The rule stays (the book now
prints a Chinese COR with blank titles), and each such error says why and what
to do: "because Programmes!C8 is keyed in Chinese, so the book prints COR 中文:
key every Chinese title, or clear Programmes!C8". On Head 135, a generated Head
(their Chinese titles cleared, as an English-only book) and a real Head-year."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter

from workbook import layout as L
from workbook.io import load_book
from workbook.refresh import build_file, check_file

from .generated_heads import source_folder

PROGRAMMES = L.TABLES["tblProgrammes"]
HEAD_TITLES = {f.attr: f"{f.sheet}!{f.cell}" for f in L.HEAD_INPUTS
               if f.attr in ("title_en", "title_zh")}  # fmt: skip
HEAD_ZH = HEAD_TITLES["title_zh"]  # a blank Head title is a warning, always


def _english_only(kind: str, tmp_path: Path) -> Path:
    book = tmp_path / f"{kind}.xlsx"
    build_file(source_folder(kind, tmp_path / "src", "2013-22", 53), book)
    wb = load_book(book)
    for spec in (PROGRAMMES, L.TABLES["tblSubheads"]):
        col = spec.col("title_zh")
        for row in range(spec.first_row, wb[spec.sheet].max_row + 1):
            wb[spec.sheet].cell(row, col).value = None
    sheet, cell = HEAD_ZH.split("!")
    wb[sheet][cell] = None
    wb.save(book)
    return book


def _d06(book: Path) -> list:
    return [f for f in check_file(book).findings if f.rule == "D06"]


@pytest.mark.parametrize("kind", ["sample", "real", "generated"])
@pytest.mark.parametrize("keyed", ["programme", "head"])
def test_an_error_for_a_missing_title_names_the_cell_that_makes_it_one(
    kind, keyed, tmp_path
):
    book = _english_only(kind, tmp_path)
    before = _d06(book)
    assert before and {f.severity.value for f in before} == {"warning"}
    at = HEAD_ZH
    if keyed == "programme":
        letter = get_column_letter(PROGRAMMES.col("title_zh"))
        at = f"{PROGRAMMES.sheet}!{letter}{PROGRAMMES.first_row}"
    wb = load_book(book)
    sheet, cell = at.split("!")
    wb[sheet][cell] = "漁農"
    wb.save(book)
    errors = [f for f in _d06(book) if f.severity.value == "error"]
    lines = {str(f.ref) for f in before} - {at, *HEAD_TITLES.values()}
    assert {str(f.ref) for f in errors} == lines
    for f in errors:
        assert f.message_en.endswith(
            f"This is an error, not a warning, because {at} is keyed in Chinese, so"
            f" the book prints COR 中文: key every Chinese title, or clear {at} to"
            " leave COR 中文 without titles."
        )
        assert f.message_zh.endswith(
            f"由於 {at} 已輸入中文名稱,本工作簿會列印中文管制人員報告,故屬錯誤而非警告:"
            f"請輸入所有中文名稱,或清除 {at}。"
        )
