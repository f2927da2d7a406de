"""Issue 9, "Clerk text lost": text a clerk types on the Report beside the
tables, in Narrative column E, or in column D of a Narrative row the clerk
inserted, is still in the book after Refresh (or, where Refresh owns the cell,
kept on the revert record and flagged at that cell)."""

import pytest
from openpyxl import load_workbook

from .clerk_cases import HOSTS, case, outcome

pytestmark = pytest.mark.engine

NOTE = "Check with FSTB before 1 March 與庫務科核對"


def _beside_report(wb):
    wb["Report"]["N10"] = NOTE


def _narrative_e(wb):
    wb["Narrative"]["E8"] = NOTE


def _inserted_narrative_row(wb):
    ws = wb["Narrative"]
    ws.insert_rows(9)
    ws["D9"] = NOTE


case("text_beside_report", _beside_report)
case("text_in_narrative_e", _narrative_e)
case("text_in_inserted_narrative_row", _inserted_narrative_row)


def _kept(got, sheet: str, cell: str) -> bool:
    wb = load_workbook(got.book)
    if any(c.value == NOTE for row in wb[sheet].iter_rows() for c in row):
        return True
    revert = [c.value for row in wb["_Revert"].iter_rows() for c in row]
    return NOTE in revert and bool(
        got.at("C01", sheet, cell)
        or [f for f in got.findings if (f["sheet"], f["cell"]) == (sheet, cell)]
    )


@pytest.mark.parametrize("host", HOSTS)
def test_text_beside_the_report_tables_survives_refresh(host_outcomes, host):
    assert _kept(outcome(host_outcomes, "text_beside_report", host), "Report", "N10")


@pytest.mark.parametrize("host", HOSTS)
def test_text_in_narrative_column_e_survives_refresh(host_outcomes, host):
    got = outcome(host_outcomes, "text_in_narrative_e", host)
    assert _kept(got, "Narrative", "E8")


@pytest.mark.parametrize("host", HOSTS)
def test_text_in_an_inserted_narrative_row_survives_refresh(host_outcomes, host):
    got = outcome(host_outcomes, "text_in_inserted_narrative_row", host)
    assert _kept(got, "Narrative", "D9")
