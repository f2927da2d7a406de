"""A clerk's formula in an input cell is read by the value the spreadsheet
application stored with it (read in the same pass as the formula); a book written
by a script stores none, so the simple cases are evaluated; anything else is a
finding on that cell (D15), never nil silently; an error result is D02."""

from __future__ import annotations

import pytest

from estimates.results import compute
from estimates.rules import run_rules
from workbook.build import new_template, populate
from workbook.io import load_book, snapshot_of
from workbook.reader import read_book
from workbook.snapshot import Formula


def _read(head, edits):
    wb = new_template()
    populate(wb, head)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell] = value
    reading = read_book(snapshot_of(wb, "x.xlsx"))
    return reading.head, reading.findings + run_rules(
        reading.head, compute(reading.head)
    )


def _keys(findings):
    return sorted((f.rule, f.sheet, f.cell) for f in findings)


def test_arithmetic_in_subhead_000_reads_as_its_value(sample_head):
    _, plain = _read(sample_head, {})
    head, found = _read(sample_head, {("Subheads", "I5"): "=175000+587"})
    assert head.subheads[0].value("estimate") == 175587
    assert _keys(found) == _keys(plain)


def test_posts_as_a_sum_count(sample_head):
    head, found = _read(sample_head, {("Establishment", "I12"): "=4+12"})
    assert head.posts[0].posts_end == 16
    assert "D15" not in {f.rule for f in found}


def test_sum_over_cells_of_the_book(sample_head):
    head, _ = _read(sample_head, {("Subhead000", "G9"): "=SUM(D9:F9)"})
    d9, e9, f9 = (head.breakdown[0].amounts[k].value or 0 for k in range(3))
    assert head.breakdown[0].amounts[3].value == d9 + e9 + f9


def test_a_formula_ceiling_still_raises_s03(sample_head):
    _, found = _read(sample_head, {("Head", "C16"): "=40000000"})
    assert "S03" in {f.rule for f in found}


def test_na_is_d02_on_that_cell(sample_head):
    _, found = _read(sample_head, {("Subheads", "I5"): "=NA()"})
    assert ("D02", "Subheads", "I5") in _keys(found)


def test_a_formula_that_cannot_be_evaluated_is_d15_on_that_cell(sample_head):
    _, found = _read(sample_head, {("Subheads", "I5"): "=ROUND(175587.4,0)"})
    d15 = [f for f in found if f.rule == "D15"]
    assert [(f.sheet, f.cell, f.severity) for f in d15] == [("Subheads", "I5", "error")]
    assert "recalculated" in d15[0].message_en


@pytest.mark.parametrize(
    ("formula", "value"),
    [("=ROUND(175587.4,0)", 175587), ("=175000+587", 175587), ("=NA()", None)],
)
def test_a_book_saved_by_libreoffice_carries_the_values(
    sample_book, libreoffice, tmp_path, formula, value
):
    wb = load_book(sample_book)
    wb["Subheads"]["I5"] = formula
    wb.save(sample_book)
    saved = libreoffice.recalculate(sample_book, tmp_path / "lo")
    snap = snapshot_of(load_book(saved), str(saved))
    raw = snap.value("Subheads", 5, 9)
    assert isinstance(raw, Formula) and raw.cached is not None
    reading = read_book(snap)
    assert reading.head.subheads[0].value("estimate") == value
    rules = {(f.rule, f.cell) for f in reading.findings}
    assert ("D15", "I5") not in rules
    assert (("D02", "I5") in rules) == (value is None)
