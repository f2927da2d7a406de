"""Issue 11 trial item 9: a programme or subhead whose Chinese title is empty in
a book that prints Chinese (its Head has a Chinese title) made the Chinese COR
print "綱領(1):" with no name, and subhead lines with only a code, with no
finding when every Chinese title of the table was empty. Now each empty title is
D06 at its cell: every book prints both languages (COR English, COR 中文), so a
published Head-year (English only) is told of each Chinese title, and a blank
Head title is D06 too."""

from __future__ import annotations

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook, check_file

from .conftest import head_from_published, published_heads
from .generated_heads import write_head
from .hosts import HOSTS, refresh_on


def _blank(book, language: str) -> set[tuple[str, str]]:
    """Every programme's and subhead's title in ``language`` emptied."""
    wb = load_book(book)
    cells = set()
    for table in ("tblProgrammes", "tblSubheads"):
        spec = L.TABLES[table]
        ws = wb[spec.sheet]
        col = spec.col(f"title_{language}")
        first, last = spec.header_row + 1, int(ws.tables[table].ref.split(":")[1][1:])
        for row in range(first, last + 1):
            if ws.cell(row, col).value:
                ws.cell(row, col).value = None
                cells.add((spec.sheet, ws.cell(row, col).coordinate))
    save_book(wb, book)
    return cells


def _d06(findings) -> set[tuple[str, str]]:
    cells = [(f.ref.sheet, f.ref.cell) for f in findings if f.rule == "D06"]
    assert len(cells) == len(set(cells)), "one finding a cell"
    return set(cells)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("which", ["head135", "generated"])
def test_every_empty_title_of_a_printed_language_is_d06_at_its_cell(
    which, language, tmp_path
):
    head = load_source(
        SAMPLE_HEAD_135 if which == "head135" else write_head(tmp_path / "g", 23)
    )
    book = tmp_path / "book.xlsx"
    save_book(build_workbook(head)[0], book)
    assert _d06(check_file(book).findings) == set()
    emptied = _blank(book, language)
    assert len(emptied) == len(head.programmes) + len(head.subheads)
    findings = check_file(book).findings
    assert _d06(findings) == emptied
    # the Head's title is in that language: each blank line title is an error
    assert {f.severity.value for f in findings if f.rule == "D06"} == {"error"}


def test_a_real_head_year_with_english_titles_only_is_told_of_each_chinese_one(
    tmp_path,
):
    """Trial 11b D21: every real Head-year is English only, and its COR 中文 printed
    "總目 149 —" and "綱領(1):" with no finding: each blank title is D06 at its
    cell, the Head's titles (Head!C4, C5: "Head 112 , Estimates") too."""
    real = published_heads()
    head = head_from_published(real[sorted(real)[len(real) // 5]])
    book = tmp_path / "real.xlsx"
    save_book(build_workbook(head)[0], book)
    wb = load_book(book)
    zh = set()
    for table in ("tblProgrammes", "tblSubheads"):
        spec = L.TABLES[table]
        ws = wb[spec.sheet]
        col = spec.col("title_zh")
        last = int(ws.tables[table].ref.split(":")[1][1:])
        for row in range(spec.header_row + 1, last + 1):
            assert ws.cell(row, spec.col("title_en")).value
            zh.add((spec.sheet, ws.cell(row, col).coordinate))
    assert len(zh) == len(head.programmes) + len(head.subheads)
    heads = {(L.HEAD, "C4"), (L.HEAD, "C5")}
    findings = check_file(book).findings
    assert _d06(findings) == zh | heads
    # a language the book gives nowhere: warnings, so the book is not an error
    assert {f.severity.value for f in findings if f.rule == "D06"} == {"warning"}


def test_a_blank_head_title_is_d06_at_its_cell(tmp_path):
    book = tmp_path / "book.xlsx"
    save_book(build_workbook(load_source(SAMPLE_HEAD_135))[0], book)
    wb = load_book(book)
    for cell in ("C4", "C5"):
        wb[L.HEAD][cell].value = None
    save_book(wb, book)
    assert _d06(check_file(book).findings) == {(L.HEAD, "C4"), (L.HEAD, "C5")}


@pytest.mark.engine
@pytest.mark.parametrize("host", HOSTS)
def test_the_refresh_flags_them_on_both_hosts(host, libreoffice, tmp_path):
    head = load_source(write_head(tmp_path / "g", 29))
    book = tmp_path / "book.xlsx"
    save_book(build_workbook(head)[0], book)
    emptied = _blank(book, "zh")
    assert _d06(refresh_on(host, book, libreoffice, tmp_path)) == emptied
