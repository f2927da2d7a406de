"""Issue 9, "Two hosts, no contract": a constant a clerk types over a computed
cell of an input sheet (the programme total, Programmes!G4).

The CLI reads the file, sees the constant where the formula belongs and reports
C01. The values-only host (xlwings' remote engine, Office.js) receives values
only: a constant equal to what the formula would show cannot be told from the
formula, so there is nothing to report; a differing one is rewritten with the
formula, goes on the revert record, and the clerk is told at that cell."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from .clerk import Table
from .clerk_cases import HOSTS, case, outcome

pytestmark = pytest.mark.engine

CELL = "G4"


def _total(wb) -> float:
    t = Table(wb, "tblProgrammes")
    col = t.col("estimate")
    values = [t.ws.cell(r, col).value for r in range(t.first, t.last + 1)]
    return float(sum(Decimal(str(v)) for v in values if v is not None))


def _typed_equal(wb):
    wb["Programmes"][CELL] = _total(wb)


def _typed_different(wb):
    wb["Programmes"][CELL] = _total(wb) + 30


TYPED = "=G8+G9+30"


def _formula_typed(wb):
    wb["Programmes"][CELL] = TYPED


case("total_typed_equal", _typed_equal)
case("total_formula_typed", _formula_typed)
case("total_typed_different", _typed_different)


def _revert_rows(got) -> list[tuple]:
    ws = load_workbook(got.book)["_Revert"]
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2)]


def test_the_cli_reports_a_constant_equal_to_the_formula(host_outcomes):
    got = outcome(host_outcomes, "total_typed_equal", "cli")
    assert got.at("C01", "Programmes", CELL)


def test_the_values_only_host_cannot_tell_an_equal_constant(host_outcomes):
    got = outcome(host_outcomes, "total_typed_equal", "remote").check()
    base = outcome(host_outcomes, "unedited", "remote").check()
    assert not got.at("C01")
    assert sorted(f["rule"] for f in got.findings) == sorted(
        f["rule"] for f in base.findings
    )


def test_the_values_only_host_rewrites_a_differing_constant_and_says_so(
    host_outcomes,
):
    got = outcome(host_outcomes, "total_typed_different", "remote").check()
    typed = _total(load_workbook(got.before)) + 30
    after = load_workbook(got.book)["Programmes"][CELL].value
    assert isinstance(after, str) and after.startswith("="), after
    rows = _revert_rows(got)
    assert any(
        "Programmes" in map(str, r) and CELL in map(str, r) and typed in r for r in rows
    ), rows
    assert [f["cell"] for f in got.at("C02")] == [CELL]  # not the cells using it


@pytest.mark.parametrize("host", HOSTS)
def test_a_formula_typed_over_a_total_is_replaced_and_said(host_outcomes, host):
    got = outcome(host_outcomes, "total_formula_typed", host)
    wb = load_workbook(got.before)
    t = Table(wb, "tblProgrammes")
    after = load_workbook(got.book)["Programmes"][CELL].value
    letter = "G"
    assert after == f"=SUM({letter}{t.first}:{letter}{t.last})"
    assert got.at("C02", "Programmes", CELL)
    rows = _revert_rows(got)
    # the values-only host sees what the formula showed, not its text
    held = ("formula", TYPED) if host == "cli" else ("number", _total(wb) + 30)
    assert ("Programmes", CELL, *held, "C02") in rows, rows
    assert [f["cell"] for f in got.at("C02")] == [CELL]  # not the cells using it
    assert not got.at("T02") and not got.at("C01")
