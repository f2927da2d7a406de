"""Issue 11 trial item 9: a programme or subhead whose Chinese title is empty in
a book that prints Chinese (its Head has a Chinese title) made the Chinese COR
print "綱領(1):" with no name, and subhead lines with only a code, with no
finding when every Chinese title of the table was empty. Now each empty title in
a language the book prints is D06 at its cell; a book that prints one language
(a published Head-year, English only) is not asked for the other."""

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
    assert _d06(check_file(book).findings) == emptied


def test_a_book_printing_english_only_is_not_asked_for_chinese(tmp_path):
    real = published_heads()
    head = head_from_published(real[sorted(real)[len(real) // 5]])
    book = tmp_path / "real.xlsx"
    save_book(build_workbook(head)[0], book)
    assert _d06(check_file(book).findings) == set()


@pytest.mark.engine
@pytest.mark.parametrize("host", HOSTS)
def test_the_refresh_flags_them_on_both_hosts(host, libreoffice, tmp_path):
    head = load_source(write_head(tmp_path / "g", 29))
    book = tmp_path / "book.xlsx"
    save_book(build_workbook(head)[0], book)
    emptied = _blank(book, "zh")
    assert _d06(refresh_on(host, book, libreoffice, tmp_path)) == emptied
