"""Trial 9 items 14 and 18: a number stored as text ('1,234') in a subhead line,
and text ('abc') in another. The book's SUM leaves both out; the core counted the
'1,234', so the Narrative sentence and the T03 message quoted a Total Expenditure
the Report did not show (one book, two totals). On the ribbon path (values only)
the Report cells that merely show the input cell's text, and the totals over
them, were taken for constants typed over the formulas (R01, T01, C01, kept), and
once the clerk mended the input cells the next refresh said C02 on them.

Now the core reads a D01 cell as the book's formulas do (nil; D01 stays at the
cell and says so), every sentence and message quotes the total the Report shows,
and neither refresh raises anything on the Report: on both hosts, on Head 135, a
generated Head and a real Head-year, checked after LibreOffice recalculates."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.snapshot import address, table_bounds

from .generated_heads import built_books
from .hosts import HOSTS, refresh_on

pytestmark = pytest.mark.engine

FALSE_ON_THE_REPORT = {"R01", "T01", "C01", "C02"}


def _lines(ws) -> list[int]:
    """The rows of the subhead lines whose Revised and Estimate are numbers."""
    spec = L.TABLES["tblSubheads"]
    bottom = table_bounds(ws.tables[spec.name].ref)[3]
    rev, est = spec.col("revised"), spec.col("estimate")
    return [
        r
        for r in range(spec.first_row, bottom + 1)
        if isinstance(ws.cell(r, est).value, int)
        and isinstance(ws.cell(r, rev).value, int)
        and ws.cell(r, est).value > 0
    ]


def _key_texts(book) -> dict[tuple[int, int], object]:
    """Text over two subhead lines: the estimate of the last as '1,234' text,
    the revised of the one before as 'abc'; the cells and their numbers."""
    wb = load_book(book)
    ws = wb[L.TABLES["tblSubheads"].sheet]
    spec = L.TABLES["tblSubheads"]
    rows = _lines(ws)
    assert len(rows) >= 2, "a Head with two subhead lines"
    est = (rows[-1], spec.col("estimate"))
    rev = (rows[-2], spec.col("revised"))
    numbers = {est: ws.cell(*est).value, rev: ws.cell(*rev).value}
    ws.cell(*est).value = f"{numbers[est]:,}"
    ws.cell(*rev).value = "abc"
    save_book(wb, book)
    return numbers


def _mend(book, numbers: dict) -> None:
    wb = load_book(book)
    ws = wb[L.TABLES["tblSubheads"].sheet]
    for cell, value in numbers.items():
        ws.cell(*cell).value = value
    save_book(wb, book)


def _shown(libreoffice, book, tmp) -> tuple[int, str]:
    """Total Expenditure's Estimate as the recalculated Report shows it, and the
    Narrative's English 'Details of expenditure' sentence."""
    wb = load_workbook(libreoffice.recalculate(book, tmp / book.stem), data_only=True)
    report, narrative = wb[L.REPORT], wb[L.NARRATIVE]
    total = next(
        r
        for r in range(1, report.max_row + 1)
        if report.cell(r, L.REPORT_KEY_COLUMN).value == "total:Total Expenditure"
    )
    sentence = next(
        narrative.cell(r, 2).value
        for r in range(1, narrative.max_row + 1)
        if narrative.cell(r, L.NARRATIVE_KEY_COLUMN).value == "head_total"
    )
    return report.cell(total, 7).value, sentence


@pytest.mark.parametrize("host", HOSTS)
def test_text_in_a_number_cell_is_left_out_everywhere_and_blames_no_report_cell(
    host, libreoffice, tmp_path
):
    for name, _head, book in built_books(tmp_path, host, seed=9, real_at=3):
        sheet = L.TABLES["tblSubheads"].sheet
        numbers = _key_texts(book)
        (est, counted), (rev, _) = numbers.items()
        findings = refresh_on(host, book, libreoffice, tmp_path)
        at = {(f.rule, f.ref.sheet, f.ref.cell) for f in findings if f.ref}
        cell = {c: address(*c) for c in numbers}
        assert ("D01", sheet, cell[est]) in at, (name, host, at)
        assert ("D05", sheet, cell[rev]) in at, (name, host, at)
        false = [f for f in findings if f.rule in FALSE_ON_THE_REPORT]
        assert not false, (name, host, [(f.rule, f.ref, f.message_en) for f in false])
        total, sentence = _shown(libreoffice, book, tmp_path)
        assert f"${total * 1000:,}" in sentence, (name, host, total, sentence)
        wrong = f"${(total + counted) * 1000:,}"
        assert wrong not in sentence
        assert not [f for f in findings if wrong in f.message_en], (name, host)
        _mend(book, numbers)
        findings = refresh_on(host, book, libreoffice, tmp_path)
        left = [f for f in findings if f.rule in FALSE_ON_THE_REPORT | {"D01", "D05"}]
        assert not left, (name, host, [(f.rule, f.ref, f.message_en) for f in left])
        total, sentence = _shown(libreoffice, book, tmp_path)
        assert f"${total * 1000:,}" in sentence, (name, host, total, sentence)
