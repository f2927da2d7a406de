"""Issue 9, "The in-Excel path too" and "Two hosts, no contract": the macros on
xlwings' remote engine and the CLI see the same book the same way: protected
sheets and merged cells over a table are reported by both, a book of another
template version is written by neither, and the macro never adds a name that
already exists (Office.js may refuse the whole batch)."""

import pytest
from openpyxl import load_workbook

from .clerk import Table
from .clerk_cases import HOSTS, case, outcome
from .remote_actions import cells_of
from .test_report_totals_follow_every_edit import CASES_USED  # noqa: F401
from .why import hosts

pytestmark = pytest.mark.engine

NO_CONTRACT = "the xlwings snapshot records no protection or merged cells (regen)"


def _protect(wb):
    wb["Programmes"].protection.sheet = True


def _merge(wb):
    t = Table(wb, "tblSubheads")
    r = t.row_of("code", "700")
    t.ws.merge_cells(
        start_row=r,
        start_column=t.col("title_en"),
        end_row=r,
        end_column=t.col("title_zh"),
    )


def _old_version(wb):
    wb["Head"]["C23"] = "0.0.9"
    wb["Subheads"]["H7"] = -5  # something Refresh would flag and fill


case("protected_sheet", _protect)
case("merged_over_table", _merge)
case("old_template_version", _old_version)


@pytest.mark.parametrize("host", hosts(remote=NO_CONTRACT))
def test_a_protected_sheet_is_reported_by_both_hosts(host_outcomes, host):
    got = outcome(host_outcomes, "protected_sheet", host)
    assert [f["sheet"] for f in got.at("D12")] == ["Programmes"]


@pytest.mark.parametrize("host", hosts(remote=NO_CONTRACT))
def test_merged_cells_over_a_table_are_reported_by_both_hosts(host_outcomes, host):
    got = outcome(host_outcomes, "merged_over_table", host)
    assert [f["sheet"] for f in got.at("D09")] == ["Subheads"]


@pytest.mark.parametrize("host", HOSTS)
def test_a_book_of_another_template_version_is_written_by_neither_host(
    host_outcomes, host
):
    got = outcome(host_outcomes, "old_template_version", host)
    assert got.at("V01")
    before, after = load_workbook(got.before), load_workbook(got.book)
    assert cells_of(after) == cells_of(before)


@pytest.mark.parametrize("name", ["unedited", "appended", "reclassified"])
def test_the_macro_never_adds_a_name_that_exists(host_outcomes, name):
    got = outcome(host_outcomes, name, "remote")
    existing = set(load_workbook(got.before).defined_names)
    added = [a["args"][0] for r in got.actions for a in r if a["func"] == "namesAdd"]
    assert existing and not set(added) & existing
