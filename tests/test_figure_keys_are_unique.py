"""Issue 9, "Colliding figure keys": a deduction line is its own figure, so a
constant a clerk types over its subhead's Report figure is still caught."""

import pytest
from openpyxl import load_workbook

from .clerk import Table
from .clerk_cases import HOSTS, case, outcome

pytestmark = pytest.mark.engine

DEDUCT = [
    "Capital",
    "Plant, Equipment and Works",
    "697",
    "Deduct reimbursements",
    "扣除發還款額",
    -1000,
    -1200,
    -1100,
    -1300,
]


def _add_deduction(wb):
    t = Table(wb, "tblSubheads")
    rows = t.rows()
    rows.insert(t.row_of("code", "697") - t.first + 1, DEDUCT)
    t.put(rows)


def _cell_of_697(ws):
    """Subhead 697's Estimate on the Report (found again in each xdist worker:
    the edit may have run in another one)."""
    for row in ws.iter_rows(min_col=1, max_col=7):
        if row[0].value == "697" and row[2].value == "TechConnect (block vote)":
            return row[6]
    raise AssertionError("no Report line for subhead 697")


def _type_over_697(wb):
    _cell_of_697(wb["Report"]).value = 12345


case("constant_over_697", _add_deduction, _type_over_697)


@pytest.mark.parametrize("host", HOSTS)
def test_a_constant_over_a_subhead_with_a_deduction_line_is_caught(host_outcomes, host):
    got = outcome(host_outcomes, "constant_over_697", host)
    where = _cell_of_697(load_workbook(got.book)["Report"]).coordinate
    flagged = {
        f["rule"] for f in got.findings if (f["sheet"], f["cell"]) == ("Report", where)
    }
    assert flagged & {"C01", "R01"}
    assert load_workbook(got.book)["Report"][where].value == 12345  # kept
