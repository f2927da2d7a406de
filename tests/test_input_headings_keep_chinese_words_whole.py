"""Render: the input tables' headings of Head 135, a generated Head and a
published Head-year, printed by LibreOffice, keep every Chinese word whole.
Trial 11 item 13: "Directorate 首長級" wrapped as "Directorate 首 / 長級" and
"Programme 綱 / 領" (a column as wide as the word is not enough when English
comes first on its line); the Chinese now comes first ("首長級 Directorate"), and
a book with the earlier headings still reads. Only the heading rows are kept on
the printed copy (the widths and heights as laid out), so every Chinese word
found is a heading's."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import openpyxl
import pytest

from workbook import layout as L
from workbook.io import save_book
from workbook.pdf import printable_copy
from workbook.refresh import build_workbook, check_file

from .generated_heads import three_heads

CJK_WORD = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]{2,}")
SHEETS = sorted({spec.sheet for spec in L.TABLES.values()})


def _headings_only(book, sheet: str) -> None:
    """Every cell of ``sheet`` but its tables' heading rows emptied."""
    wb = openpyxl.load_workbook(book)
    ws = wb[sheet]
    keep = {s.header_row for s in L.TABLES.values() if s.sheet == sheet}
    for row in ws.iter_rows():
        for cell in row:
            if cell.row not in keep and not isinstance(cell, openpyxl.cell.MergedCell):
                cell.value = None
    wb.save(book)


def _words(sheet: str) -> Counter:
    """The Chinese words of the sheet's headings, each as often as it is used."""
    return Counter(
        w
        for spec in L.TABLES.values()
        if spec.sheet == sheet
        for c in (*spec.columns, *spec.computed)
        for w in CJK_WORD.findall(c.header)
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory, libreoffice):
    folder = tmp_path_factory.mktemp("headings")
    copies, where = [], []
    for name, head in three_heads(folder, 9, 4).items():
        wb, _ = build_workbook(head)
        book = folder / f"{name}.xlsx"
        save_book(wb, book)
        for sheet in SHEETS:
            copy = folder / f"{name}-{len(copies)}.xlsx"
            printable_copy(book, copy, None, sheets=(sheet,))
            _headings_only(copy, sheet)
            copies.append(copy)
            where.append((name, sheet))
    pdfs = libreoffice.convert_many(copies, folder / "pdf", "pdf")
    texts = {}
    for key, pdf in zip(where, pdfs, strict=True):
        texts[key] = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    return texts


def test_every_chinese_word_of_a_heading_prints_whole(printed):
    broken = []
    for (name, sheet), text in printed.items():
        found = Counter(w for line in text.splitlines() for w in CJK_WORD.findall(line))
        broken += [
            (name, sheet, word)
            for word, n in _words(sheet).items()
            if sum(c for w, c in found.items() if word in w) < n
        ]
    assert broken == []


EARLIER = re.compile(r"^(\S+) ([^(]+?)( \(.*\))?$")


def test_a_book_with_the_earlier_headings_still_reads(tmp_path):
    head = three_heads(tmp_path, 9, 4)["head135"]
    wb, _ = build_workbook(head)
    for spec in L.TABLES.values():  # "首長級 Directorate (Y/N)" as it was
        for col in range(1, len(spec.columns) + 1):
            cell = wb[spec.sheet].cell(spec.header_row, col)
            found = EARLIER.match(str(cell.value))
            if found and CJK_WORD.match(found[1]) and found[2].isascii():
                cell.value = f"{found[2]} {found[1]}{found[3] or ''}"
    book = tmp_path / "earlier.xlsx"
    save_book(wb, book)
    assert wb["Establishment"].cell(11, 3).value == "Directorate 首長級 (Y/N)"
    assert wb["Programmes"].cell(7, 1).value == "Programme 綱領"
    outcome = check_file(book)
    assert [f for f in outcome.findings if f.rule in ("D10", "D07")] == []
    assert len(outcome.head.programmes) == len(head.programmes)
