"""A programme row with its number or English title left blank is a D06 error at
that cell (as a blank subhead code is), on Head 135 and on generated Heads: the
Report would print "()" or "(3)" with no title, and an export would write a
programmes.csv with an empty programme number."""

import pytest

from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.cli import run
from workbook.io import load_book, save_book
from workbook.refresh import build_workbook, check_file

from .generated_heads import write_head

SPEC = L.TABLES["tblProgrammes"]


def _book(tmp_path, seed: int):
    source = SAMPLE_HEAD_135 if seed == 0 else write_head(tmp_path / "g", seed)
    wb, _ = build_workbook(load_source(source))
    return wb


@pytest.mark.parametrize("seed", [0, 5, 17])
@pytest.mark.parametrize("column", ["programme", "title_en"])
def test_a_blank_programme_cell_is_d06_at_that_cell(seed, column, tmp_path):
    wb = _book(tmp_path, seed)
    ws = wb[SPEC.sheet]
    row = SPEC.first_row + 1
    cell = ws.cell(row, SPEC.col(column))
    assert cell.value not in (None, "")
    cell.value = None
    book = tmp_path / "book.xlsx"
    save_book(wb, book)
    errors = [
        (f.rule, f.sheet, f.cell) for f in check_file(book).findings if f.rule == "D06"
    ]
    assert errors == [("D06", SPEC.sheet, cell.coordinate)]
    assert run(["check", str(book)]) == 1


def test_a_full_book_has_no_such_error(tmp_path):
    wb = _book(tmp_path, 0)
    book = tmp_path / "book.xlsx"
    save_book(wb, book)
    assert [f for f in check_file(book).findings if f.rule == "D06"] == []
    assert load_book(book)[SPEC.sheet].cell(SPEC.first_row, 1).value


@pytest.mark.parametrize("seed", [0, 8])
def test_words_in_a_required_number_are_d05_only_and_d06_reads_plainly(seed, tmp_path):
    wb = _book(tmp_path, seed)
    spec = L.TABLES["tblEstablishment"]
    ws = wb[spec.sheet]
    keyed = ws.cell(spec.first_row, spec.col("posts_start"))
    keyed.value = "1 post"
    blank = ws.cell(spec.first_row, spec.col("posts_end"))
    blank.value = None
    book = tmp_path / "book.xlsx"
    save_book(wb, book)
    found = check_file(book).findings
    assert {f.rule for f in found if f.cell == keyed.coordinate} == {"D05"}
    (d06,) = [f for f in found if f.cell == blank.coordinate]
    assert d06.rule == "D06"
    assert d06.message_en.startswith(f"Posts at end is missing ({spec.sheet}!")
    assert "expected a value for Posts at end, found a blank cell" in d06.message_en
