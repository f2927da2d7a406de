"""The tests' LibreOffice computes a book's values from a copy without its print
titles (tests/libreoffice.py PRINT_TITLES: they cost LibreOffice two thirds of a
Head-year book's load). That is only sound if the values are the same: every
sheet (16) of the Head 135 sample and of two real Head-years, exported with and
without the print titles, is the same text, and the lean copy differs from the
book in nothing but them."""

from __future__ import annotations

import zipfile

from openpyxl import load_workbook

from workbook.io import save_book
from workbook.refresh import build_workbook

from .conftest import head_from_published, published_heads
from .libreoffice import PRINT_TITLES, _copy_without_print_titles


def _books(sample_book, folder):
    heads = published_heads()
    books = [sample_book]
    for key in sorted(heads)[:: len(heads) // 2][:2]:
        wb, _ = build_workbook(head_from_published(heads[key]))
        books.append(folder / f"{key}.xlsx")
        save_book(wb, books[-1])
    return books


def test_the_values_are_the_same_without_the_print_titles(
    sample_book, libreoffice, tmp_path
):
    for book in _books(sample_book, tmp_path):
        lean, whole = (_sheets(libreoffice._cached(book, "csv", k)) for k in (1, 0))
        assert lean == whole, book.name
        assert len(lean) == len(load_workbook(book, read_only=True).sheetnames)
        assert "Report" in "".join(lean) and all(lean.values())


def _sheets(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_the_lean_copy_lacks_only_the_print_titles(sample_book, tmp_path):
    copy = tmp_path / "lean.xlsx"
    _copy_without_print_titles(sample_book, copy)
    with zipfile.ZipFile(sample_book) as a, zipfile.ZipFile(copy) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            before, after = a.read(name), b.read(name)
            if name == "xl/workbook.xml":
                assert len(PRINT_TITLES.findall(before)) >= 10
                assert PRINT_TITLES.findall(after) == []
                assert PRINT_TITLES.sub(b"", before) == after
            else:
                assert before == after, name
