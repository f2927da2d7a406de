"""Issue 9: on the values-only host, two computed cells typed over where one is
computed from the other (Subhead000's breakdown total D4 and the difference D6
= D4-D5) were settled in two refreshes: the first replaced D4 and left D6 as
"following" it. Now the dependent cell's formula is worked over what the book
shows (D4's typed value included, as Excel computed it): a different value is
a typed one too, replaced and said (C02) in the same refresh, and a second
refresh changes nothing. Where the dependent formula is not one this host can
work out (a % change over a typed total), the finding on the typed total names
the cells that follow it and says the next refresh tells."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from .clerk_cases import case, outcome

pytestmark = pytest.mark.engine


def _chain(wb):
    ws = wb["Subhead000"]
    ws["D4"], ws["D6"] = 123_456, 7


def _total_and_pct(wb):
    ws = wb["Programmes"]
    ws["G4"], ws["J4"] = 999.9, 55.5


case("chain_typed_over", _chain)
case("chain_typed_over_then_refreshed", _chain, lambda wb: None)
case("total_and_its_pct_typed_over", _total_and_pct)


def _revert(got) -> list[tuple]:
    ws = load_workbook(got.book)["_Revert"]
    return [tuple(c.value for c in r) for r in ws.iter_rows(min_row=2)]


def _position(got, sheet: str) -> int:
    return load_workbook(got.before).sheetnames.index(sheet)


def test_both_cells_of_a_chain_are_replaced_and_said_at_once(host_outcomes):
    got = outcome(host_outcomes, "chain_typed_over", "remote")
    assert sorted(f["cell"] for f in got.at("C02", "Subhead000")) == ["D4", "D6"]
    rows = _revert(got)
    assert ("Subhead000", "D4", "number", 123456, "C02") in rows, rows
    assert ("Subhead000", "D6", "number", 7, "C02") in rows, rows
    ws = load_workbook(got.book)["Subhead000"]
    assert str(ws["D4"].value).startswith("=SUM(") and ws["D6"].value == "=D4-D5"


def test_the_next_refresh_leaves_the_chain_as_it_is(host_outcomes):
    got = outcome(host_outcomes, "chain_typed_over_then_refreshed", "remote")
    sheet = _position(got, "Subhead000")
    second = got.actions[1]
    writes = ("setValues", "clearContents")
    assert [
        a for a in second if a["func"] in writes and a["sheet_position"] == sheet
    ] == []
    assert sorted(f["cell"] for f in got.at("C02", "Subhead000")) == ["D4", "D6"]


def test_a_follower_this_host_cannot_work_out_is_named(host_outcomes):
    got = outcome(host_outcomes, "total_and_its_pct_typed_over", "remote")
    c02 = {f["cell"]: f for f in got.at("C02", "Programmes")}
    assert "G4" in c02, got.at("C02")
    assert "Programmes!J4" in c02["G4"]["message"]
    assert "next refresh" in c02["G4"]["message"]
