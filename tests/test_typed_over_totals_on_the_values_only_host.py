"""Issue 9, "Two hosts, no contract": a constant a clerk types over a computed
cell of an input sheet (the programme total, Programmes!G4).

The CLI reads the file, sees the constant where the formula belongs and reports
C01. The values-only host (xlwings' remote engine, Office.js) receives values
only: a constant equal to what the formula would show cannot be told from the
formula, so there is nothing to report; a differing one is kept and said (C01),
as the CLI does (issue 9 item 4). A formula typed there is seen, replaced and
said (C02) by the CLI only: the values-only host sees its value, a constant."""

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
    return [tuple(c.value for c in row) for row in ws.iter_rows(min_row=2, max_col=5)]


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


@pytest.mark.parametrize("host", HOSTS)
def test_a_differing_constant_is_kept_and_said_on_either_host(host_outcomes, host):
    got = outcome(host_outcomes, "total_typed_different", host).check()
    typed = _total(load_workbook(got.before)) + 30
    assert load_workbook(got.book)["Programmes"][CELL].value == typed
    assert [f["cell"] for f in got.at("C01")] == [CELL]  # not the cells using it
    assert got.at("C02") == []


@pytest.mark.parametrize("host", HOSTS)
def test_a_formula_typed_over_a_total_is_kept_and_said_on_either_host(
    host_outcomes, host
):
    """Trial 9c item 4: the CLI replaced it (C02), the ribbon kept it (C01): one
    rule now, the values-only host's, which sees the value only: kept, C01."""
    got = outcome(host_outcomes, "total_formula_typed", host)
    assert load_workbook(got.book)["Programmes"][CELL].value == TYPED
    assert [f["cell"] for f in got.at("C01")] == [CELL]  # not the cells using it
    assert got.at("C02") == []
    assert ("Programmes", CELL, "formula", TYPED, "C02") not in _revert_rows(got)
