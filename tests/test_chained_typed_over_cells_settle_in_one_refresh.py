"""Issue 9: on the values-only host, two computed cells typed over where one is
computed from the other (Subhead000's breakdown total D4 and the difference D6
= D4-D5) were settled in two refreshes: the first replaced D4 and left D6 as
"following" it. Now the dependent cell's formula is worked over what the book
shows (D4's typed value included, as Excel computed it): a different value is
a typed one too, kept and said (C01) in the same refresh, as the CLI does
(issue 9 item 4), and a second refresh changes nothing. Where the dependent
formula is not one this host can work out (a % change over a typed total), the
cell is left as it shows."""

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


def _position(got, sheet: str) -> int:
    return load_workbook(got.before).sheetnames.index(sheet)


@pytest.mark.parametrize("host", ["cli", "remote"])
def test_both_cells_of_a_chain_are_kept_and_said_at_once(host_outcomes, host):
    got = outcome(host_outcomes, "chain_typed_over", host)
    assert sorted(f["cell"] for f in got.at("C01", "Subhead000")) == ["D4", "D6"]
    assert got.at("C02", "Subhead000") == []
    ws = load_workbook(got.book)["Subhead000"]
    assert (ws["D4"].value, ws["D6"].value) == (123_456, 7)


@pytest.mark.parametrize("host", ["cli", "remote"])
def test_the_next_refresh_leaves_the_chain_as_it_is(host_outcomes, host):
    got = outcome(host_outcomes, "chain_typed_over_then_refreshed", host)
    if host == "remote":
        sheet = _position(got, "Subhead000")
        writes = ("setValues", "clearContents")
        assert [
            a
            for a in got.actions[1]
            if a["func"] in writes and a["sheet_position"] == sheet
        ] == []
    assert sorted(f["cell"] for f in got.at("C01", "Subhead000")) == ["D4", "D6"]


def test_a_follower_this_host_cannot_work_out_is_left_as_it_shows(host_outcomes):
    got = outcome(host_outcomes, "total_and_its_pct_typed_over", "remote")
    assert "G4" in {f["cell"] for f in got.at("C01", "Programmes")}, got.findings
    assert got.at("C02", "Programmes") == []
    ws = load_workbook(got.book)["Programmes"]
    assert (ws["G4"].value, ws["J4"].value) == (999.9, 55.5)
