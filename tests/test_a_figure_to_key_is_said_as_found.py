"""Issue 10 Left 4 (trial 10f item 6): messages called a cell blank when the clerk
had typed something else. F01 said "found a blank cell" beside the D05 of an
'n/a' typed over a figure; New year's summary listed an 'n/a' Estimate among
the "blank" ones; F01 in a rolled-forward book said "last year's Estimate was
blank" for a line the clerk added this year; New year refused "Head!C15: net
change in posts in the year is blank" while C15 held '+2'. Now each says what
the cell holds ('n/a', '+2'), and an Original to key is said to have had no
Estimate last year (a new line, or a blank Estimate). Head 135, a generated Head
and a real Head-year; the F01 on both hosts."""

from __future__ import annotations

import pytest

from workbook import layout as L
from workbook.io import load_book, save_book
from workbook.populate import rollforward_file
from workbook.refresh import check_file
from workbook.snapshot import address, cell_position

from .generated_heads import built_books
from .hosts import HOSTS, cli_said, refresh_on

pytestmark = pytest.mark.engine
SPEC = L.TABLES["tblProgrammes"]
NET = next(f for f in L.HEAD_INPUTS if f.attr == "establishment.net_change")
START = next(f for f in L.HEAD_INPUTS if f.attr == "establishment.posts_start")


def _key(book, cells: dict) -> None:
    wb = load_book(book)
    for (sheet, row, col), value in cells.items():
        wb[sheet].cell(row, col).value = value
    save_book(wb, book)


def _at(findings, rule: str, sheet: str, row: int, col: int) -> list:
    return [f for f in findings if f.rule == rule and f.ref
            and (f.ref.sheet, f.ref.cell) == (sheet, address(row, col))]  # fmt: skip


@pytest.mark.parametrize("host", HOSTS)
def test_f01_beside_an_n_a_says_it_found_the_text(host, libreoffice, tmp_path):
    row, col = SPEC.first_row, SPEC.col("revised")
    for name, _head, book in built_books(tmp_path, host, seed=67, real_at=12):
        _key(book, {(SPEC.sheet, row, col): "n/a"})
        findings = refresh_on(host, book, libreoffice, tmp_path / name)
        [f01] = _at(findings, "F01", SPEC.sheet, row, col)
        assert "found the text 'n/a'" in f01.message_en, (name, f01.message_en)
        assert "文字 'n/a'" in f01.message_zh, (name, f01.message_zh)
        assert "blank" not in f01.message_en, (name, f01.message_en)
        assert _at(findings, "D05", SPEC.sheet, row, col), name


def test_new_year_says_n_a_plus_two_and_a_new_line_as_found(tmp_path):
    est = SPEC.col("estimate")
    for name, head, book in built_books(tmp_path, "cli", seed=67, real_at=12):
        first = SPEC.first_row
        _key(book, {(SPEC.sheet, first, est): "n/a",
                    (NET.sheet, *cell_position(NET.cell)): "+2",
                    (START.sheet, *cell_position(START.cell)): 40})  # fmt: skip
        code, said = cli_said("rollforward", book, "-o", tmp_path / f"{name} n.xlsx")
        assert code == 2, (name, said)
        held = "net change in posts in the year holds '+2', not a whole number"
        assert f"{NET.sheet}!{NET.cell}: {held}" in said[0], (name, said)
        assert "is blank" not in said[0], (name, said)
        _key(book, {(NET.sheet, *cell_position(NET.cell)): 2})
        out = tmp_path / f"{name} next.xlsx"
        done, _ = rollforward_file(book, out)
        cell = f"{SPEC.sheet}!{address(first, est)}"
        assert f"{cell} 'n/a'" in done.blanks_said(), (name, done.blanks_said())
        new_row = first + len(head.programmes)  # a programme the clerk adds
        _key(out, {(SPEC.sheet, new_row, SPEC.col("programme")): "99",
                   (SPEC.sheet, new_row, SPEC.col("title_en")): "New work",
                   (SPEC.sheet, new_row, SPEC.col("title_zh")): "新工作"})  # fmt: skip
        [f01] = _at(check_file(out).findings, "F01", SPEC.sheet, new_row,
                    SPEC.col("original"))  # fmt: skip
        assert "a line new this year" in f01.message_en, (name, f01.message_en)
        assert "was blank" not in f01.message_en, (name, f01.message_en)
