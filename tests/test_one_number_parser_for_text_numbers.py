"""One parser reads every figure given as text (a cell stored as text, a CSV
cell): commas only as thousands separators in groups of three, no exponent
notation, and one rule for nil (empty, a dash, or nil / n/a / n.a. in any case).
What it refuses is named at its cell, or its file and line, never guessed at
("212,4" read as 2,124) and never blamed on a Total line."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimates.importer import import_files
from estimates.money import NIL_MARKS, is_nil, parse_number
from estimates.source import SAMPLE_HEAD_135, load_source
from workbook import layout as L
from workbook.io import save_book
from workbook.refresh import build_workbook, check_file

from .generated_heads import write_head

BAD = ["212,4", "12,34", "1,23,4", "24,3", "1,2345", ",123", "1.2e3", "1E3", "5e-1"]


@given(st.integers(-(10**12), 10**12), st.integers(0, 9))
def test_a_figure_printed_with_thousands_separators_reads_back(whole, tenth):
    text = f"{whole:,}.{tenth}"
    value = Decimal(f"{abs(whole)}.{tenth}") * (-1 if whole < 0 else 1)
    assert parse_number(text) == value
    assert parse_number(f"({abs(whole):,}.{tenth})") == -abs(value)


@given(st.integers(1_000, 10**9), st.integers(1, 5))
def test_a_comma_anywhere_else_is_refused(number, at):
    digits = str(number)
    at = min(at, len(digits) - 1)
    text = f"{digits[:at]},{digits[at:]}"
    if text == f"{int(digits):,}":
        return  # that one is where a thousands separator goes
    with pytest.raises(ValueError, match="comma only separates thousands"):
        parse_number(text)


@pytest.mark.parametrize("text", BAD)
def test_ambiguous_text_is_refused(text):
    with pytest.raises(ValueError, match=repr(text)):
        parse_number(text)


def test_one_rule_for_nil():
    for mark in NIL_MARKS:
        assert is_nil(mark) and is_nil(f" {mark.upper()} ")
    for text in ("N/A", "n.a.", "NIL", "Nil", "—", "-"):
        assert is_nil(text)
    for text in ("0", "TBC", "none", "0.0"):
        assert not is_nil(text)


@pytest.mark.parametrize("seed", [0, 9])
@pytest.mark.parametrize("text", ["212,4", "1,23,4", "1.2e3"])
def test_a_cell_with_ambiguous_text_is_d05_at_that_cell(seed, text, tmp_path):
    source = SAMPLE_HEAD_135 if seed == 0 else write_head(tmp_path / "g", seed)
    wb, _ = build_workbook(load_source(source))
    spec = L.TABLES["tblProgrammes"]
    cell = wb[spec.sheet].cell(spec.first_row, spec.col("estimate"))
    cell.value = text
    book = tmp_path / "book.xlsx"
    save_book(wb, book)
    outcome = check_file(book)
    at_cell = {f.rule for f in outcome.findings if f.cell == cell.coordinate}
    assert "D05" in at_cell and "D01" not in at_cell
    assert outcome.head.programmes[0].value("estimate") is None


@pytest.mark.parametrize("total_row", [True, False])
def test_the_importer_names_the_culprit_line(total_row, tmp_path):
    lines = [
        "總目,綱領編號,綱領,機構,2023-24,2024-25,2024-25,2025-26",
        '135,1,局長辦公室,創新科技及工業局,20.4,22.7,22.9,"24,3"',
        "135,2,創新科技及工業,創新科技及工業局,178.4,251.1,210.7,245.4",
    ]
    if total_row:
        lines.append("135,,總計,,198.8,273.8,233.6,269.7")
    path = tmp_path / "programmes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    issues = [str(i) for i in import_files([path], "135").issues]
    assert issues and issues[0].startswith(f"{path}: line 2: ")
    assert all(": line 4:" not in i for i in issues)
