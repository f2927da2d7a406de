"""Issue 9: on the values-only host a column total whose value is the sum of the
table's first rows was taken for the template's formula before rows were added
(its range, unseen, not covering them yet) and rewritten silently, so a clerk's
constant that happened to equal such a partial sum was lost without a word.
Now each table's rows record (a defined name Excel moves with the totals'
ranges) says which rows the totals covered when the last refresh wrote them: a
total showing the sum over exactly those rows, fewer than the table has now, is
stale and rewritten silently; any other value is the clerk's constant: kept and
said (C01), as the CLI, which sees the constant, does (issue 9 item 4)."""

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


@pytest.mark.parametrize("host", ["cli", "remote"])
def test_a_partial_sum_typed_is_kept_and_said_on_either_host(host_outcomes, host):
    got = outcome(host_outcomes, "total_typed_as_a_partial_sum", host)
    typed = _first_estimate(load_workbook(got.before))
    assert [f["cell"] for f in got.at("C01", "Programmes")] == [CELL]
    assert got.at("C02", "Programmes") == []
    assert load_workbook(got.book)["Programmes"][CELL].value == typed


@pytest.mark.parametrize("host", ["cli", "remote"])
def test_a_total_short_of_appended_rows_is_rewritten_silently(host_outcomes, host):
    got = outcome(host_outcomes, "programme_appended_below", host)
    assert got.at("C02") == [] and got.at("C01") == []
    t = Table(load_workbook(got.book), "tblProgrammes")
    assert t.ws[CELL].value == f"=SUM(G{t.first}:G{t.last})"
    assert t.last == t.first + 2
