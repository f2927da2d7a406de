"""Issue 9: on the values-only host a column total whose value is the sum of the
table's first rows was taken for the template's formula before rows were added
(its range, unseen, not covering them yet) and rewritten silently, so a clerk's
constant that happened to equal such a partial sum was lost without a word.
Now each table's rows record (a defined name Excel moves with the totals'
ranges) says which rows the totals covered when the last refresh wrote them: a
total showing the sum over exactly those rows, fewer than the table has now, is
stale and rewritten silently; any other value is the clerk's (C02, kept on the
revert record). The CLI sees the constant (C01)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from .clerk import Table
from .clerk_cases import case, outcome

pytestmark = pytest.mark.engine

CELL = "G4"  # Programmes: the Estimate column's total


def _first_estimate(wb) -> float:
    t = Table(wb, "tblProgrammes")
    return t.ws.cell(t.first, t.col("estimate")).value


def _typed_as_a_partial_sum(wb):
    wb["Programmes"][CELL] = _first_estimate(wb)


def _programme_appended(wb):
    Table(wb, "tblProgrammes").append_below(
        ["3", "Appended", "新增", 1.0, 2.0, 3.0, 4.5, ""]
    )


case("total_typed_as_a_partial_sum", _typed_as_a_partial_sum)
case("programme_appended_below", _programme_appended)


def test_the_values_only_host_says_a_partial_sum_was_typed(host_outcomes):
    got = outcome(host_outcomes, "total_typed_as_a_partial_sum", "remote")
    typed = _first_estimate(load_workbook(got.before))
    assert [f["cell"] for f in got.at("C02", "Programmes")] == [CELL]
    rows = [
        tuple(c.value for c in r)
        for r in load_workbook(got.book)["_Revert"].iter_rows(min_row=2)
    ]
    assert ("Programmes", CELL, "number", typed, "C02") in rows, rows
    after = load_workbook(got.book)["Programmes"][CELL].value
    assert isinstance(after, str) and after.startswith("=SUM("), after


def test_the_cli_sees_the_constant(host_outcomes):
    got = outcome(host_outcomes, "total_typed_as_a_partial_sum", "cli")
    assert got.at("C01", "Programmes", CELL)


@pytest.mark.parametrize("host", ["cli", "remote"])
def test_a_total_short_of_appended_rows_is_rewritten_silently(host_outcomes, host):
    got = outcome(host_outcomes, "programme_appended_below", host)
    assert got.at("C02") == [] and got.at("C01") == []
    t = Table(load_workbook(got.book), "tblProgrammes")
    assert t.ws[CELL].value == f"=SUM(G{t.first}:G{t.last})"
    assert t.last == t.first + 2
